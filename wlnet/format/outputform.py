"""OutputForm: results, Print output and messages as a Wolfram terminal (`math`) shows them.

The formatter turns an expression into layout nodes (see ``boxes``): one-line pieces stay
strings, fractions, powers and ``x 10^e`` reals become 2-D blocks, and rows (lists,
sums, calls) are Python lists so a long result can be broken between elements.

Conventions we had to guess (no kernel at hand to check):
- A wrapped result continues on lines that start with ``>    `` after a blank line, the
  continuation lines using ``page_width - 5`` columns; lines break after ``", "`` and
  other operator spaces, never inside a number or string.
- A wrapped message continues on lines indented by four spaces and breaks only between
  the pieces of its template and between elements of an embedded expression (so the
  spec's ``General::stop`` example comes out as recorded).
- Fractions inside exponents are written linearly (``x^(a/b)`` shows ``a/b`` raised).
- ``-0.`` prints as ``0.``; trailing blanks are stripped from every output line.
"""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np

from ..expr import (Expr, Integer, NumericArray, ObjectAtom, PackedArray, Rational, Real, S,
                    String, Symbol, is_association)
from .fullform import integer_digits, numeric_array_summary, show_private, visible
from . import inputform as inf
from .boxes import Block, Unit, flatten, fraction, hcat, superscript, to_block, wrap
from .forms import FORMS
from .skeleton import print_cut, printer

__all__ = ["output_form", "linear_output_form", "output_block", "with_label", "render_template"]

CONTINUATION = ">    "
MESSAGE_INDENT = "    "


def output_form(expr, page_width: int | None = 78) -> str:
    """OutputForm text; ``page_width=None`` never wraps."""
    return output_block(expr, page_width).text()


# ``linear`` in the functions below: False lays out in 2-D; True writes fractions on one
# line (inside exponents); FLAT writes everything on one line (ToString).
FLAT = "flat"


@printer
def linear_output_form(expr) -> str:
    """OutputForm written on one line (fractions as a/b, no raised exponents): what
    ToString gives."""
    return _layout("", _node(expr, FLAT)[0], None).text()


@printer
def output_block(expr, page_width: int | None = 78) -> Block:
    """The OutputForm picture of expr with ``.lines`` and ``.baseline``."""
    return _layout("", _node(expr, False)[0], page_width)


def with_label(label: str, expr, page_width: int | None = 78) -> str:
    """`Out[3]= `-style label on the baseline, other lines indented under it."""
    return print_cut(lambda cut: _labelled(label, cut(expr), page_width))


def _labelled(label, expr, page_width):
    return _layout(label, _node(expr, False)[0], page_width).text()


_SLOT = re.compile(r"`(\d*)`")


def render_template(template: str, args: list, label: str = "",
                    page_width: int | None = 78) -> str:
    """Fill a message template (`` `1` ``, `` `2` ``, bare ``` `` ``` = next argument) with
    the OutputForm of args, 2-D aware; ``label`` (e.g. ``"Power::infy: "``) sits in
    front of the baseline."""
    return print_cut(lambda cut: _render(template, [cut(a) for a in args], label, page_width))


def _render(template, args, label, page_width):
    width = (page_width or float("inf")) - len(MESSAGE_INDENT)
    units, pos, counter = [], 0, 0
    for m in _SLOT.finditer(template):
        if m.start() > pos:
            _add_text(units, template[pos:m.start()], width)
        if m.group(1):
            index = int(m.group(1))
        else:
            counter += 1
            index = counter
        arg = args[index - 1] if 0 < index <= len(args) else None
        if isinstance(arg, String):           # text: may break between its words
            _add_text(units, arg.value, 0)
        else:
            units += _units(flatten(_node(arg, False)[0])) if arg is not None else [m.group(0)]
        pos = m.end()
    if pos < len(template):
        _add_text(units, template[pos:], width)
    return _stack(units, label, page_width, MESSAGE_INDENT, separator=False).text()


_WORD = re.compile(r"\S+\s*|\s+")


