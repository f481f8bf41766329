"""Form wrappers inside OutputForm: FullForm, InputForm, OutputForm, NumberForm,
TableForm, MatrixForm, Short, Shallow and the Skeleton they leave behind.

A Wolfram terminal interprets a form wrapper wherever it stands, not only at the top
level: ``Print[FullForm[a + b]]`` shows ``Plus[a, b]``, ``{MatrixForm[m]}`` a list around
a 2-D table. ``outputform`` asks this module for the node of each such wrapper; the
node functions here get ``node(e, linear)`` (outputform's own) to lay out the parts.

Terminal layout of TableForm and MatrixForm (as Wolfram's text terminal prints them, in
OutputForm there are no brackets around a matrix): columns left-aligned, each as wide
as its widest entry, three spaces between columns, a blank line between rows, a vector
as a column; the label of a result sits on the table's first line.
"""

from __future__ import annotations

import math

from ..expr import TRUE, Expr, Integer, PackedArray, Real, S, String, Symbol, from_python
from .boxes import Block, hcat, to_block
from .fullform import full_form
from .skeleton import skeleton

__all__ = ["FORMS", "shorten", "shallow", "brief", "number_text", "table_block"]

COLUMN_GAP = 3


def _args(e):
    return e.array.tolist() if isinstance(e, PackedArray) else e.args


def _is_list(e) -> bool:
    return isinstance(e, PackedArray) or (isinstance(e, Expr) and e.head is S.List)


def _rows(e):
    """The rows of a TableForm/MatrixForm argument: a list of lists is a matrix, a list
    of other things a column."""
    if isinstance(e, PackedArray):
        e = pack_to_expr(e)
    return [list(r.args) if _is_list(r) else [r] for r in e.args]


def pack_to_expr(p):
    return from_python(p.array.tolist())


def table_block(rows, node) -> Block:
    """Cells laid out in left-aligned columns; the block's baseline is its first line."""
    cells = [[to_block(node(c, False)[0]) for c in row] for row in rows]
    if not cells:
        return Block([""])
    ncols = max(len(r) for r in cells)
    widths = [max((r[j].width for r in cells if j < len(r)), default=0) for j in range(ncols)]
    lines = []
    for i, row in enumerate(cells):
        if i:
            lines.append("")
        padded = []
        for j, b in enumerate(row):
            gap = COLUMN_GAP if j < len(row) - 1 else 0
            padded.append(Block([s.ljust(widths[j] + gap) for s in b.lines], b.baseline))
        lines += hcat(padded).lines if padded else [""]
    return Block(lines, 0)


def _table(e, linear, node):
    if not e.args:
        return None
    if not _is_list(e.args[0]):
        return node(e.args[0], linear)[0]
    return table_block(_rows(e.args[0]), node)


# ---- NumberForm --------------------------------------------------------------------------

def _options(args):
    opts = {}
    for a in args:
        if isinstance(a, Expr) and a.head is S.Rule and len(a.args) == 2 and \
                isinstance(a.args[0], Symbol):
            opts[a.args[0].name] = a.args[1]
    return opts


def _pair(v, default):
    """A {left, right} option value (or one value for both) as two Python strings."""
    if isinstance(v, String):
        return v.value, v.value
    if _is_list(v) and len(v.args) == 2 and all(isinstance(x, String) for x in v.args):
        return v.args[0].value, v.args[1].value
    return default


def _group(digits: str, block: int, sep: str, from_left: bool) -> str:
    if block <= 0 or not digits:
        return digits
    if from_left:
        return sep.join(digits[i:i + block] for i in range(0, len(digits), block))
    head = len(digits) % block or block
    return sep.join([digits[:head]] + [digits[i:i + block]
                                       for i in range(head, len(digits), block)])


