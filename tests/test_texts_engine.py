"""The engine's own messages read as a Dutch professional would write them (issue 15, review "Dutch
texts"): a role with its article inside a sentence ("Ook de zorgcoördinator is betrokken"), lists joined
with "en", the family when no child is named (never "?"), a brother called a brother, the settings of a
refused Verwijsindex registration named as the player knows them, and the Verwijsindex cited by the law
it is in now, the Jeugdwet (seed 003, "Sneller onveiligheid signaleren met de Verwijsindex": "In de
Jeugdwet staat dat elke gemeente wettelijk verplicht is aangesloten op de landelijke VIR")."""

from __future__ import annotations

import re

import pytest

from sim import MemoryLog, Session, load_scenario, resolve_scenario
from sim.messages import join_names

WORLD_EVENT_KINDS = {"observation", "disclosure", "message", "call_out", "complaint", "news"}
"""Messages the scenario writes itself (world events, interventions): not the engine's texts."""


@pytest.fixture(scope="module")
def peter():
    return load_scenario(resolve_scenario("peter"))


@pytest.fixture(scope="module")
def lisanne_lars():
    return load_scenario(resolve_scenario("lisanne_lars"))


def _inbox(session: Session, role: str, kind: str | None = None) -> list[dict]:
    return [r["text"] for r in session.records
            if r.get("type") == "message" and r["to"] == role and (kind is None or r["kind"] == kind)]


def test_asking_feedback_without_a_child_names_the_family_not_a_question_mark(pietersdam):
    """The smw asks the wijkteam for feedback without naming a child: the wijkteam reads "De
    schoolmaatschappelijk werker vraagt u om terugkoppeling over het gezin." — not "over ?."."""
    s = Session(pietersdam, seed=1, players={"smw", "wijkteam"}, log=MemoryLog())
    assert s.act("smw", {"do": "ask_feedback", "to": "wijkteam"}).ok
    [text] = _inbox(s, "wijkteam", "feedback_asked")
    assert text["nl"] == "De schoolmaatschappelijk werker vraagt u om terugkoppeling over het gezin."
    assert text["en"] == "The school social worker asks you for feedback about the family."


def test_no_engine_message_shows_a_question_mark_for_a_missing_name(pietersdam):
    """Actions whose child is optional (share, request, feedback) read well without one."""
    s = Session(pietersdam, seed=1, players={"smw", "wijkteam"}, log=MemoryLog())
    s.act("smw", {"do": "give_feedback", "to": "wijkteam"})
    s.act("smw", {"do": "request_info", "from": "wijkteam"})
    texts = _inbox(s, "wijkteam")
    assert len(texts) >= 2
    for text in texts:
        assert "?" not in text["nl"] and "?" not in text["en"], text


def test_a_vir_registration_with_content_names_the_settings_as_the_player_knows_them(pietersdam):
    """Registering with facts and a reason is refused with "laat de feiten en de reden weg" — the
    names on the form (sim/data/refusals.yaml), never the field ids "facts" or "reason"."""
    s = Session(pietersdam, seed=1, players={"smw"}, log=MemoryLog())
    reason = s.act("smw", {"do": "vir_register", "child": "kevin", "facts": ["kevin_stil"], "reason": "zorg"}).reason
    assert "laat de feiten en de reden weg" in reason.nl
    assert "leave out the facts and the reason" in reason.en
    assert not re.search(r"\b(facts|reason)\b", reason.nl)


def test_the_vir_refusal_cites_the_jeugdwet_with_the_public_name_of_the_index(pietersdam):
    """The Wet verwijsindex risicojongeren is part of the Jeugdwet since 2015; the refusal names the
    Verwijsindex Risicojongeren (VIR) as seed 003 does and cites the Jeugdwet, not the old act."""
    s = Session(pietersdam, seed=1, players={"smw"}, log=MemoryLog())
    reason = s.act("smw", {"do": "vir_register", "child": "kevin", "note": "moeder drinkt"}).reason
    assert "Verwijsindex Risicojongeren (VIR)" in reason.nl and "Jeugdwet" in reason.nl
    assert "Wet verwijsindex" not in reason.nl
    assert "laat de overige gegevens weg" in reason.nl  # a setting no form has


