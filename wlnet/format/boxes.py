"""Character-grid layout for 2-D OutputForm: blocks, rows and line breaking.

A terminal OutputForm result is a grid of characters with one *baseline* (the line an
`Out[n]= ` label or the surrounding text sits on). Fractions stack around a bar on the
baseline, exponents sit on the line(s) above their base. Everything here is plain text
geometry; what to draw is decided in ``outputform``.

The formatter hands the layout engine *nodes*: a ``str`` (one line, baseline 0), a
``Block`` (fixed 2-D picture) or a ``list`` of nodes (a row that may be broken across
lines). Keeping one-line pieces as plain strings is what makes a 100000 x 10 array cheap.
"""

from __future__ import annotations

__all__ = ["Block", "to_block", "flatten", "hcat", "fraction", "superscript", "wrap", "Unit"]


class Block:
    """Lines of equal width with the index of the baseline."""

    __slots__ = ("lines", "baseline", "width")

    def __init__(self, lines: list[str], baseline: int = 0):
        self.width = max((len(s) for s in lines), default=0)
        self.lines = [s.ljust(self.width) for s in lines]
        self.baseline = baseline

    @property
    def height(self) -> int:
        return len(self.lines)

    def text(self) -> str:
        """The block as terminal text; trailing blanks are dropped from every line."""
        return "\n".join(s.rstrip() for s in self.lines)

    def __repr__(self):
        return f"Block({self.lines!r}, baseline={self.baseline})"


def to_block(node) -> Block:
    """Render a node with no width limit."""
    if isinstance(node, Block):
        return node
    if isinstance(node, str):
        return Block(node.split("\n"))
    return hcat(flatten(node))


def flatten(node, out=None) -> list:
    """The leaves (str / Block) of a row tree, left to right."""
    if out is None:
        out = []
    if isinstance(node, list):
        for child in node:
            if isinstance(child, list):
                flatten(child, out)
            else:
                out.append(child)
    else:
        out.append(node)
    return out


def hcat(leaves) -> Block:
    """Place leaves side by side, aligned on their baselines."""
    if all(isinstance(x, str) and "\n" not in x for x in leaves):
        return Block(["".join(leaves)])
    blocks = [to_block(x) for x in leaves]
    above = max((b.baseline for b in blocks), default=0)
    below = max((b.height - b.baseline for b in blocks), default=1)
    rows = [[] for _ in range(above + below)]
    for b in blocks:
        top = above - b.baseline
        for i, row in enumerate(rows):
            j = i - top
            row.append(b.lines[j] if 0 <= j < b.height else " " * b.width)
    return Block(["".join(r) for r in rows], above)


def fraction(num, den) -> Block:
    """Numerator over a bar over denominator, both centred (extra space goes right)."""
    n, d = to_block(num), to_block(den)
    w = max(n.width, d.width)
    lines = [" " * ((w - n.width) // 2) + s for s in n.lines]
    lines.append("-" * w)
    lines += [" " * ((w - d.width) // 2) + s for s in d.lines]
    return Block(lines, n.height)


def superscript(base, exponent) -> Block:
    """Exponent raised to the lines above the base's top, to its right."""
    b, e = to_block(base), to_block(exponent)
    lines = [" " * b.width + s for s in e.lines]
    lines += [s + " " * e.width for s in b.lines]
    return Block(lines, e.height + b.baseline)


class Unit:
    """An unbreakable run of leaves; line breaks happen only between units."""

    __slots__ = ("leaves", "width")

    def __init__(self, leaves: list):
        self.leaves = leaves
        self.width = sum(len(x) if isinstance(x, str) else x.width for x in leaves)


def wrap(units: list, first_width: float, width: float) -> list[list]:
    """Greedy line filling over units (``Unit`` or a plain one-line ``str``): each line
    gets as many whole units as fit (a unit wider than the line gets a line of its own).
    Returns the leaves of every line."""
    lines, cur, used, limit = [], [], 0, first_width
    for u in units:
        is_text = type(u) is str
        w = len(u) if is_text else u.width
        if cur and used + w > limit:
            lines.append(cur)
            cur, used, limit = [], 0, width
        if is_text:
            cur.append(u)
        else:
            cur.extend(u.leaves)
        used += w
    lines.append(cur)
    return lines
