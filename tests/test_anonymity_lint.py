"""`lint` helps a trainer mark what makes a family traceable (authoring/lint/anonymity.py): without marks
the judge would praise every 'anonymous' consultation. Seed 003, 7 tips, tip 2: "Maar alleen de namen
veranderen of weglaten is niet genoeg. Het gezin mag op geen enkele manier te herleiden zijn." Seed 000:
"Anoniempje van 12…". Each test makes one mistake in the guide's example family."""

from __future__ import annotations

from pathlib import Path

from cli import main

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "docs" / "examples" / "familie_vos.yaml").read_text(encoding="utf-8")
NOOR_BLAUW = "    about: [noor]\n    sensitivity: school\n    needed_by: [smw, veilig_thuis]\n"


def _noor_blauw(*marks: str, sensitivity: str = "school") -> str:
    """The fact noor_blauwe_plekken with other marks (one YAML line each) and sensitivity."""
    return "    about: [noor]\n" + "".join(f"    {m}\n" for m in marks) + \
        f"    sensitivity: {sensitivity}\n    needed_by: [smw, veilig_thuis]\n"


def _lint(tmp_path: Path, capsys, *edits: tuple[str, str]) -> list[str]:
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "vos.yaml"
    path.write_text(text, encoding="utf-8")
    main(["lint", str(path)])
    return capsys.readouterr().err.splitlines()


def test_a_scenario_with_no_fact_marked_cannot_judge_anonymity(tmp_path, capsys):
    """Without any `identifying` or `narrows`, even an 'anonymous' consult naming the school, the class
    and the police call-out would be praised: lint says so once, at `facts:`."""
    lines = _lint(tmp_path, capsys, ("    narrows: [household]\n", ""), ("    narrows: [event]\n", ""))
    assert len(lines) == 1 and "geen enkel feit is gemarkeerd met identifying of narrows" in lines[0]
    facts_line = BASE[:BASE.index("\nfacts:")].count("\n") + 2
    assert f":{facts_line}:" in lines[0]


def test_identity_data_must_be_marked_identifying(tmp_path, capsys):
    """A fact that names the family (sensitivity: identity) but is not `identifying` would let "Noor,
    9 jaar, groep 6 van De Linde" pass as anonymous."""
    lines = _lint(tmp_path, capsys, (NOOR_BLAUW, _noor_blauw(sensitivity="identity")))
    assert any('"noor_blauwe_plekken" is identiteitsgegeven' in x and "identifying: true" in x for x in lines), lines


def test_a_rare_detail_is_narrows_not_identifying(tmp_path, capsys):
    """`identifying` is for a name, an address, a BSN; a rare detail narrows the family down and counts
    together with the rest (school + class + rare detail)."""
    lines = _lint(tmp_path, capsys, (NOOR_BLAUW, _noor_blauw("identifying: true")))
    assert any('"noor_blauwe_plekken" is identifying: true maar geen identiteitsgegeven' in x for x in lines), lines


def test_a_text_naming_an_age_or_class_must_be_marked_so(tmp_path, capsys):
    """"Anoniempje van 12" (seed 000): a child's age in the text is a piece of the puzzle, and so is
    "groep 6"; a fact whose text says so but whose `narrows` does not is flagged."""
    lines = _lint(tmp_path, capsys, ("Noor heeft blauwe plekken op haar bovenarmen",
                                     "Noor (9) uit groep 6 heeft blauwe plekken op haar bovenarmen"))
    assert any('noemt "(9)", maar narrows bevat geen age' in x for x in lines), lines
    assert any('noemt "groep 6", maar narrows bevat geen class' in x for x in lines), lines
    lines = _lint(tmp_path, capsys, ("Noor heeft blauwe plekken op haar bovenarmen",
                                     "Noor (9) uit groep 6 heeft blauwe plekken op haar bovenarmen"),
                  (NOOR_BLAUW, _noor_blauw("narrows: [age, class]")))
    assert not lines, lines


def test_narrows_beside_identifying_or_twice_is_flagged(tmp_path, capsys):
    """An `identifying` fact is traceable on its own (narrows adds nothing); one kind twice counts once."""
    lines = _lint(tmp_path, capsys, (NOOR_BLAUW, _noor_blauw("identifying: true", "narrows: [school, school]",
                                                             sensitivity="identity")))
    assert any("narrows voegt niets toe" in x for x in lines), lines
    assert any("noemt school twee keer in narrows" in x for x in lines), lines


def test_the_shipped_families_and_the_template_are_marked(tmp_path, capsys):
    """Every shipped family, the guide's example and the `new` template mark their facts without a
    single anonymity warning."""
    assert main(["new", "proef", "--out", str(tmp_path / "proef.yaml")]) == 0
    for target in ("pietersdam", "peter", "lisanne_lars", str(ROOT / "docs/examples/familie_vos.yaml"),
                   str(tmp_path / "proef.yaml")):
        capsys.readouterr()
        main(["lint", target])
        err = capsys.readouterr().err
        assert "narrows" not in err and "identifying" not in err, err


def test_a_count_or_a_time_span_is_no_age():
    """"Moeder van 3 kinderen" says who the household is, "2 jaar geleden" when: neither is a child's
    age, so lint does not ask for `narrows: [age]` there (only "(11)", "10 jaar", "van 16" are ages)."""
    from authoring.lint.anonymity import AGE

    for text in ("moeder van 3 kinderen", "sinds 2 jaar geleden", "van 9 uur tot 12 uur"):
        assert not AGE.search(text), text
    for text in ("Peter (11) hangt op straat", "Kevin is 10 jaar", "zijn broer van 16", "Anoniempje van 12"):
        assert AGE.search(text), text
