"""The studio's pages for the parts of a family beyond the first pages (issue 21): own kinds, revealed_by,
thresholds, the institutions' habits, the Verwijsindex, conversations, each action's own settings — and a
check that every field of the scenario model has a place on a page, in Dutch and English."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("nicegui", reason="the studio runs in .venv/studio: make test runs these tests there")

from nicegui.testing import User  # noqa: E402

from cli import main as cli_main  # noqa: E402
from sim.loader import available_scenarios, load_scenario  # noqa: E402
from tests.studio_pages_steps import both, field, pick_options, put, selects, studio, tab  # noqa: E402,F401


async def test_own_kinds_deadlines_habits_and_a_conversation_are_written_without_yaml(user: User, studio, tmp_path):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    studio(copy)
    await user.open("/")
    # An own kind of professional: a debt counsellor, bound by secrecy, giving care
    await tab(user, "roles")
    user.find(marker="add:kinds").click()
    await tab(user, "roles")
    put(user, "kinds/eigen_soort_1", "Schuldhulp verlener")  # not a name for the file: said beside it
    assert "kleine letters" in next(iter(user.find(marker="s:kinds/eigen_soort_1").elements)).text
    put(user, "kinds/eigen_soort_1", "schuldhulpverlener")
    await tab(user, "roles")
    both(user, "kinds/schuldhulpverlener/name", "Schuldhulpverlener", "Debt counsellor")
    put(user, "kinds/schuldhulpverlener/secrecy", True)
    both(user, "kinds/schuldhulpverlener/task", "Helpt gezinnen met schulden.", "Helps families in debt.")
    # … and a role of that kind: the pick list offers the catalogue's kinds and the scenario's own
    user.find(marker="add:roles").click()
    kinds = pick_options(user, "roles/9/kind")
    assert "leerkracht" in kinds and "schuldhulpverlener" in kinds
    put(user, "roles/9/id", "schuldhulp")
    put(user, "roles/9/kind", "schuldhulpverlener")
    put(user, "roles/9/playable", False)
    both(user, "roles/9/organisation", "Schuldhulp Stad", "City debt counselling")
    both(user, "roles/9/briefing", "U helpt moeder met de schulden.", "You help mother with the debts.")
    # How a fact is found out: talking with Peter, by the teacher
    await tab(user, "facts")
    user.find(marker="add:facts/0/revealed_by").click()
    await tab(user, "facts")
    n = len(load_scenario(available_scenarios()["peter"]).facts[0].revealed_by)
    put(user, f"facts/0/revealed_by/{n}/action", "talk_child")
    put(user, f"facts/0/revealed_by/{n}/roles", ["leerkracht"])
    put(user, f"facts/0/revealed_by/{n}/child", "peter")
    # The judge's deadline for a report, and the institutions' habits
    await tab(user, "expectations")
    put(user, "thresholds/report_days", 5)
    await tab(user, "npc")
    put(user, "npc/refuses_without_consent", ["schuldhulp"])
    put(user, "npc/answer_delay", "1d")
    put(user, "npc/meeting_delay/zat", "3d")
    put(user, "npc/veilig_thuis/triage", "4d")
    put(user, "npc/partners/realistic/skip_chance", 0.4)
    # A rule whose action is a case meeting: its own settings appear, picked from lists
    user.find(marker="add:rules").click()
    await tab(user, "npc")
    r = len(load_scenario(available_scenarios()["peter"]).npc.rules)
    put(user, f"npc/rules/{r}/role", "ib")
    put(user, f"npc/rules/{r}/do", "case_meeting")
    await tab(user, "npc")
    put(user, f"npc/rules/{r}/kind", "zat")
    put(user, f"npc/rules/{r}/child", "peter")
    put(user, f"npc/rules/{r}/invite", ["leerkracht", "schuldhulp"])
    # The Verwijsindex: an earlier registration
    await tab(user, "vir")
    user.find(marker="add:registered").click()
    await tab(user, "vir")
    put(user, "vir/registered/0/role", "wijkagent")
    put(user, "vir/registered/0/child", "peter")
    # A conversation with two choices
    await tab(user, "conversations")
    user.find(marker="add:conversations").click()
    await tab(user, "conversations")
    c = f"conversations/{len(load_scenario(available_scenarios()['peter']).conversations)}"
    put(user, f"{c}/id", "gesprek_oefenen")
    both(user, f"{c}/title", "Gesprek met Peter", "Talk with Peter")
    put(user, f"{c}/with", "child")
    put(user, f"{c}/child", "peter")
    put(user, f"{c}/roles", ["leerkracht"])
    put(user, f"{c}/source", "eigen toevoeging: een gesprek om te oefenen")
    both(user, f"{c}/nodes/0/text", "Peter kijkt weg.", "Peter looks away.")
    ch = f"{c}/nodes/0/choices"
    both(user, f"{ch}/0/say", "Hoe gaat het met je?", "How are you?")
    put(user, f"{ch}/0/marks", ["listens"])
    put(user, f"{ch}/0/good", True)
    put(user, f"{ch}/0/counts_as/do", "talk_child")
    await tab(user, "conversations")
    put(user, f"{ch}/0/counts_as/purpose", "concern")
    both(user, f"{ch}/0/replies/0/text", "'Moe,' zegt Peter.", "'Tired,' says Peter.")
    put(user, f"{ch}/0/replies/0/facts", ["peter_moe_uit_klas"])
    user.find(marker=f"add:{ch}").click()
    await tab(user, "conversations")
    both(user, f"{ch}/1/say", "Dit blijft tussen ons.", "This stays between us.")
    put(user, f"{ch}/1/marks", ["promises_secrecy"])
    both(user, f"{ch}/1/replies/0/text", "Peter haalt zijn schouders op.", "Peter shrugs.")
    put(user, f"{ch}/1/replies/0/end", True)
    await tab(user, "check")
    await user.should_see(marker="status")
    user.find(marker="save").click()
    await user.should_see("Opgeslagen")
    assert cli_main(["validate", str(copy)]) == 0
    sc = load_scenario(copy)
    assert sc.kinds["schuldhulpverlener"].secrecy and sc.kinds["schuldhulpverlener"].care
    assert sc.role_kind("schuldhulp").name.en == "Debt counsellor"
    assert sc.thresholds.report_days == 5
    assert sc.npc.answer_delay == 24 and sc.npc.refuses_without_consent == ["schuldhulp"]
    assert sc.npc.meeting_delay["zat"] == 72 and sc.npc.meeting_delay["mdo"] == 120  # the others keep their default
    assert sc.npc.veilig_thuis.triage == 96 and sc.npc.partners.realistic.skip_chance == 0.4
    rule = sc.npc.rules[r]
    assert rule.action.do == "case_meeting" and rule.action.kind == "zat" and rule.action.invite == ["leerkracht",
                                                                                                   "schuldhulp"]
    assert sc.vir.registered[0].role == "wijkagent" and sc.vir.registered[0].child == "peter"
    reveal = sc.facts[0].revealed_by[n]
    assert (reveal.action, reveal.roles, reveal.child) == ("talk_child", ["leerkracht"], "peter")
    talk = sc.conversation_by_id["gesprek_oefenen"]
    first, second = talk.nodes[0].choices
    assert first.good and first.marks == ["listens"] and first.counts_as.purpose == "concern"
    assert first.replies[0].facts == ["peter_moe_uit_klas"]
    assert second.marks == ["promises_secrecy"] and second.replies[0].end
    # The saved file is what the pages show
    await tab(user, "conversations")
    assert field(user, f"{ch}/1/say/nl").value == second.say.nl
    assert field(user, f"{c}/with").value == talk.with_ == "child"
    await tab(user, "npc")
    assert field(user, "npc/meeting_delay/zat").value == "3d"
    assert field(user, f"npc/rules/{r}/invite").value == ["leerkracht", "schuldhulp"]
    await tab(user, "roles")
    assert field(user, "roles/9/kind").value == "schuldhulpverlener"
    assert field(user, "kinds/schuldhulpverlener/name/en").value == "Debt counsellor"


async def test_another_action_for_a_rule_keeps_the_settings_both_take_and_drops_the_rest(user: User, studio, tmp_path):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    studio(copy)
    await user.open("/")
    await tab(user, "npc")
    rule = next(i for i, r in enumerate(load_scenario(copy).npc.rules) if r.id == "ib_zat")
    assert field(user, f"npc/rules/{rule}/kind").value == "zat"  # a case meeting shows its kind and invitees
    assert field(user, f"npc/rules/{rule}/invite").value == ["leerkracht"]
    put(user, f"npc/rules/{rule}/do", "talk_parents")
    await tab(user, "npc")
    await user.should_not_see(marker=f"f:npc/rules/{rule}/kind")  # a talk has no kind of meeting …
    assert field(user, f"npc/rules/{rule}/purpose").value is None  # … but a purpose (default: concern)
    put(user, f"npc/rules/{rule}/purpose", "consent")
    user.find(marker="save").click()
    await user.should_see("Opgeslagen")
    action = load_scenario(copy).npc.rules[rule].action
    assert (action.do, action.child, action.purpose) == ("talk_parents", "peter", "consent")
    # what a fact's ways of being found out are is on the facts page, picked from lists
    await tab(user, "facts")
    i, fact = next((i, f) for i, f in enumerate(load_scenario(copy).facts) if f.revealed_by)
    assert field(user, f"facts/{i}/revealed_by/0/roles").value == fact.revealed_by[0].roles
    assert field(user, f"facts/{i}/revealed_by/0/action").value == fact.revealed_by[0].action
    # an expectation's match shows every setting it asks for, a yes/no one too (a plan made with the parents)
    await tab(user, "expectations")
    j = next(j for j, e in enumerate(load_scenario(copy).expectations) if e.match.get("with_parents") is True)
    assert field(user, f"expectations/{j}/match/with_parents").value == "yes"
    assert field(user, f"expectations/{j}/match/child").value == "peter"


def test_every_field_of_the_pages_reads_in_dutch_and_in_english():
    from sim.actions import ACTION_IDS
    from studio.spec import META_FIELDS, RISK_FIELDS, SECTIONS, labels
    from studio.spec_parts import (
        KIND_FIELDS,
        NPC_FIELDS,
        PARTNER_FIELDS,
        THRESHOLD_FIELDS,
        VIR_FIELDS,
        VT_FIELDS,
        action_params,
    )

    keys = {lab for spec in SECTIONS.values() for _, lab, _ in spec["fields"]}
    keys |= {lab for fields in (META_FIELDS, RISK_FIELDS, VIR_FIELDS, THRESHOLD_FIELDS, NPC_FIELDS, VT_FIELDS)
             for _, lab, _ in fields}
    keys |= {lab for fields in (KIND_FIELDS, PARTNER_FIELDS) for _, lab, _ in fields}
    keys |= {lab for do in ACTION_IDS for _, lab, _, _ in action_params(do)}
    keys |= {spec["label"] for spec in SECTIONS.values()}
    missing = sorted(k for k in keys if not {"nl", "en"} <= set(labels().get(k) or {}))
    assert missing == []


def test_every_field_of_the_scenario_model_has_a_place_on_a_page():
    """Compared field by field with sim.model: a part of a family the pages cannot write is a gap."""
    from sim import model as m
    from sim.catalogue import RoleKind
    from sim.conversation_model import Choice, Conversation, CountsAs, Node, Reply
    from sim.expectations import Thresholds, Window
    from studio.spec import META_FIELDS, RISK_FIELDS, SECTIONS
    from studio.spec_parts import (
        KIND_FIELDS,
        NPC_FIELDS,
        PARTNER_FIELDS,
        RULE_FIELDS,
        THRESHOLD_FIELDS,
        VT_FIELDS,
        action_params,
    )

    def keys(section: str, part: int = 0) -> set:
        return {k.split(".")[part] for k, *_ in SECTIONS[section]["fields"] if part == 0 or "." in k}

    pages = {
        m.Meta: {p[1] for p, *_ in META_FIELDS if p[0] == "meta"},
        m.Family: {p[1] for p, *_ in META_FIELDS if p[0] == "family"} | {"persons"},
        m.Person: keys("persons") | {"name_en"},  # the name field writes {nl, en} when the English differs
        m.Role: keys("roles"), m.Fact: keys("facts"), m.Reveal: keys("reveals"), m.WorldEvent: keys("events"),
        m.Risk: {p[1] for p, *_ in RISK_FIELDS if p[0] == "risk"},
        m.Incident: {p[1] for p, *_ in RISK_FIELDS if p[0] == "incident"} | {"outcomes"},
        m.ChildOutcome: keys("outcomes"), m.Intervention: keys("interventions"),
        m.Expectation: keys("expectations"), Window: keys("expectations", 1) - {"child"},
        m.Vir: {"regisseur", "registered"}, m.VirRegistration: keys("registered"),
        m.NpcBehaviour: {p[1] for p, *_ in NPC_FIELDS} | {"meeting_delay", "veilig_thuis", "raad", "partners", "rules"},
        m.VeiligThuisBehaviour: {p[2] for p, *_ in VT_FIELDS if p[1] == "veilig_thuis"},
        m.RaadBehaviour: {p[2] for p, *_ in VT_FIELDS if p[1] == "raad"},
        m.PartnerLevels: {"competent", "realistic"}, m.PartnerLevel: {k for k, *_ in PARTNER_FIELDS},
        m.NpcRule: {k for k, *_ in RULE_FIELDS} | {"action"}, Thresholds: {p[1] for p, *_ in THRESHOLD_FIELDS},
        Conversation: keys("conversations"), Node: keys("nodes"), Choice: keys("choices"), Reply: keys("replies"),
        CountsAs: {"do"} | {k for do in ("talk_parents", "talk_child", "consult_colleague", "advice_veilig_thuis")
                            for k, *_ in action_params(do)},
        RoleKind: {k for k, *_ in KIND_FIELDS} | {"the"},  # the article: one pick on the kind's page
    }
    gaps = {model.__name__: sorted({i.alias or n for n, i in model.model_fields.items() if not i.exclude} - shown)
            for model, shown in pages.items()}
    assert {k: v for k, v in gaps.items() if v} == {}


async def test_a_meeting_held_condition_is_built_from_lists(user: User, studio, tmp_path):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    studio(copy)
    await user.open("/")
    await tab(user, "interventions")
    top = load_scenario(copy).interventions[0].when.model_dump(exclude_none=True, by_alias=True)
    assert list(top) == ["all"]  # the whole condition is replaced: its top pick list is the one showing 'all'
    next(e for e in selects(user, "interventions/0/when", having="meeting_held") if e.value == "all") \
        .set_value("meeting_held")
    await tab(user, "interventions")
    selects(user, "interventions/0/when", having="zat")[0].set_value("zat")
    selects(user, "interventions/0/when", having="ib")[0].set_value("ib")
    user.find(marker="save").click()
    await user.should_see("Opgeslagen")
    assert cli_main(["validate", str(copy)]) == 0
    when = load_scenario(copy).interventions[0].when.model_dump(exclude_none=True)
    assert when == {"meeting_held": {"kind": "zat", "child": "peter", "present": "ib"}}
