"""Strings: operations on strings and the conversions ToString and ToExpression."""
