"""Elements of lists: Extract, Take, Drop, First, Last, Rest, Most (associations by
their values, packed arrays by NumPy slicing)."""

from __future__ import annotations

from ...expr import Atom, Expr, Integer, S, String
from ...kernel.builtin import builtin
from ..structure.parts import (_key_spec, element, elements, get_part, length, rebuild,
                               sequence_spec, span_range, subset)


# -- Extract -----------------------------------------------------------------------------


@builtin(argc=(2, 3), messages={"psl": "Position specification `1` in `2` is not a list of "
                                       "positions."},
         usage="Extract[expr, {i, j, ...}] gives "
               "the part of expr at the position "
               "{i, j, ...}.\nExtract[expr, {pos1, "
               "pos2, ...}] gives a list of parts, "
               "and Extract[expr, pos, h] wraps "
               "each in h before it is evaluated.")
def Extract(ev, expr):
    """Extract[expr, pos] is the part at position list pos; Extract[expr, {pos1, pos2}]
    a list of parts; Extract[expr, pos, h] wraps each part in h before it evaluates."""
    target, pos = expr.args[0], expr.args[1]
    wrap = expr.args[2] if len(expr.args) == 3 else None
    if isinstance(pos, Integer) or _key_spec(pos) is not None:
        pos = Expr(S.List, pos)
    if not (isinstance(pos, Expr) and pos.head is S.List):
        ev.message("Extract", "psl", pos, expr)
        return None
    several = bool(pos.args) and all(isinstance(p, Expr) and p.head is S.List for p in pos.args)
    out = []
    for p in (pos.args if several else (pos,)):
        part = get_part(ev, target, p.args, expr, "Extract")
        if part is None:
            return None
        out.append(Expr(wrap, part) if wrap is not None else part)
    return Expr.make(S.List, out) if several else out[0]


# -- Take and Drop -------------------------------------------------------------------------

_SEQS = "`1` needs a sequence specification (n, -n, {n}, {-n}, {m, n} or {m, n, s}) at " \
        "position `2`."


def run_positions(ev, name, tag, expr, spec, whole):
    """0-based positions of a Take/Drop-style spec in expr (a string's characters count as
    its elements for StringTake), or None after ``name::seqs`` or ``name::tag``."""
    n = len(expr.value) if isinstance(expr, String) else length(expr)
    bounds = sequence_spec(spec, n)
    if bounds is None:
        ev.message(name, "seqs", whole, Integer(whole.args.index(spec) + 1))
        return None
    positions = span_range(*bounds, n)
    if positions is None:
        ev.message(name, tag, Integer(bounds[0]), Integer(bounds[1]), expr)
    return positions


def _take_drop(ev, expr, specs, whole, keep: bool):
    """Take (keep=True) or Drop the runs in specs, one spec per level."""
    name, tag = ("Take", "take") if keep else ("Drop", "drop")
    if isinstance(expr, Atom):
        ev.message(name, "normal", Integer(1), whole)
        return None
    positions = run_positions(ev, name, tag, expr, specs[0], whole)
    if positions is None:
        return None
    if not keep:
        dropped = set(positions)
        positions = [i for i in range(length(expr)) if i not in dropped]
    part = subset(expr, positions)
    if len(specs) == 1:
        return part
    out = []
    for item in elements(part):
        sub = _take_drop(ev, item, specs[1:], whole, keep)
        if sub is None:
            return None
        out.append(sub)
    return rebuild(part, out)


@builtin(argc=(2, None), messages={"seqs": _SEQS},
         usage="Take[list, n] gives the first n elements of list, and Take[list, -n] the "
               "last n.\nTake[list, {m, n}] or Take[list, m ;; n] gives the elements m "
               "through n.\nTake[list, spec1, spec2, ...] takes at several levels.")
def Take(ev, expr):
    """Take[list, n], Take[list, -n], Take[list, {m, n, s}], ... one spec per level."""
    return _take_drop(ev, expr.args[0], expr.args[1:], expr, True)


@builtin(argc=(2, None), messages={"seqs": _SEQS},
         usage="Drop[list, n] gives list without its first n elements, and Drop[list, -n] "
               "without its last n.\nDrop[list, {m, n}] or Drop[list, m ;; n] drops the "
               "elements m through n.")
def Drop(ev, expr):
    """Drop[list, n], Drop[list, -n], Drop[list, {m, n, s}], ... one spec per level."""
    return _take_drop(ev, expr.args[0], expr.args[1:], expr, False)


# -- First, Last, Rest, Most ----------------------------------------------------------------


def _from_end(ev, expr, tag, take):
    """First, Last, Rest and Most: take(target) for a target with elements. An empty one
    gives the default when there is one (First[expr, default]), else ``tag``'s message."""
    name, target = expr.head.name, expr.args[0]
    if isinstance(target, Atom):
        ev.message(name, "normal", Integer(1), expr)
        return None
    if length(target) == 0:
        if len(expr.args) == 2:
            return expr.args[1]
        ev.message(name, tag, target)
        return None
    return take(target)


@builtin(argc=(1, 2), messages={"nofirst": "`1` has zero length and no first element."},
         usage="First[expr] gives the first element of expr.\nFirst[expr, default] gives "
               "default if expr has no elements.")
def First(ev, expr):
    """The first element (First[expr, default] gives default for an empty expr)."""
    return _from_end(ev, expr, "nofirst", lambda t: element(t, 0))


@builtin(argc=(1, 2), messages={"nolast": "`1` has zero length and no last element."},
         usage="Last[expr] gives the last element of expr.\nLast[expr, default] gives "
               "default if expr has no elements.")
def Last(ev, expr):
    """The last element (Last[expr, default] gives default for an empty expr)."""
    return _from_end(ev, expr, "nolast", lambda t: element(t, length(t) - 1))


@builtin(argc=1, messages={"norest": "Cannot take Rest of expression `1` with length zero."},
         usage="Rest[expr] gives expr without its first element.")
def Rest(ev, expr):
    """Everything but the first element."""
    return _from_end(ev, expr, "norest", lambda t: subset(t, range(1, length(t))))


@builtin(argc=1, messages={"nomost": "Cannot take Most of expression `1` with length zero."},
         usage="Most[expr] gives expr without its last element.")
def Most(ev, expr):
    """Everything but the last element."""
    return _from_end(ev, expr, "nomost", lambda t: subset(t, range(length(t) - 1)))


@builtin(argc=2, messages={"seqs": _SEQS},
         usage="TakeDrop[list, n] gives the pair {list1, list2}, where list1 is the first n "
               "elements of list and list2 the rest.\nTakeDrop[list, seq] gives the pair "
               "{Take[list, seq], Drop[list, seq]}.")
def TakeDrop(ev, expr):
    """TakeDrop[list, seq]: {Take[list, seq], Drop[list, seq]} from one reading of seq."""
    target, spec = expr.args
    if isinstance(target, Atom):
        ev.message("TakeDrop", "normal", Integer(1), expr)
        return None
    positions = run_positions(ev, "TakeDrop", "take", target, spec, expr)
    if positions is None:
        return None
    taken = set(positions)
    rest = [i for i in range(length(target)) if i not in taken]
    return Expr(S.List, subset(target, positions), subset(target, rest))
