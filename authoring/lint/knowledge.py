"""Checks on who can know what: facts nobody can ever learn, and roles with nothing to do.

A fact enters play only first-hand (knows_at_start, an event, the incident, an intervention, or
`revealed_by` an action); sharing only passes on what someone already knows (seed 003, 7 tips)."""

from __future__ import annotations

from collections.abc import Iterator

from authoring.lint.base import ERROR, WARNING, Finding, LintInput


def unlearnable_facts(d: LintInput) -> Iterator[Finding]:
    """A fact no role can ever learn: it can never be shared, reported or scored."""
    for i, fact in enumerate(d.scenario.facts):
        if not d.learnable.get(fact.id):
            yield d.finding(WARNING, "fact_unlearnable", ("facts", i, "id"), fact=fact.id)


def idle_roles(d: LintInput) -> Iterator[Finding]:
    """A playable role that knows nothing, has no clients, observes nothing, is told nothing, is
    expected to do nothing and is never asked to a meeting: a player in it has nothing to do."""
    busy = _busy(d)
    for i, role in enumerate(d.scenario.roles):
        if role.playable and role.id not in busy:
            yield d.finding(WARNING, "role_idle", ("roles", i, "id"), role=role.id)


def _busy(d: LintInput) -> set[str]:
    """The roles that know, see, are told or are expected something (the others are idle)."""
    sc = d.scenario
    busy: set[str] = set()
    for role in sc.roles:
        if role.knows_at_start or role.clients:
            busy.add(role.id)
    for ev in sc.events:
        busy.update(ev.observed_by)
    busy.update(sc.incident.observed_by)
    for iv in sc.interventions:
        busy.update(iv.tell)
    for fact in sc.facts:
        for rev in fact.revealed_by:
            busy.update(rev.roles)
    for exp in sc.expectations:
        busy.update(exp.roles)
    return busy


def unmeetable_expectations(d: LintInput) -> Iterator[Finding]:
    """An expectation none of whose roles can ever take the action: every role is computer-played
    without an NPC rule for it, or the action needs Veilig Thuis and it is not at the table."""
    sc = d.scenario
    has_vt = any(r.kind == "veilig_thuis" for r in sc.roles)
    npc_does = {(rule.role, rule.action.do) for rule in sc.npc.rules}
    for i, exp in enumerate(sc.expectations):
        if exp.do in ("advice_veilig_thuis", "report_veilig_thuis") and not has_vt:
            yield d.finding(ERROR, "expectation_needs_vt", ("expectations", i, "do"), expectation=exp.id)
            continue
        able = [r for r in exp.roles if r in sc.role_by_id
                and (sc.role_by_id[r].playable or (r, exp.do) in npc_does)]
        if not able:
            yield d.finding(ERROR, "expectation_no_role", ("expectations", i, "roles"),
                            expectation=exp.id, action=exp.do)


def roles_without_duty(d: LintInput) -> Iterator[Finding]:
    """A playable role that owns no expectation: played alone (solo, `balance --solo`) its player is judged
    only on privacy and silence, never on what the role should do; give it a duty or make it computer-played."""
    sc = d.scenario
    owned = {r for exp in sc.expectations for r in exp.roles}
    busy = _busy(d)  # an idle role is told so once (idle_roles)
    for i, role in enumerate(sc.roles):
        if role.playable and role.id not in owned and role.id in busy:
            yield d.finding(WARNING, "role_no_duty", ("roles", i, "id"), role=role.id)


RULES = (unlearnable_facts, idle_roles, roles_without_duty, unmeetable_expectations)
