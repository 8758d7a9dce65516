"""Helpers for the scoring rule tests: hand-made log records over the Pietersdam scenario."""


from scoring import LiveScorer, score_log
from scoring.rules import RULES
from sim import load_scenario, resolve_scenario
from sim.model import Scenario

PIET = load_scenario(resolve_scenario("pietersdam"))
PLAYERS = ["coordinator", "ggz", "jongerenwerk", "leerkracht", "leerplicht", "smw", "wijkagent", "wijkteam",
           "zorgcoordinator"]
D = 24.0


def header(players=PLAYERS):
    return {"format": "ketenspel-log/1", "scenario": "pietersdam", "seed": 1, "players": list(players)}


def act(t, role, by="player", **action):
    return {"type": "action", "t": t, "role": role, "by": by, "action": action}


def learn(t, role, fact):
    return {"type": "learn", "t": t, "role": role, "fact": fact, "via": "observation", "source": None}


def consent(t, child, person, given=True):
    return {"type": "consent", "t": t, "child": child, "person": person, "given": given, "asked_by": "smw"}


def end(t=1680.0):
    return {"type": "end", "t": t, "outcome": {}}


def findings(records, rule, sc=PIET):
    return [f for f in score_log(sc, [header(), *records]).as_json()["findings"] if f["rule"] == rule]


def verdicts(records, rule, sc=PIET):
    return [f["severity"] == "praise" for f in findings(records, rule, sc)]


def with_age(child: str, age: int) -> Scenario:
    data = PIET.model_dump(mode="json", by_alias=True)
    for p in data["family"]["persons"]:
        if p["id"] == child:
            p["age"] = age
    return Scenario.model_validate(data)


SHARE = {"do": "share", "to": "smw", "facts": ["kevin_schrikachtig"], "child": "kevin"}

GGZ_TO_POLICE = {"do": "share", "to": "wijkagent", "facts": ["moeder_ggz_behandeling"], "child": "kevin"}


REPORT = {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_schrikachtig"]}


def _meeting(said):
    return {"type": "meeting", "t": 100, "kind": "mdo", "child": "kevin", "convener": "wijkteam",
            "present": ["wijkteam", "smw", "leerkracht"], "with_parents": False, "basis": "meldcode", "said": said}
