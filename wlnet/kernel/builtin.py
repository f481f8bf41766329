"""How a builtin is declared: one function, with its attributes, messages and options beside it.

    @builtin(attributes="Listable NumericFunction", argc=1,
             messages={"neg": "Argument `1` is negative."})
    def Sqrt(ev, expr):
        ...                      # expr has evaluated arguments; return an Expr or None

Returning None leaves the expression unevaluated. ``ev`` is the running Evaluation: it
evaluates (``ev.evaluate``), issues messages (``ev.message("Sqrt", "neg", x)``), records
prints, and holds the session's definitions and random generator. ``argc`` (an int or a
``(min, max)`` pair, max None for "any") makes the evaluator check the count of
positional arguments and issue Wolfram's ``argx``/``argr``/``argrx``/``argt``/``argb``
messages before the function runs. ``options`` declares the option names with their
defaults (Expr values); ``ev.split_options(expr, "Name")`` separates them and reports an
unknown one. ``vectorized`` is an optional fast path the evaluator tries for Listable
functions before threading element by element over packed arrays.

``usage`` is the text ``?Name`` prints, written as Wolfram writes usage messages: one
line per form, each a sentence such as "Map[f, expr] applies f to each element of expr."
(never taken from the docstring, which says why the code is as it is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..expr import Symbol


@dataclass
class Builtin:
    name: str
    function: Callable | None
    attributes: frozenset[str]
    argc: tuple[int, int | None] | None
    messages: dict[str, str]
    options: dict[str, object]
    usage: str
    vectorized: Callable | None = None
    defaults: dict = field(default_factory=dict)   # position (or 0 for any) -> Default value


BUILTINS: dict[Symbol, Builtin] = {}

# Built-in up values of atom types, as Wolfram gives NumericArray /: Length[a_NumericArray]:
# {atom type: {function symbol: handler(ev, expr) -> result or None}}. The evaluator runs
# a handler when an argument of f[...] is an atom of that type, before f's own rules.
ATOM_UPVALUES: dict = {}

# String property names that builtins answer (NetInformation[net, "Arrays"], a training
# result's "LossPlot", ...); the REPL completes them inside strings.
PROPERTY_NAMES: set[str] = set()


def builtin(name: str | None = None, *, attributes: str = "", argc=None, messages=None,
            options=None, usage: str = "", vectorized=None, defaults=None):
    """Register the decorated function as the builtin ``name`` (default: the function's name;
    a trailing underscore is dropped so Python keywords can be names, e.g. ``If_``)."""
    def register(fn):
        wl_name = name or fn.__name__.rstrip("_")
        attrs = set(attributes.split()) | {"Protected"}
        count = (argc, argc) if isinstance(argc, int) else argc
        BUILTINS[Symbol(wl_name)] = Builtin(
            wl_name, fn, frozenset(attrs), count, dict(messages or {}), dict(options or {}),
            usage, vectorized, dict(defaults or {}))
        return fn
    return register


def declare(name: str, *, attributes: str = "", messages=None, usage: str = "", options=None,
            protected: bool = True):
    """Declare a symbol that has attributes, messages or usage but no evaluation rule
    (e.g. ``List``, ``Rule``, ``Pi``, or a message-only head such as ``General``)."""
    attrs = set(attributes.split()) | ({"Protected"} if protected else set())
    BUILTINS[Symbol(name)] = Builtin(name, None, frozenset(attrs), None, dict(messages or {}),
                                     dict(options or {}), usage)