def test_a_vir_match_names_the_other_role_with_its_article(pietersdam):
    """"Ook Zorgcoördinator is betrokken" was the role's label; in a sentence it is "de zorgcoördinator",
    and the regisseur "het sociaal wijkteam"."""
    s = Session(pietersdam, seed=1, players={"zorgcoordinator", "jongerenwerk"}, log=MemoryLog())
    s.act("zorgcoordinator", {"do": "vir_register", "child": "henk"})
    s.act("jongerenwerk", {"do": "vir_register", "child": "henk"})
    [text] = _inbox(s, "jongerenwerk", "vir_match")
    assert "Ook de zorgcoördinator is betrokken" in text["nl"]
    assert "het sociaal wijkteam is regisseur" in text["nl"]
    assert "The care coordinator (secondary school) is involved too" in text["en"]


def test_a_role_that_starts_a_message_has_its_article_with_a_capital(pietersdam):
    """"Sociaal wijkteam neemt de regie" → "Het sociaal wijkteam neemt de regie voor Kevin."."""
    s = Session(pietersdam, seed=1, players={"wijkteam", "smw"}, log=MemoryLog())
    s.world.note_contact("wijkteam", "smw")
    assert s.act("smw", {"do": "handover", "to": "wijkteam", "child": "kevin"}).ok
    [text] = _inbox(s, "wijkteam", "handover")
    assert text["nl"].startswith("De schoolmaatschappelijk werker wil de zaak van Kevin aan u overdragen.")
    assert text["en"].startswith("The school social worker wants to hand the case of Kevin over to you.")


def test_lists_of_people_and_roles_are_joined_with_en(peter):
    """"Moeder van Peter, Vader van Peter" → "Moeder van Peter en Vader van Peter"; a consent for a
    meeting lists the roles as a sentence does: "…, de wijkagent en het sociaal wijkteam"."""
    s = Session(peter, seed=1, players={"ib"}, log=MemoryLog())
    s.act("ib", {"do": "talk_parents", "child": "peter", "purpose": "inform"})
    [talk] = _inbox(s, "ib", "talk_parents")
    assert talk["nl"] == "U hebt Moeder van Peter en Vader van Peter geïnformeerd."
    assert talk["en"] == "You informed Peter's mother and Peter's father."
    s.act("ib", {"do": "talk_parents", "child": "peter", "purpose": "consent", "about": "meeting",
                 "share_with": ["wijkagent", "wijkteam", "jongerenwerk"]})
    consent = _inbox(s, "ib", "consent")[0]
    assert "een casusoverleg over Peter met de jongerenwerker, de wijkagent en het sociaal wijkteam." \
        in consent["nl"]
    assert "with the youth worker, the community police officer and the social neighbourhood team." in consent["en"]


def test_join_names_reads_as_a_sentence():
    assert join_names([], "nl") == "" and join_names(["Kevin"], "nl") == "Kevin"
    assert join_names(["Kevin", "Henk"], "nl") == "Kevin en Henk"
    assert join_names(["a", "b", "c"], "en") == "a, b and c"


