"""Wolfram Language input syntax: ``parse(text) -> list[Expr]`` (see parser.py)."""
