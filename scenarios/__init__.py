"""The shipped scenarios (seed 002 Peter, seed 004 Pietersdam, Lisanne & Lars), their expert and passive
policies (policies/) and the scenario JSON Schema (schema.json), installed as package data (issue 22).

The CLI finds a shipped scenario by its id (`ketenspel play pietersdam`) through `sim.loader`, which
reads this folder with importlib.resources; a trainer's own file is given by its path. In a checkout the
folder keeps its old place, so `scenarios/pietersdam.yaml` in the docs stays right."""