def _add_text(units: list, text: str, width: float) -> None:
    """Add a piece of message text: whole when it is no wider than ``width`` (Wolfram moves
    a template's literal piece to the next line whole), else word by word; punctuation
    that follows a slot stays on the slot's line."""
    text = visible(text)
    lead = len(text) - len(text.lstrip(".,;:!?)]}"))
    if lead and units:
        prev = units.pop()
        leaves = [prev] if isinstance(prev, str) else list(prev.leaves)
        units.append(Unit(leaves + [text[:lead]]))
        text = text[lead:]
    if not text:
        return
    units.extend([text] if len(text) <= width else _WORD.findall(text))


# ---- layout ----------------------------------------------------------------------------

def _units(leaves) -> list:
    """Group leaves into unbreakable units: a unit ends after a piece ending in a space,
    and a long one-line piece (a packed array's text) may break after each ", ". A unit
    that is a single string stays a string, which keeps big arrays cheap."""
    units, cur = [], []
    for leaf in leaves:
        if not isinstance(leaf, str):
            cur.append(leaf)
            continue
        if type(leaf) is PackedText:
            chunks = leaf.split(", ")
            pieces = [c + ", " for c in chunks[:-1]]
            if chunks[-1]:
                pieces.append(chunks[-1])
        else:
            pieces = [leaf]
        for piece in pieces:
            if not piece.endswith(" "):
                cur.append(piece)
            elif cur:
                cur.append(piece)
                units.append(Unit(cur))
                cur = []
            else:
                units.append(piece)
    if cur:
        units.append(cur[0] if len(cur) == 1 and type(cur[0]) is str else Unit(cur))
    return units


def _layout(label: str, node, page_width) -> Block:
    return _stack(_units(flatten(node)), label, page_width, CONTINUATION, separator=True)


def _stack(units, label, page_width, prefix, separator) -> Block:
    """Wrap units into line groups and stack them: the first group carries the label,
    later ones the continuation prefix on their baseline."""
    if label:
        first = units[0] if units else ""
        leaves = [first] if isinstance(first, str) else first.leaves
        units = [Unit([label] + leaves)] + units[1:]
    width = page_width if page_width else float("inf")
    groups = wrap(units, width, width - len(prefix))
    first = hcat(groups[0])
    lines, baseline = list(first.lines), first.baseline
    for leaves in groups[1:]:
        block = hcat(leaves)
        if separator:
            lines.append("")
        lines += [(prefix if i == block.baseline else " " * len(prefix)) + s
                  for i, s in enumerate(block.lines)]
    return Block(lines, baseline)


# ---- numbers ---------------------------------------------------------------------------

def real_node(value: float, linear: bool = False):
    """6 significant digits; outside 10^-5 <= |x| < 10^6 a 2-D `m 10^e` (`m*^e` when
    written on one line)."""
    if value == 0:
        return "0."
    text = "%.6g" % value
    if "e" not in text and "n" not in text:          # plain digits (not inf/nan)
        return text if "." in text else text + "."
    special = inf.special_real(value)
    if special:
        return special
    digits, exp = inf.real_digits(value, 6)
    sign = "-" if value < 0 else ""
    if inf.fixed_range(exp):
        return sign + inf.place_point(digits, exp)
    if linear == FLAT:
        return f"{sign}{digits[0]}.{digits[1:]}*^{exp}"
    return hcat([f"{sign}{digits[0]}.{digits[1:]} ", superscript("10", str(exp))])


class PackedText(str):
    """The text of (part of) a packed array: the only leaf that may break at its ", "."""


def _packed(arr: np.ndarray):
    """Text straight from the array. Elements that need 2-D (``1. 10^-6``) are spliced
    into the one-line text of the rest, so the node stays a flat list of leaves."""
    if arr.dtype.kind == "f":
        items = [real_node(v) for v in arr.astype(np.float64).ravel().tolist()]
    else:
        items = [str(v) for v in arr.ravel().tolist()]
    blocks = [t for t in items if type(t) is not str]
    if not blocks:
        return PackedText(inf._nest(items, arr.shape))
    text = inf._nest([t if type(t) is str else "\0" for t in items], arr.shape)
    leaves = []
    for i, piece in enumerate(text.split("\0")):
        if i:
            leaves.append(blocks[i - 1])
        if piece:
            leaves.append(PackedText(piece))
    return leaves