def test_a_sibling_is_called_by_the_relation_the_scenario_gives(pietersdam, lisanne_lars):
    """Kevin and Henk are sons ("zoon"): the Verwijsindex links "Kevin, de broer van Henk", not "een
    broer of zus"; Lisanne is a daughter: "Lisanne, de zus van Lars" (seed 003, Lisanne en Lars)."""
    s = Session(pietersdam, seed=1, players={"zorgcoordinator", "smw"}, log=MemoryLog())
    s.act("zorgcoordinator", {"do": "vir_register", "child": "henk"})
    s.act("smw", {"do": "vir_register", "child": "kevin"})
    [to_zc] = _inbox(s, "zorgcoordinator", "vir_family")
    assert to_zc["nl"] == ("Verwijsindex: de schoolmaatschappelijk werker heeft een signaal afgegeven over Kevin, "
                           "de broer van Henk.")
    assert "Kevin, the brother of Henk" in to_zc["en"]
    s2 = Session(lisanne_lars, seed=1, players={"ib_lisanne", "ib_lars"}, log=MemoryLog())
    s2.act("ib_lars", {"do": "vir_register", "child": "lars"})
    s2.act("ib_lisanne", {"do": "vir_register", "child": "lisanne"})
    to_lars = [t["nl"] for t in _inbox(s2, "ib_lars", "vir_family")]
    assert "Verwijsindex: de IB'er van Lisanne heeft een signaal afgegeven over Lisanne, de zus van Lars." in to_lars


def test_a_relation_that_does_not_say_brother_or_sister_stays_neutral(mini):
    """A scenario whose relation gives no sex for a child ("kind") keeps "een broer of zus"."""
    from sim.messages import sibling_phrase

    data = mini.model_dump()
    for p in data["family"]["persons"]:
        if p["id"] == "bram":
            p["relation"] = {"nl": "kind", "en": "child"}
    sc = type(mini).model_validate(data)
    assert sibling_phrase(sc, "bram", "anna").nl == "een broer of zus"
    assert sibling_phrase(sc, "anna", "bram").nl == "de zus"


def test_a_child_consenting_about_itself_says_zichzelf(lisanne_lars):
    """"Lars geeft toestemming over Lars" → "Lars geeft toestemming voor het delen van informatie over
    zichzelf met de GGZ-behandelaar"."""
    s = Session(lisanne_lars, seed=1, players={"ib_lars"}, log=MemoryLog())
    s.act("ib_lars", {"do": "talk_child", "child": "lars", "purpose": "consent", "share_with": ["ggz"]})
    texts = [t["nl"] for t in _inbox(s, "ib_lars", "consent")]
    assert any("Lars geeft" in t and "over zichzelf met de GGZ-behandelaar" in t for t in texts), texts
    assert all("over Lars" not in t for t in texts if t.startswith("Lars "))


@pytest.mark.parametrize("family", ["pietersdam", "peter", "lisanne_lars"])
@pytest.mark.parametrize("policy", ["expert", "passive"])
def test_every_engine_message_names_roles_as_a_sentence_does(family, policy):
    """Across whole games: where a role's label (e.g. "Zorgcoördinator", "Sociaal wijkteam") stands in an
    engine message it follows its article; no list of two or more names lacks "en"; no "?" stands
    for a missing name; no risk number is shown (the level is hidden from players)."""
    from sim.runner import play, resolve_policy

    sc = load_scenario(resolve_scenario(family))
    session, _ = play(sc, resolve_policy(sc, policy), 1)
    labels = {r.id: sc.role_name(r.id) for r in sc.roles}
    for rec in session.records:
        if rec.get("type") != "message" or rec["kind"] in WORLD_EVENT_KINDS:
            continue
        for lang in ("nl", "en"):
            text = rec["text"][lang]
            assert " ?" not in text and "?." not in text, text
            assert not re.search(r"risico \d|risk \d", text), text
            for role, label in labels.items():
                article = getattr(sc.role_in_sentence(role), lang)
                bare = getattr(label, lang)
                if article == bare:  # a proper name without article ("Veilig Thuis")
                    continue
                for m in re.finditer(re.escape(bare), text):
                    before = text[:m.start()]
                    assert before.endswith(("de ", "het ", "De ", "Het ", "the ", "The ")), (bare, text)


def test_a_family_member_named_by_description_reads_in_english_in_english():
    from sim import load_scenario, resolve_scenario
    from sim.messages import people_phrase

    sc = load_scenario(resolve_scenario("peter"))
    parents = sc.person_by_id[sc.children[0].id].gezag
    phrase = people_phrase(sc, parents)
    assert phrase.nl == "Moeder van Peter en Vader van Peter"
    assert phrase.en == "Peter's mother and Peter's father"
