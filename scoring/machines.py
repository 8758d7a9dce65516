"""The scoring's state machines, described as data and built once with `transitions`.

Each spec lists states and transitions with the log record that triggers them and the seed behind it;
docs/regels.md and docs/machines/*.md are generated from these specs (scoring.catalogue). The machines
are shared: one `Machine(model=None, …)` per kind, with many small models added (no threads); the judge
moves a model with `fire`."""

from __future__ import annotations

from dataclasses import dataclass

from transitions import Machine

SPECS: dict[str, dict] = {
    "case": {
        "doc": "Het pad van een signaal per kind / the path of a signal per child (seed 002, fig. 6)",
        "source": "seed 002, fig. 6",
        "states": ["new", "signalled", "assessed", "passed_on", "agreed", "taken_up", "fed_back"],
        "transitions": [
            ["signal", "new", "signalled", "learn (safety fact by a role)"],
            ["assess", ["new", "signalled"], "assessed", "observe / consult_colleague / advice_veilig_thuis"],
            ["pass_on", ["new", "signalled", "assessed"], "passed_on", "share / vir register / vt_report"],
            ["agree", ["signalled", "assessed", "passed_on"], "agreed", "regisseur / meeting"],
            ["take_up", ["agreed", "passed_on"], "taken_up", "make_plan / take_regie"],
            ["feed_back", ["taken_up", "agreed"], "fed_back", "give_feedback"],
        ],
    },
    "meldcode": {
        "doc": "Meldcode per professional en kind / per professional and child (domain.md §4)",
        "source": "domain.md §4; seed 003",
        "states": ["none", "signals", "consulted", "talked", "weighed", "reported"],
        "transitions": [
            ["signals", "none", "signals", "learn of a safety fact / observe"],
            ["consult", ["none", "signals"], "consulted", "consult_colleague / consult_anonymous / advice_veilig_thuis / vir_register"],
            ["talk", ["signals", "consulted"], "talked", "talk_parents / talk_child"],
            ["weigh", ["consulted", "talked"], "weighed", "share (basis meldcode) / case_meeting"],
            ["report", ["none", "signals", "consulted", "talked", "weighed"], "reported", "report_veilig_thuis"],
        ],
    },
    "vir": {
        "doc": "Verwijsindex per kind / per child (seed 003 VIR)",
        "source": "seed 003 VIR",
        "states": ["none", "registered", "match", "consulted"],
        "transitions": [
            ["register", "none", "registered", "vir kind=register"],
            ["match", ["registered", "match"], "match", "vir kind=match"],
            ["consult", ["match"], "consulted", "meeting / share between matched roles"],
        ],
    },
    "veilig_thuis": {
        "doc": "Contact met Veilig Thuis per melder en kind / per reporter and child (seed 003, 9 vragen)",
        "source": "seed 003, 9 vragen",
        "states": ["none", "advice", "reported", "triaged", "fed_back", "chased"],
        "transitions": [
            ["advise", ["none", "advice"], "advice", "advice_veilig_thuis (no follow-up when anonymous)"],
            ["report", ["none", "advice"], "reported", "vt_report"],
            ["triage", "reported", "triaged", "vt_triage"],
            ["chase", ["reported", "triaged"], "chased", "ask_feedback to veilig_thuis (vraag 4)"],
            ["feed_back", ["reported", "triaged", "chased"], "fed_back", "feedback"],
        ],
    },
    "handover": {
        "doc": "Overdracht per overdrager en kind / per giver and child (seed 004 §7.5, Tilburg HCO)",
        "source": "seed 004 §7.5",
        "states": ["holding", "offered", "accepted", "closed_early", "closed"],
        "transitions": [
            ["offer", ["holding", "offered"], "offered", "handover"],
            ["accept", "offered", "accepted", "accept_handover by the recipient"],
            ["close", ["holding", "offered"], "closed_early", "close_case before acceptance (finding F-handover)"],
            ["close", "accepted", "closed", "close_case after acceptance"],
        ],
    },
}


@dataclass
class Tracked:
    """A model of one kind of machine: its key (child, role…) and current state."""

    key: tuple
    state: str = ""


def _build(kind: str) -> Machine:
    spec = SPECS[kind]
    trans = [{"trigger": t, "source": s, "dest": d} for t, s, d, _ in spec["transitions"]]
    return Machine(model=None, states=spec["states"], transitions=trans, initial=spec["states"][0],
                   auto_transitions=False, ignore_invalid_triggers=True)


def _valid_sources(kind: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for trigger, sources, _dest, _record in SPECS[kind]["transitions"]:
        out.setdefault(trigger, set()).update([sources] if isinstance(sources, str) else sources)
    return out


VALID_SOURCES: dict[str, dict[str, set[str]]] = {kind: _valid_sources(kind) for kind in SPECS}
"""Per kind and trigger, the states it may fire from (checked before firing, so no invalid triggers)."""

MACHINES: dict[str, Machine] = {kind: _build(kind) for kind in SPECS}


def new_model(kind: str, key: tuple) -> Tracked:
    """A fresh model in the kind's initial state, attached to the shared machine."""
    model = Tracked(key)
    MACHINES[kind].add_model(model)
    return model


def fire(kind: str, model: Tracked, trigger: str) -> bool:
    """Fire `trigger` on a model of `kind` through its machine when the spec allows it from the model's
    state (checked first, so no invalid trigger reaches the machine); else nothing. Whether it fired."""
    if model.state not in VALID_SOURCES[kind][trigger]:
        return False
    return bool(getattr(model, trigger)())


def release(kind: str, model: Tracked) -> None:
    """Detach a model from its shared machine (when a scorer is done)."""
    MACHINES[kind].remove_model(model)
