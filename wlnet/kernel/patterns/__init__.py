"""Pattern matching and rules: the matcher (``matcher.py``, how the backtracking machine
works), what a pattern is (``kinds.py``), substitution into right-hand sides, the order of
definitions, and Replace/ReplaceAll. This package's interface is the names below."""

from .kinds import MatchContext, is_pattern
from .matcher import match, match_all
from .order import rule_order_key
from .replacement import replace, replace_all
from .substitution import substitute

__all__ = ["MatchContext", "match", "match_all", "substitute", "is_pattern",
           "rule_order_key", "replace_all", "replace"]
