"""Coverage-guided fuzzing of every reader of human text (`./dev fuzz`).

Each harness in `harnesses/` takes the bytes libFuzzer made up, turns them into what a person
could type (UTF-8 text; a form's fields one per line; a CSV file as is), hands them to a
reader and lets through only the reader's answer or its documented refusal — any other
exception is a crash. The harnesses are plain functions, so the tests replay their seed
corpora (`corpus/<target>/`) without atheris; `engine.py` runs one under atheris in a process
of its own, and `__main__.py` runs them all, one at a time, for a fixed time each.
"""