def number_text(value, digits=None, decimals=None, opts=None) -> str | None:
    """NumberForm's text of a machine number, or None when it keeps the OutputForm
    (an exact number without a digit count of its own to apply)."""
    opts = opts or {}
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    sign = "-" if value < 0 else ""
    x = abs(value)
    if isinstance(value, int):
        whole, frac = str(x), None
    else:
        if decimals is not None:
            text = f"{x:.{decimals}f}"
        else:
            n = digits or 6
            if x == 0:
                text = "0."
            else:
                exp = math.floor(math.log10(x))
                if exp < -5 or exp >= max(6, n):
                    m = f"{x:.{n - 1}e}"
                    mant, e = m.split("e")
                    mant = mant.rstrip("0") if "." in mant else mant
                    return f"{sign}{mant if '.' in mant else mant + '.'}*^{int(e)}"
                text = f"{x:.{max(n - exp - 1, 0)}f}"
                if "." in text:
                    text = text.rstrip("0")
            if "." not in text:
                text += "."
        whole, _, frac = text.partition(".")
    block = opts.get("DigitBlock")
    left_sep, right_sep = _pair(opts.get("NumberSeparator"), (",", " "))
    if isinstance(block, Integer):
        whole = _group(whole, block.value, left_sep, False)
        if frac:
            frac = _group(frac, block.value, right_sep, True)
    point = opts.get("NumberPoint")
    point = point.value if isinstance(point, String) else "."
    left_pad, right_pad = _pair(opts.get("NumberPadding"), ("", "0"))
    if decimals is not None and frac is not None and right_pad:
        frac = frac.ljust(decimals, right_pad[0])
    body = whole if frac is None else whole + point + frac
    if left_pad and digits is not None:
        width = digits - (decimals or 0) + 1 - len(sign) - len(whole)
        pad = left_pad * max(width, 0)
        if opts.get("SignPadding") is TRUE:
            return sign + pad + body
        return pad + sign + body
    return sign + body


def _number_spec(e):
    """(digits, decimals) of NumberForm[x, n] / NumberForm[x, {n, f}]."""
    if len(e.args) > 1:
        spec = e.args[1]
        if isinstance(spec, Integer) and spec.value > 0:
            return spec.value, None
        if _is_list(spec) and len(spec.args) == 2 and all(isinstance(a, Integer)
                                                          for a in spec.args):
            digits, decimals = spec.args[0].value, spec.args[1].value
            if digits > 0 and decimals >= 0:
                return digits, decimals
    return None, None


def _numbers(x, fmt):
    """x with every machine number replaced by the String fmt gives for it."""
    if isinstance(x, PackedArray):
        x = pack_to_expr(x)
    if isinstance(x, (Integer, Real)):
        text = fmt(x.value)
        return x if text is None else String(text)
    if isinstance(x, Expr):
        return Expr.make(_numbers(x.head, fmt), [_numbers(a, fmt) for a in x.args])
    return x


def _number_form(e, linear, node):
    if not e.args:
        return None
    digits, decimals = _number_spec(e)
    opts = _options(e.args[1:])
    if isinstance(e.args[0], Integer) and digits is not None and decimals is None:
        digits = None                       # NumberForm[12345, 3]: an integer stays whole
    return node(_numbers(e.args[0], lambda v: number_text(
        v, digits if isinstance(v, float) else None, decimals, opts)), linear)[0]


# ---- Short, Shallow, Skeleton ------------------------------------------------------------

PAGE_WIDTH = 78
SHORT_LINE = 60     # Short's characters per line: a shortened result fits after its label


def _text_length(e, limit, measure) -> int:
    """The one-line length of e, or limit + 1 as soon as a rough count shows that the
    text is longer (a 100,000-row data set is never formatted whole)."""
    if _rough_length(e, limit) > limit:
        return limit + 1
    return len(measure(e))


def _rough_length(e, limit) -> int:
    """A lower bound of e's text length (every element costs its separator), stopping
    early once it passes ``limit``."""
    if isinstance(e, PackedArray):
        return e.array.size * 3
    if not isinstance(e, Expr):
        return 1
    total = 2
    for a in e.args:
        total += 2 + _rough_length(a, limit - total)
        if total > limit:
            break
    return total


