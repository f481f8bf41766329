"""FromDigits: an integer from its digits in a base.

It is also what a number literal too long to expand while parsing becomes
(``syntax.to_expr.number``): ``FromDigits["123...", 10]``, so a 10 MB line of digits is
computed here, under the exact-number limit and interruptibly, like any arithmetic.
"""

from __future__ import annotations

import math

from ...expr import Expr, Integer, S, String
from ...kernel.builtin import builtin
from ...kernel.limits import MAX_EXACT_BITS, bits_text
from ...syntax.to_expr import parse_int

MESSAGES = {
    "nlst": "The expression `1` is not a list of digits or a string of valid digits.",
    "ibase": "Base `1` is not an integer greater than 1.",
}
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@builtin(argc=(1, 2), messages=MESSAGES,
         usage="FromDigits[list] gives the integer whose decimal digits are the elements "
               "of list.\nFromDigits[list, b] takes the digits in base b.\n"
               "FromDigits[\"string\", b] reads the digits (0-9, a-z) of a string in base b.")
def FromDigits(ev, expr):
    """FromDigits[{d1, d2, ...}] or FromDigits[list, b]: the integer with those digits in
    base b (10 by default); FromDigits["string", b] reads the digits of a string."""
    digits = expr.args[0]
    base = expr.args[1] if len(expr.args) == 2 else Integer(10)
    if not (isinstance(base, Integer) and base.value > 1):
        ev.message("FromDigits", "ibase", base)
        return None
    b = base.value
    if isinstance(digits, String):
        text = digits.value.strip().lower()
        if not text or b > 36 or any(_DIGITS.find(c) not in range(b) for c in text):
            ev.message("FromDigits", "nlst", digits)
            return None
        if len(text) * math.log2(b) > MAX_EXACT_BITS:
            ev.message("General", "mem", expr, String(bits_text(len(text) * math.log2(b))))
            return None
        return Integer(parse_int(text, b, ev.check_abort))
    if not (isinstance(digits, Expr) and digits.head is S.List and
            all(isinstance(d, Integer) for d in digits.args)):
        return None
    values = [d.value for d in digits.args]
    bits = len(values) * math.log2(b) + max((abs(v).bit_length() for v in values), default=0)
    if bits > MAX_EXACT_BITS:
        ev.message("General", "mem", expr, String(bits_text(bits)))
        return None
    n = 0
    for i, v in enumerate(values):
        if not i % 1000:
            ev.check_abort()
        n = n * b + v
    return Integer(n)
