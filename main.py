"""Ketenspel command line: `python main.py COMMAND …` (same as the `ketenspel` console script)."""

from cli import main

if __name__ == "__main__":
    raise SystemExit(main())
