"""Benchmarks (not timed tests): each module's `main()` measures, prints its figure and its target."""
