"""NetInitialize's Method option read into the runtime's ``Method`` (wlnet/nets/
initialize.py): "Xavier" (the default, Automatic), "Kaiming", "Orthogonal", "Identity"
and "Random", alone or as {"method", sub-option -> value, ...}, with Wolfram's
sub-options ("FactorType", "Distribution", "Weights", "Biases", "Scaling")."""

from __future__ import annotations

import math

from ...expr import Expr, S, String, Symbol
from ...nets.errors import NetError
from ...nets.errors import show as quoted
from ...nets.initialize import METHODS, Method
from ..numbers.numeric import real_value
from .values import show

# method -> {sub-option: what it takes}
SUBOPTIONS = {"Xavier": {"FactorType": ("In", "Out", "Mean"),
                         "Distribution": ("Uniform", "Normal")},
              "Kaiming": {"Distribution": ("Uniform", "Normal")},
              "Orthogonal": {},
              "Identity": {"Distribution": "distribution"},
              "Random": {"Weights": "distribution", "Biases": "distribution",
                         "Scaling": "distribution"}}
FIELDS = {"FactorType": "factor_type", "Weights": "weights", "Biases": "biases",
          "Scaling": "scaling"}


def read_method(ev, spec) -> Method:
    """The Method option as a runtime Method, or NetError (NetInitialize::optspec)."""
    if spec is S.Automatic:
        return Method()
    name, rules = spec, ()
    if isinstance(spec, Expr) and spec.head is S.List and spec.args:
        name, rules = spec.args[0], spec.args[1:]
    if not (isinstance(name, String) and name.value in METHODS):
        raise NetError("NetInitialize", "optspec", f"Method -> {show(spec)} should be one "
                       f"of {', '.join(map(quoted, METHODS))}, or a list of one and its "
                       "sub-options.")
    known, fields = SUBOPTIONS[name.value], {}
    for rule in rules:
        key = rule.args[0] if isinstance(rule, Expr) and rule.head is S.Rule else None
        key = key.value if isinstance(key, String) else getattr(key, "name", None)
        if key not in known:
            raise NetError("NetInitialize", "optspec", f"{show(rule)} is not a sub-option "
                           f"of the method {name.value}; it has "
                           f"{', '.join(map(quoted, known)) or 'none'}.")
        value = rule.args[1]
        if known[key] == "distribution":
            given = distribution(ev, value, key != "Weights" and name.value == "Random")
        elif isinstance(value, String) and value.value in known[key]:
            given = value.value
        else:
            raise NetError("NetInitialize", "optspec", f"the sub-option {quoted(key)} should "
                           f"be one of {', '.join(map(quoted, known[key]))}, not {show(value)}.")
        field = "noise" if name.value == "Identity" else FIELDS.get(key, "distribution")
        fields[field] = given
    return Method(name.value, **fields)


def distribution(ev, e, none_allowed=False):
    """A distribution as the runtime draws it: NormalDistribution[m, s],
    UniformDistribution[{a, b}], or a number s for NormalDistribution[0, s]."""
    if none_allowed and e is Symbol("None"):
        return None
    s = real_value(ev, e)
    if s is not None and math.isfinite(s) and s >= 0:
        return ("Normal", 0.0, float(s))
    if isinstance(e, Expr) and e.head is S.NormalDistribution and len(e.args) in (0, 2):
        m, s = (real_value(ev, a) for a in e.args) if e.args else (0.0, 1.0)
        if m is not None and s is not None and s > 0:
            return ("Normal", float(m), float(s))
    if isinstance(e, Expr) and e.head is S.UniformDistribution and len(e.args) <= 1:
        bounds = e.args[0] if e.args else None
        lo, hi = (real_value(ev, a) for a in bounds.args) if bounds is not None and \
            isinstance(bounds, Expr) and bounds.head is S.List and len(bounds.args) == 2 \
            else (0.0, 1.0) if bounds is None else (None, None)
        if lo is not None and hi is not None and lo <= hi:
            return ("Uniform", float(lo), float(hi))
    raise NetError("NetInitialize", "optspec", f"{show(e)} should be a univariate "
                   "distribution (NormalDistribution or UniformDistribution) or a number.")
