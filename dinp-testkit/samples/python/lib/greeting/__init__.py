"""A vendored library (lib/ is on PYTHONPATH)."""
WORD = "hello"