def shorten(e, width: float, measure):
    """e with runs of elements replaced by Skeleton[k] so that its one-line text (as
    ``measure`` writes it) takes about ``width`` characters: the same number of elements
    is kept at both ends, as many as fit; when even one at each end is too long, the
    longest element is shortened in turn."""
    if _text_length(e, width, measure) <= width:
        return e
    if isinstance(e, PackedArray):
        e = pack_to_expr(e)
    if not isinstance(e, Expr) or not e.args:
        return e
    args = e.args
    n = len(args)
    for k in range(min((n - 1) // 2, int(width) // 3), 0, -1):
        candidate = Expr.make(e.head, list(args[:k]) + [skeleton(n - 2 * k)] +
                              list(args[n - k:]))
        if _text_length(candidate, width, measure) <= width:
            return candidate
    kept = list(args) if n <= 3 else [args[0], skeleton(n - 2), args[-1]]
    overhead = 2 * len(kept) + len(measure(e.head))
    sizes = [_text_length(a, width, measure) for a in kept]
    for i in sorted(range(len(kept)), key=sizes.__getitem__, reverse=True):
        if sum(sizes) + overhead <= width:
            break
        share = max(width - overhead - (sum(sizes) - sizes[i]), width / (2 * len(kept)), 6)
        kept[i] = shorten(kept[i], share, measure)
        sizes[i] = len(measure(kept[i]))
    return Expr.make(e.head, kept)


MESSAGE_KEEP = 3
NAMES_SHOWN = 50    # a message lists up to this many strings (valid property names) whole


def brief(e, width=PAGE_WIDTH, keep=MESSAGE_KEEP):
    """A message argument as messages show it: when its one-line text is longer than a
    line, every list or call with more than ``2 keep + 1`` elements keeps ``keep`` at
    each end around a skeleton (``{1, 2, 3, <<94>>, 98, 99, 100}``), at every depth, so
    a data set never fills the screen. Shorter arguments are shown whole, and so is a
    list of up to NAMES_SHOWN strings (the valid names a message offers)."""
    from .outputform import linear_output_form
    if _text_length(e, width, linear_output_form) <= width:
        return e
    return _cut(e, keep)


def _cut(e, keep):
    if isinstance(e, PackedArray):
        e = pack_to_expr(e)
    if not isinstance(e, Expr):
        return e
    args = e.args
    names = len(args) <= NAMES_SHOWN and all(isinstance(a, String) for a in args)
    if len(args) > 2 * keep + 1 and not names:      # a list of names is what it says
        args = args[:keep] + (skeleton(len(args) - 2 * keep),) + args[-keep:]
    return Expr.make(_cut(e.head, keep), [_cut(a, keep) for a in args])


def shallow(e, depth=4, length=10):
    """Shallow[e, {depth, length}]: parts below ``depth`` levels and elements beyond the
    first ``length`` become skeletons."""
    if isinstance(e, PackedArray):
        if e.array.ndim > depth or len(e.array) > length:
            e = pack_to_expr(e)
        else:
            return e
    if not isinstance(e, Expr):
        return e
    if depth <= 0:
        return skeleton(len(e.args))
    args = [shallow(a, depth - 1, length) for a in e.args[:length]]
    if len(e.args) > length:
        args.append(skeleton(len(e.args) - length))
    return Expr.make(e.head, args)


def _shallow_spec(e):
    depth, length = 4, 10
    if len(e.args) > 1:
        spec = e.args[1]
        if isinstance(spec, Integer):
            depth = spec.value
        elif _is_list(spec) and len(spec.args) == 2:
            depth, length = [a.value if isinstance(a, Integer) else 10 ** 9 for a in spec.args]
    return depth, length


def _lines(e):
    if len(e.args) > 1 and isinstance(e.args[1], (Integer, Real)):
        return float(e.args[1].value)
    return 1.0


def _short(e, linear, node):
    if not e.args:
        return None
    from .outputform import linear_output_form
    width = _lines(e) * SHORT_LINE
    return node(shorten(e.args[0], width, linear_output_form), linear)[0]


def _shallow(e, linear, node):
    if not e.args:
        return None
    return node(shallow(e.args[0], *_shallow_spec(e)), linear)[0]


def _skeleton(e, linear, node):
    if len(e.args) == 1 and isinstance(e.args[0], Integer):
        return f"<<{e.args[0].value}>>"
    return None


def _full(e, linear, node):
    return full_form(e.args[0]) if len(e.args) == 1 else None


def _input(e, linear, node):
    from .inputform import input_form
    return input_form(e.args[0]) if e.args else None


def _output(e, linear, node):
    return node(e.args[0], linear)[0] if len(e.args) == 1 else None


FORMS = {"FullForm": _full, "InputForm": _input, "OutputForm": _output,
         "NumberForm": _number_form, "TableForm": _table, "MatrixForm": _table,
         "Short": _short, "Shallow": _shallow, "Skeleton": _skeleton}