# ---- the formatter ---------------------------------------------------------------------

def _node(e, linear: bool):
    """(layout node, precedence). ``linear`` is set inside exponents, where fractions
    are written with a slash (powers stay raised)."""
    if isinstance(e, PackedArray):
        return _packed(e.array), inf.TOP
    if not isinstance(e, Expr):
        return _atom(e, linear), inf.precedence(e)
    if e.head is S.HoldForm and len(e.args) == 1:
        return _node(e.args[0], linear)
    handler = _SPECIAL.get(e.head.name) if isinstance(e.head, Symbol) else None
    if handler is not None:
        out = handler(e, linear)
        if out is not None:
            return out, inf.precedence(e)
    return _call(e, linear), inf.TOP


def _atom(e, linear):
    t = type(e)
    if t is Integer:
        return integer_digits(e.value)
    if t is Real:
        return real_node(e.value, linear)
    if t is Rational:
        q = e.value
        frac = _fraction(integer_digits(abs(q.numerator)), integer_digits(q.denominator), linear)
        return ["-(", frac, ")"] if q < 0 and not linear else \
            ["-", frac] if q < 0 else frac
    if t is String:
        return visible(show_private(e.value))
    if t is Symbol:
        return e.name
    if t is NumericArray:
        return numeric_array_summary(e)
    if isinstance(e, ObjectAtom):
        form = getattr(e, "output_form", None)
        return form() if form else f"{e.head.name}[<>]"
    raise TypeError(f"cannot format {e!r}")


def _fraction(num, den, linear):
    if linear:
        return [num, "/", den]
    return fraction(to_block(num), to_block(den))


def _wrap(e, limit, linear, strict=True):
    node, p = _node(e, linear)
    return ["(", node, ")"] if (p <= limit if strict else p < limit) else node


def _braces(items, open_, close):
    row = [open_]
    for i, item in enumerate(items):
        if i:
            row.append(", ")
        row.append(item)
    row.append(close)
    return row


def _call(e, linear):
    args = [_node(a, linear)[0] for a in e.args]
    return [_wrap(e.head, inf.TOP - 1, linear)] + _braces(args, "[", "]")


def _infix(e, linear):
    name = e.head.name
    op, prec, assoc = inf.INFIX[name]
    args = e.args
    if len(args) < 2 or (assoc != "flat" and len(args) != 2):
        return None
    row = []
    for i, a in enumerate(args):
        last = i == len(args) - 1
        if i:
            row.append(op)
        if name == "CompoundExpression" and last and a is S.Null:
            continue
        loose = (assoc == "left" and i == 0) or (assoc == "right" and last)
        row.append(_wrap(a, prec, linear, strict=not loose))
    return row


def _plus(e, linear):
    if len(e.args) < 2:
        return None
    row = [_wrap(e.args[0], inf.PREC_PLUS, linear, strict=False)]
    for a in e.args[1:]:
        if inf.negative_term(a):
            row += [" - ", _wrap(inf.negate(a), inf.PREC_PLUS, linear)]
        else:
            row += [" + ", _wrap(a, inf.PREC_PLUS, linear)]
    return row


def _product(factors, linear):
    """Factors separated by spaces, the way `2 x` and `a (b + c)` print."""
    row = [_wrap(factors[0], inf.PREC_TIMES, linear, strict=False)]
    for f in factors[1:]:
        row += [" ", _wrap(f, inf.PREC_TIMES, linear)]
    return row


def _stacked(factors):
    """One side of a 2-D fraction: the bar already groups it, so no outer parentheses."""
    if not factors:
        return "1"
    return _node(factors[0], False)[0] if len(factors) == 1 else _product(factors, False)


