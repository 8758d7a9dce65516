"""Fixtures of the report tests: a frozen copy of Pietersdam, so report numbers do not move when the
shipped scenario evolves."""
