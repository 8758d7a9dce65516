"""Ketenspel's simulation model: scenarios, the engine, actions, knowledge per role and the session log.

What a driver (window, server, headless runner, tests) needs:

    scenario = load_scenario(resolve_scenario("pietersdam"))
    session = Session(scenario, seed=7)
    session.advance(72.0)                     # simulated hours
    session.act("smw", {"do": "vir_register", "child": "kevin"})
    session.view("smw")                       # only what the school social worker knows
    session.finish()                          # outcome at the scenario's end

This package never imports pygame or networking code.
"""

from sim.engine import ActResult, Session
from sim.errors import Problem, ScenarioError
from sim.loader import available_scenarios, load_scenario, resolve_scenario
from sim.log import FileLog, LogError, MemoryLog, read_log
from sim.model import Scenario

__all__ = ["ActResult", "Session", "Problem", "ScenarioError", "available_scenarios", "load_scenario",
           "resolve_scenario", "FileLog", "LogError", "MemoryLog", "read_log", "Scenario"]