def _times(e, linear):
    if len(e.args) < 2:
        return None
    sign, num, den = inf.times_parts(e.args)
    if not den:
        row = _product(num, linear)
        if sign > 0:
            return row
        return ["-", row] if inf.is_number(num[0]) or len(num) == 1 else ["-(", row, ")"]
    if sign < 0 and num and inf.is_number(num[0]):
        num, sign = [inf.negate(num[0])] + num[1:], 1
    if linear:
        top = "1" if not num else ["(", _product(num, linear), ")"] if len(num) > 1 \
            else _wrap(num[0], inf.PREC_TIMES, linear, strict=False)
        bottom = _product(den, linear)
        if len(den) > 1 or inf.precedence(den[0]) <= inf.PREC_TIMES:
            bottom = ["(", bottom, ")"]
        frac = [top, "/", bottom]
    else:
        frac = fraction(to_block(_stacked(num)), to_block(_stacked(den)))
    if sign > 0:
        return frac
    return ["-", frac] if linear else ["-(", frac, ")"]


def _power(e, linear):
    if len(e.args) != 2:
        return None
    base, exp = e.args
    if type(exp) is Rational and exp.value == Fraction(1, 2):
        return ["Sqrt[", _node(base, linear)[0], "]"]
    if exp in (Integer(-1), Rational(Fraction(-1, 2))):   # 1/x, 1/Sqrt[x]; x^-2 stays
        return _fraction("1", _node(inf._reciprocal(e), linear)[0], linear)
    base_node = _wrap(base, inf.PREC_POWER, linear)
    if linear == FLAT:
        return [base_node, "^", _wrap(exp, inf.PREC_POWER, FLAT)]
    return superscript(to_block(base_node), to_block(_node(exp, True)[0]))


def _pattern(e, linear):
    if len(e.args) != 2 or not isinstance(e.args[0], Symbol):
        return None
    if inf._is_blank(e.args[1]):
        return inf.input_form(e)
    return [e.args[0].name, ":", _wrap(e.args[1], inf.PREC_PATTERN, linear)]


def _optional(e, linear):
    if len(e.args) == 1:
        return [_node(e.args[0], linear)[0], "."]
    if len(e.args) == 2:
        return [_wrap(e.args[0], inf.PREC_PATTERN, linear), ":",
                _wrap(e.args[1], inf.PREC_PATTERN, linear)]
    return None


def _pattern_test(e, linear):
    if len(e.args) != 2:
        return None
    return [_wrap(e.args[0], inf.PREC_TEST, linear), "?",
            _wrap(e.args[1], inf.PREC_TEST, linear)]


def _function(e, linear):
    return [_wrap(e.args[0], inf.PREC_FUNCTION, linear), " & "] if len(e.args) == 1 else None


def _not(e, linear):
    return ["!", _wrap(e.args[0], inf.PREC_NOT, linear)] if len(e.args) == 1 else None


def _list(e, linear):
    return _braces([_node(a, linear)[0] for a in e.args], "{", "}")


def _association(e, linear):
    if not is_association(e):
        return None
    return _braces([_node(a, linear)[0] for a in e.args], "<|", "|>")


def _part(e, linear):
    if len(e.args) < 2:
        return None
    return [_wrap(e.args[0], inf.TOP - 1, linear)] + \
        _braces([_node(a, linear)[0] for a in e.args[1:]], "[[", "]]")


_SPECIAL = {name: _infix for name in inf.INFIX}
_SPECIAL.update({
    "Plus": _plus, "Times": _times, "Power": _power, "List": _list,
    "Association": _association, "Part": _part,
    "Pattern": _pattern, "Optional": _optional, "PatternTest": _pattern_test,
    "Function": _function, "Not": _not,
})
for _name, _form in FORMS.items():           # FullForm, TableForm, Short, ... at any depth
    _SPECIAL[_name] = lambda e, linear, _form=_form: _form(e, linear, _node)
# Forms whose OutputForm text is their InputForm text: x_, #1, f::tag, Infinity.
for _name in ("Blank", "BlankSequence", "BlankNullSequence", "Slot", "SlotSequence",
              "MessageName", "DirectedInfinity"):
    _SPECIAL[_name] = lambda e, linear: inf._SPECIAL[e.head.name](e)
