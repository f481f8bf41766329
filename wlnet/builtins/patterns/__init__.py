"""Patterns and rules as builtins: selecting by pattern or test (Select, Cases, Position,
Count, MatchQ, ...) and replacing with rules (ReplaceAll, Replace, ...). The matcher
itself is ``wlnet.kernel.patterns``."""
