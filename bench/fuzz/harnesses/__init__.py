"""One module per kind of reader; each `fuzz_*` function is one harness (see targets.py)."""
