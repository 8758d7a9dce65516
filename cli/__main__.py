"""`python -m cli …`: the same as `ketenspel …` (used to start Ketenspel's own child processes)."""

from cli import main

raise SystemExit(main())
