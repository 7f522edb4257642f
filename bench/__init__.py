"""Benchmarks of Rapport's hot paths on large synthetic data sets.

`python -m bench` (or `./dev bench`) loads a deterministic customer base into SQLite and,
when a PostgreSQL server is given, PostgreSQL, times the duplicate check and /customer find
through the app's own async stack, and writes the results to docs/PERFORMANCE.md.
"""
