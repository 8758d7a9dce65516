"""Every YAML feature either works or is refused at FILE:LINE:COL in Dutch and English (issue 13):
merge keys and !!omap read as plain mappings, tags, directives, extra documents, control characters and
surrogates are explained at their place, never with parser internals or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim import ScenarioError, load_scenario
from sim.yamlsource import YamlProblem, parse_yaml_bytes

ROOT = Path(__file__).resolve().parent.parent
VOS = (ROOT / "docs" / "examples" / "familie_vos.yaml").read_text(encoding="utf-8")


def _data(text: str):
    return parse_yaml_bytes(text.encode("utf-8"), "f.yaml")


def _refused(text: str | bytes) -> tuple[int, int, str, str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(YamlProblem) as exc:
        parse_yaml_bytes(raw, "f.yaml")
    p = exc.value.problem
    for rendered in (p.render("nl"), p.render("en")):
        assert rendered.startswith(f"f.yaml:{p.line}:{p.col}: ")
        assert "<unicode string>" not in rendered and "position" not in rendered
    return p.line, p.col, p.message_nl, p.message


def _scenario(tmp_path: Path, text: str):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def test_merge_keys_work_like_plain_mappings():
    src = _data("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n")
    assert src.data["m"] == {"y": 3, "x": 1}
    assert src.where(("m", "y")) == (4, 6)
    assert src.where(("m", "x")) == (1, 14)  # a merged value points at where it is written


def test_a_list_of_merges_takes_the_first_mapping_first():
    src = _data("a: &a {x: 1}\nb: &b {x: 2, z: 3}\nm:\n  <<: [*a, *b]\n")
    assert src.data["m"] == {"x": 1, "z": 3}


def test_a_scenario_written_with_merge_keys_loads_like_the_plain_one(tmp_path):
    plain = _scenario(tmp_path, VOS)
    start = VOS.index("  - id: wijkagent\n")
    end = VOS.index("  - id: veilig_thuis\n")
    text = VOS.replace("  - id: smw\n    kind: smw\n", "  - &school\n    id: smw\n    kind: smw\n", 1)
    text = text.replace(VOS[start:end], "  - <<: *school\n    id: wijkagent\n    kind: wijkagent\n    clients: []\n")
    merged = _scenario(tmp_path, text)
    assert merged.role_by_id["wijkagent"].organisation == plain.role_by_id["smw"].organisation
    assert merged.role_by_id["wijkagent"].clients == [] and merged.role_by_id["smw"] == plain.role_by_id["smw"]


def test_omap_works_like_a_plain_mapping():
    src = _data("title: !!omap\n  - nl: Hallo\n  - en: Hello\n")
    assert src.data == {"title": {"nl": "Hallo", "en": "Hello"}}
    assert src.where(("title", "en")) == (3, 9)


def test_set_and_pairs_become_lists():
    assert _data("roles: !!set {a, b}\n").data == {"roles": ["a", "b"]}
    assert _data("p: !!pairs [{a: 1}, {a: 2}]\n").data == {"p": [{"a": 1}, {"a": 2}]}


def test_explicit_standard_tags_convert_or_say_why_not():
    assert _data("a: !!str 12\nb: !!int '7'\nc: !!float 1\nd: !!bool yes\ne: !!null ''\n").data == \
        {"a": "12", "b": 7, "c": 1.0, "d": True, "e": None}
    line, col, nl, en = _refused("a: 1\nb: !!int twelve\n")
    assert (line, col) == (2, 4) and "twelve" in nl and "!!int" in en


def test_timestamps_stay_text_for_the_model_to_read():
    assert _data("d: 2026-09-07\nt: 2001-12-14t21:59:43.10-05:00\n").data == \
        {"d": "2026-09-07", "t": "2001-12-14t21:59:43.10-05:00"}


@pytest.mark.parametrize("text, where, word", [
    ("a: 1\nb: !!binary aGVsbG8=\n", (2, 4), "!!binary"),
    ("a: 1\nb: !foo bar\n", (2, 4), "!foo"),
    ("a: !!python/object:os.system x\n", (1, 4), "!!python/object:os.system"),
    ("a: !!map [1]\n", (1, 4), "!!map"),
])
def test_binary_and_unknown_tags_are_refused_at_their_place(text, where, word):
    line, col, nl, en = _refused(text)
    assert (line, col) == where and word in nl and word in en


def test_an_unknown_yaml_version_is_refused_at_the_directive():
    for version in ("9.9", "1.3", "2.0"):
        line, col, nl, en = _refused(f"%YAML {version}\n---\na: 1\n")
        assert (line, col) == (1, 7) and "YAML-versie" in nl and version in en


def test_yaml_1_1_and_tag_directives_work():
    assert _data("%YAML 1.1\n---\na: yes\nb: 010\n").data == {"a": True, "b": 8}
    assert _data("%YAML 1.2\n---\na: yes\n").data == {"a": "yes"}
    with pytest.raises(YamlProblem):  # a custom tag is still unknown to Ketenspel, at its place
        _data("%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n")


def test_a_second_document_is_refused_where_it_starts():
    line, col, nl, en = _refused("a: 1\n---\nb: 2\n")
    assert (line, col) == (3, 1) and "tweede YAML-document" in nl and "second YAML document" in en
    assert _data("a: 1\n...\n").data == {"a": 1}
    assert _data("---\na: 1\n---\n").data == {"a": 1}  # an empty trailing document is harmless


def test_a_lone_surrogate_is_refused_at_its_escape():
    line, col, nl, en = _refused('a: 1\nb: "ok \\ud800"\n')
    assert (line, col) == (2, 8) and "surrogaat" in nl and "surrogate" in en
    line, col, _, _ = _refused('"\\udc00": 1\n')
    assert (line, col) == (1, 2)


def test_an_escaped_surrogate_pair_is_the_character_it_encodes():
    assert _data('a: "\\ud83d\\ude00"\n').data == {"a": "\U0001F600"}


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\ufffe"])
def test_control_characters_are_refused_at_their_real_line_and_column(char):
    line, col, nl, en = _refused(f"a: 1\nb: x{char}y\n")
    assert (line, col) == (2, 5)
    assert f"U+{ord(char):04X}" in nl and "control character" in en


def test_invalid_utf8_is_refused_at_its_line():
    line, col, nl, _ = _refused(b"a: 1\nb: caf\xe9\n")
    assert (line, col) == (2, 7) and "UTF-8" in nl


def test_an_anchor_that_contains_itself_is_refused():
    line, col, nl, en = _refused("a: &x [1, *x]\n")
    assert line == 1 and "zichzelf" in nl and "itself" in en


def test_an_undefined_alias_is_explained_in_dutch():
    line, col, nl, en = _refused("a: 1\nb: *nope\n")
    assert (line, col) == (2, 4) and "anker" in nl and "anchor" in en


def test_a_mapping_used_as_a_key_is_refused_at_the_key():
    line, col, nl, en = _refused("? [a, b]\n: 1\n")
    assert (line, col) == (1, 3) and "sleutel" in nl


def test_a_duplicate_key_after_a_merge_is_allowed_but_twice_written_is_not():
    assert _data("b: &b {x: 1}\nm: {<<: *b, x: 2}\n").data["m"] == {"x": 2}
    line, col, nl, _ = _refused("m:\n  x: 1\n  x: 2\n")
    assert (line, col) == (3, 3) and '"x"' in nl


def test_a_byte_order_mark_is_read_and_not_counted_as_a_column():
    src = _data("\ufeffa: 1\nb: [x, y]\n")
    assert src.data == {"a": 1, "b": ["x", "y"]} and src.where(("a",)) == (1, 4)


def test_any_feature_in_a_real_scenario_file_is_refused_through_scenario_error(tmp_path):
    with pytest.raises(ScenarioError) as exc:
        _scenario(tmp_path, VOS.replace("  duration: 8w", "  duration: !!binary aGVsbG8="))
    (p,) = exc.value.problems
    assert (p.line, p.col) == (21, 13)
