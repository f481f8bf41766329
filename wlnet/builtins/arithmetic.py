"""Numbers and arithmetic: Plus/Times/Power with Wolfram's exact rules, elementary
functions, rounding, N, numeric predicates and the numeric constants.

Exact numbers are Python ``int`` and ``Fraction`` (so ``1/2`` stays a Rational and ``2/4``
becomes ``1/2``); machine reals are ``float``, and an inexact number anywhere makes the
result inexact, as in Wolfram. Plus and Times collect like terms and powers the way
Wolfram's basic evaluator does (``x + x`` → ``2 x``, ``x x`` → ``x^2``); the evaluator
sorts the result (Orderless). Every Listable function has a NumPy fast path so packed
arrays stay packed.

Infinities are ``DirectedInfinity[1]``, ``DirectedInfinity[-1]`` and ``DirectedInfinity[]``
(what the symbols Infinity and ComplexInfinity evaluate to).
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import reduce

import numpy as np

from ..expr import Atom, Expr, Integer, PackedArray, Rational, Real, S, Symbol, TRUE, FALSE, \
    String, from_python, pack
from ..kernel.builtin import builtin, declare
from ..kernel.evaluator import SYMBOL_VALUES
from ..kernel.limits import MAX_EXACT_BITS, MAX_QUADRATIC_BITS, bits_text

INT64_LIMIT = 2 ** 63
FACTORIAL_LIMIT = 200_000
ROOT_TRIAL_LIMIT = 1000           # trial divisors used to pull q-th powers out of a root

# ---------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------

CONSTANTS = {S.Pi: math.pi, S.E: math.e, S.Degree: math.pi / 180,
             S.EulerGamma: 0.5772156649015329, S.GoldenRatio: (1 + math.sqrt(5)) / 2,
             S.Catalan: 0.915965594177219}
for _name in CONSTANTS:
    declare(_name.name, attributes="Constant ReadProtected")
declare("I")
declare("Infinity", attributes="ReadProtected")


def number_value(e):
    """The Python number (int, Fraction or float) of a number atom, else None."""
    t = type(e)
    if t is Integer or t is Real or t is Rational:
        return e.value
    return None


def to_atom(v):
    """The number atom for a Python/NumPy number (a whole Fraction becomes an Integer)."""
    if isinstance(v, (float, np.floating)):
        return Real(float(v))
    if isinstance(v, Fraction):
        return Integer(v.numerator) if v.denominator == 1 else Rational(v)
    return Integer(int(v))


def is_exact(v) -> bool:
    return isinstance(v, (int, Fraction))


def _is_one(e) -> bool:
    return type(e) is Integer and e.value == 1


COMPLEX_INFINITY = Expr(S.DirectedInfinity)
SYMBOL_VALUES[S.Infinity] = lambda ev: Expr(S.DirectedInfinity, Integer(1))
SYMBOL_VALUES[S.ComplexInfinity] = lambda ev: COMPLEX_INFINITY


def infinity(direction) -> Expr:
    """DirectedInfinity for +1/-1, or ComplexInfinity for None."""
    return COMPLEX_INFINITY if direction is None else Expr(S.DirectedInfinity, Integer(direction))


def infinity_kind(e):
    """+1 / -1 for real infinities, "complex" for ComplexInfinity, None otherwise."""
    if isinstance(e, Expr) and e.head is S.DirectedInfinity:
        if not e.args:
            return "complex"
        if len(e.args) == 1 and type(e.args[0]) is Integer and e.args[0].value in (1, -1):
            return e.args[0].value
    return None


@builtin(argc=(0, 1))
def DirectedInfinity(ev, expr):
    """DirectedInfinity[z]: an infinite quantity in the direction of z (normalised to ±1)."""
    if not expr.args:
        return None
    v = number_value(expr.args[0])
    if v is None:
        return None
    if v == 0:
        return COMPLEX_INFINITY
    out = infinity(1 if v > 0 else -1)
    return None if out == expr else out


def numeric_q(ev, e) -> bool:
    """Wolfram's NumericQ: a number, a numeric constant, or a NumericFunction of those."""
    if number_value(e) is not None:
        return True
    if isinstance(e, Symbol):
        return e in CONSTANTS
    if isinstance(e, (Atom, PackedArray)) or not isinstance(e.head, Symbol):
        return False
    return "NumericFunction" in ev.attributes(e.head) and all(numeric_q(ev, a) for a in e.args)


def numericize(e):
    """Replace exact numbers and numeric constants by machine reals (N, before evaluation)."""
    t = type(e)
    if t is Integer or t is Rational:
        try:
            return Real(float(e.value))
        except OverflowError:
            return e
    if t is Symbol:
        c = CONSTANTS.get(e)
        return e if c is None else Real(c)
    if isinstance(e, PackedArray):
        return e if e.array.dtype.kind == "f" else PackedArray(e.array.astype(np.float64))
    if isinstance(e, Atom):
        return e
    if e.head is S.DirectedInfinity:
        return e
    return Expr.make(e.head, [numericize(a) for a in e.args])


def real_value(ev, e):
    """A float for anything with a real numeric value (numbers, Pi, Sqrt[2], ±Infinity),
    used for comparisons; None otherwise."""
    v = number_value(e)
    if v is not None:
        return v
    k = infinity_kind(e)
    if k in (1, -1):
        return math.inf * k
    if numeric_q(ev, e):
        n = ev.evaluate(numericize(e))
        if type(n) is Real:
            return n.value
    return None


def _numericize_if_inexact(ev, args):
    """With a machine real among the arguments, numeric constants and exact numeric
    expressions become reals too (``1. + Pi`` → ``4.14159``)."""
    if not any(type(a) is Real for a in args):
        return args
    return tuple(ev.evaluate(numericize(a)) if number_value(a) is None and numeric_q(ev, a)
                 else a for a in args)


def _overflow(ev):
    """Overflow[], after General::ovfl: what a computation gives when a number outgrows
    what Python can hold."""
    ev.message("General", "ovfl")
    return Expr(S.Overflow)


def _float_or_none(ev, fn, *values):
    """Machine evaluation of fn; None for results outside the reals, General::ovfl on overflow."""
    try:
        r = fn(*values)
    except OverflowError:
        return _overflow(ev)
    except (ValueError, ZeroDivisionError):
        return None
    if isinstance(r, complex) or r != r:
        return None
    return Real(float(r))


def _too_big(ev, expr, bits: float) -> bool:
    if bits > MAX_EXACT_BITS:
        ev.message("General", "mem", expr, String(bits_text(bits)))
        return True
    return False


class TooBig(Exception):
    """An exact computation past the limits of kernel.limits; the text says which."""


def _bits(v) -> int:
    """The size of an exact number: the bits of its numerator or denominator."""
    if type(v) is int:
        return v.bit_length()
    if isinstance(v, Fraction):
        return max(v.numerator.bit_length(), v.denominator.bit_length())
    return 0


def _log2_size(v) -> float:
    """log2 of the larger of an exact number's numerator and denominator (exact numbers
    of any size: converting a tiny fraction to a float would underflow)."""
    q = Fraction(v)
    return max(math.log2(abs(q.numerator)) if q.numerator else 0.0, math.log2(q.denominator))


def check_exact(x, y, product: bool) -> None:
    """Raise TooBig before ``x * y`` (``product``) or ``x + y`` of two exact numbers
    whose result would pass MAX_EXACT_BITS, or whose fraction arithmetic (a greatest
    common divisor, quadratic in the sizes) would take longer than an interrupt may wait."""
    if not (is_exact(x) and is_exact(y)):
        return
    bx, by = _bits(x), _bits(y)
    if product and bx + by > MAX_EXACT_BITS:
        raise TooBig(bits_text(bx + by))
    if (type(x) is not int or type(y) is not int) and bx * by > MAX_QUADRATIC_BITS ** 2:
        raise TooBig(bits_text(max(bx, by), MAX_QUADRATIC_BITS, "a fraction"))


def check_division(m, n) -> None:
    """Raise TooBig before dividing exact numbers of sizes whose division (quadratic)
    would take longer than an interrupt may wait."""
    if is_exact(m) and is_exact(n) and \
            _bits(n) * max(_bits(m) - _bits(n), 1) > MAX_QUADRATIC_BITS ** 2:
        raise TooBig(bits_text(_bits(m), MAX_QUADRATIC_BITS, "a division of exact numbers"))


# ---------------------------------------------------------------------------------------
# NumPy fast paths for Listable functions on packed arrays
# ---------------------------------------------------------------------------------------

def _operands(args):
    """The NumPy operands of a fast path, aligned for Wolfram's threading (leading axes
    match, so a vector combines with the rows of a matrix), or None to let the evaluator
    thread element by element (symbols, unpacked lists, exact rationals with integers)."""
    has_float = any((isinstance(a, PackedArray) and a.array.dtype.kind == "f") or type(a) is Real
                    for a in args)
    ops = []
    for a in args:
        if isinstance(a, PackedArray):
            ops.append(a.array)
        elif type(a) is Integer and -INT64_LIMIT <= a.value < INT64_LIMIT:
            ops.append(a.value)
        elif type(a) is Real:
            ops.append(a.value)
        elif has_float and (type(a) is Rational or a in CONSTANTS):
            ops.append(float(a.value) if type(a) is Rational else CONSTANTS[a])
        else:
            return None
    arrays = [o for o in ops if isinstance(o, np.ndarray)]
    if not arrays:
        return None
    depth = max(a.ndim for a in arrays)
    longest = next(a.shape for a in arrays if a.ndim == depth)
    if any(a.shape != longest[:a.ndim] for a in arrays):
        return None
    return [o.reshape(o.shape + (1,) * (depth - o.ndim)) if isinstance(o, np.ndarray) else o
            for o in ops]


def _magnitude(op) -> int:
    if isinstance(op, np.ndarray):
        return max(abs(int(op.max())), abs(int(op.min())))
    return abs(int(op))


def _all_int(ops) -> bool:
    return all(o.dtype.kind in "iu" if isinstance(o, np.ndarray) else type(o) is int for o in ops)


def _packed_result(result):
    """Pack a NumPy result; None (use the slow path) if it has NaNs Wolfram would not give."""
    if result.dtype.kind == "f" and np.isnan(result).any():
        return None
    return from_python(result)


def _vectorized_fold(np_op, int_bound):
    """A fast path folding np_op over the operands; int_bound(magnitudes) must stay under
    2^63 for an all-integer computation, else the exact slow path runs."""
    def fast(ev, args):
        ops = _operands(args)
        if ops is None:
            return None
        if _all_int(ops) and int_bound([_magnitude(o) for o in ops]) >= INT64_LIMIT:
            return None
        with np.errstate(all="ignore"):
            return _packed_result(reduce(np_op, ops))
    return fast


def _product(values):
    return reduce(lambda a, b: a * b, values, 1)


def _float_unary(np_fn, domain=None):
    """A fast path applying np_fn to a packed real array (exact arrays stay symbolic, like
    ``Sin[{1, 2}]``); domain(array) False means some element leaves the reals."""
    def fast(ev, args):
        if len(args) != 1 or not isinstance(args[0], PackedArray):
            return None
        a = args[0].array
        if a.dtype.kind != "f" or (domain is not None and not domain(a)):
            return None
        with np.errstate(all="ignore"):
            return _packed_result(np_fn(a))
    return fast


def _any_unary(np_fn):
    """A fast path for functions exact on integers too (Abs, Sign, Floor, ...)."""
    def fast(ev, args):
        if len(args) != 1 or not isinstance(args[0], PackedArray):
            return None
        a = args[0].array
        if a.dtype.kind == "f" and not np.isfinite(a).all():
            return None
        return _packed_result(np_fn(a))
    return fast


# ---------------------------------------------------------------------------------------
# Plus, Times, Power and their relatives
# ---------------------------------------------------------------------------------------

def _term(e):
    """Split a term into (numeric coefficient, rest): ``3 x y`` → (3, x y)."""
    if isinstance(e, Expr) and e.head is S.Times and len(e.args) >= 2:
        c = number_value(e.args[0])
        if c is not None:
            rest = e.args[1] if len(e.args) == 2 else Expr.make(S.Times, e.args[1:])
            return c, rest
    return 1, e


def _scaled(c, rest):
    """The term c·rest, or None when the coefficient is an exact zero."""
    if is_exact(c) and c == 0:
        return None
    if is_exact(c) and c == 1:
        return rest
    factors = rest.args if isinstance(rest, Expr) and rest.head is S.Times else (rest,)
    return Expr.make(S.Times, (to_atom(c),) + tuple(factors))


def _unchanged_or(expr, out):
    return None if out == expr else out


def _rebuilt(expr, items):
    """What Plus, Times, Max and Min give for the items they could not combine further: a
    lone item itself, else expr's head over them (None when that is expr unchanged)."""
    return items[0] if len(items) == 1 else _unchanged_or(expr, Expr.make(expr.head, items))


def _combine_infinities(ev, expr, kinds):
    """The sum of infinities, or Indeterminate (with Infinity::indet) for ∞ - ∞."""
    if len(set(kinds)) > 1 or (kinds[0] == "complex" and len(kinds) > 1):
        ev.message("Infinity", "indet", expr)
        return S.Indeterminate
    return infinity(None if kinds[0] == "complex" else kinds[0])


@builtin(attributes="Flat Listable NumericFunction OneIdentity Orderless",
         vectorized=_vectorized_fold(np.add, sum))
def Plus(ev, expr):
    """Plus[x, y, ...] (x + y + ...): the sum, with like terms collected."""
    args = expr.args
    if not args:
        return Integer(0)
    if S.Indeterminate in args:
        return S.Indeterminate
    kinds = [k for k in map(infinity_kind, args) if k is not None]
    if kinds:
        inf = _combine_infinities(ev, expr, kinds)
        rest = [a for a in args if infinity_kind(a) is None and number_value(a) is None]
        if inf is S.Indeterminate or not rest:
            return inf
        return _unchanged_or(expr, Expr.make(S.Plus, [inf] + rest))
    try:
        total, terms = _like_terms(_numericize_if_inexact(ev, args))
    except OverflowError:
        return _overflow(ev)
    except TooBig as problem:
        ev.message("General", "mem", expr, String(str(problem)))
        return None
    out = [t for t in (_scaled(c, rest) for rest, c in terms.items()) if t is not None]
    if total is not None and (not is_exact(total) or total != 0 or not out):
        out.insert(0, to_atom(total))
    return _rebuilt(expr, out) if out else Integer(0)


def _like_terms(args):
    """(the sum of the numbers among args or None, {term: coefficient} for the others);
    OverflowError when a sum grows too large."""
    total = None
    terms: dict = {}
    for a in args:
        v = number_value(a)
        if v is not None:
            if total is not None:
                check_exact(total, v, product=False)
            total = v if total is None else total + v
        else:
            c, rest = _term(a)
            terms[rest] = terms[rest] + c if rest in terms else c
    return total, terms


def _factor(e):
    """Split a factor into (base, exponent): ``x^2`` → (x, 2), ``x`` → (x, 1)."""
    if isinstance(e, Expr) and e.head is S.Power and len(e.args) == 2:
        return e.args
    return e, Integer(1)


@builtin(attributes="Flat Listable NumericFunction OneIdentity Orderless",
         vectorized=_vectorized_fold(np.multiply, _product))
def Times(ev, expr):
    """Times[x, y, ...] (x y ...): the product, with powers of the same base collected."""
    args = expr.args
    if not args:
        return Integer(1)
    if S.Indeterminate in args:
        return S.Indeterminate
    try:
        product, kinds, powers = _like_factors(_numericize_if_inexact(ev, args))
    except OverflowError:
        return _overflow(ev)
    except TooBig as problem:
        ev.message("General", "mem", expr, String(str(problem)))
        return None
    if kinds:
        if product is not None and product == 0:
            ev.message("Infinity", "indet", expr)
            return S.Indeterminate
        leading = [_product_infinity(kinds, product)]
    elif product is not None and product == 0:
        return to_atom(product)
    else:
        leading = [] if product is None or (is_exact(product) and product == 1) \
            else [to_atom(product)]
    out = leading + [_power_factor(ev, base, exps) for base, exps in powers.items()]
    if len(out) == 2 and out[0] == Integer(-1) and isinstance(out[1], Expr) and \
            out[1].head is S.Plus:    # -(a + b) → -a - b, as Wolfram does
        return Expr.make(S.Plus, [Expr(S.Times, Integer(-1), t) for t in out[1].args])
    return _rebuilt(expr, out) if out else Integer(1)


def _like_factors(args):
    """(the product of the numbers among args or None, the kinds of the infinities,
    {base: [exponents]} for the others); OverflowError when a product grows too large."""
    product = None
    kinds = []
    powers: dict = {}
    for a in args:
        v = number_value(a)
        if v is not None:
            if product is not None:
                check_exact(product, v, product=True)
            product = v if product is None else product * v
            continue
        k = infinity_kind(a)
        if k is not None:
            kinds.append(k)
            continue
        base, exponent = _factor(a)
        powers.setdefault(base, []).append(exponent)
    return product, kinds, powers


def _product_infinity(kinds, product):
    if "complex" in kinds:
        return COMPLEX_INFINITY
    sign = _product(kinds) * (1 if product is None or product > 0 else -1)
    return infinity(sign)


def _power_factor(ev, base, exponents):
    exponent = exponents[0] if len(exponents) == 1 else \
        ev.evaluate(Expr.make(S.Plus, exponents))
    return base if _is_one(exponent) else Expr(S.Power, base, exponent)


def _power_fast(ev, args):
    """Packed powers: reals with NumPy; integers only for non-negative integer exponents
    that cannot overflow (others give rationals or big integers, elementwise)."""
    if len(args) != 2:
        return None
    if args[0] is S.E and isinstance(args[1], PackedArray):
        return _float_unary(np.exp)(ev, args[1:])
    ops = _operands(args)
    if ops is None:
        return None
    base, exponent = ops
    if _all_int(ops):
        if _magnitude(exponent) != 0 and (np.min(exponent) < 0 or
                                          np.max(exponent) * math.log2(max(_magnitude(base), 1))
                                          >= 62):
            return None
    with np.errstate(all="ignore"):
        result = np.power(base, exponent) if _all_int(ops) else \
            np.power(np.asarray(base, dtype=np.result_type(base, 1.0)), exponent)
    if result.dtype.kind == "f" and (np.isinf(result) & np.isfinite(np.asarray(base))).any():
        return None     # 0.^-1 and friends: let the elementwise path issue Power::infy
    return _packed_result(result)


@builtin(attributes="Listable NumericFunction OneIdentity", vectorized=_power_fast,
         messages={"infy": "Infinite expression `1` encountered.",
                   "indet": "Indeterminate expression `1` encountered."})
def Power(ev, expr):
    """Power[x, y] (x^y): x to the power y; exact for integer and rational powers."""
    args = expr.args
    if not args:
        return Integer(1)
    if len(args) == 1:
        return args[0]
    if len(args) > 2:
        return Expr(S.Power, args[0], Expr.make(S.Power, args[1:]))
    base, exponent = _numericize_if_inexact(ev, args)
    if S.Indeterminate in (base, exponent):
        return S.Indeterminate
    b, e = number_value(base), number_value(exponent)
    if b is not None and e is not None:
        return _power_numbers(ev, expr, b, e)
    if e is not None:
        return _power_symbolic(ev, expr, base, e)
    if infinity_kind(exponent) in (1, -1):
        return _power_of_infinity(ev, base, infinity_kind(exponent))
    if _is_one(base):
        return Integer(1)
    if base is S.E and isinstance(exponent, Expr) and exponent.head is S.Log and \
            len(exponent.args) == 1:
        return exponent.args[0]
    return _unchanged_or(expr, Expr(S.Power, base, exponent))


def _power_symbolic(ev, expr, base, e):
    """x^n for a symbolic or infinite base and a numeric exponent."""
    if e == 0:
        if infinity_kind(base) is not None:
            ev.message("Power", "indet", expr)
            return S.Indeterminate
        return to_atom(1.0 if isinstance(e, float) else 1)
    if is_exact(e) and e == 1:
        return base
    kind = infinity_kind(base)
    if kind is not None:
        if e < 0:
            return Integer(0)
        if kind == "complex" or not isinstance(e, int):
            return COMPLEX_INFINITY if kind == "complex" else None
        return infinity(kind ** e)
    if not isinstance(e, int):
        return None
    if base is S.I:
        return [Integer(1), S.I, Integer(-1), Expr(S.Times, Integer(-1), S.I)][e % 4]
    if isinstance(base, Expr) and base.head is S.Power and len(base.args) == 2:
        return Expr(S.Power, base.args[0], Expr(S.Times, base.args[1], Integer(e)))
    if isinstance(base, Expr) and base.head is S.Times:
        return Expr.make(S.Times, [Expr(S.Power, f, Integer(e)) for f in base.args])
    return None


def _power_of_infinity(ev, base, direction):
    """b^Infinity and b^-Infinity for a positive real b other than 1 (E^-Infinity → 0)."""
    b = real_value(ev, base)
    if b is None or b <= 0 or b == 1:
        return None
    grows = (b > 1) == (direction > 0)
    return infinity(1) if grows else Integer(0)


def _power_numbers(ev, expr, b, e):
    """b^e for two numbers."""
    if b == 0 and e == 0:
        ev.message("Power", "indet", expr)
        return S.Indeterminate
    if b == 0:
        if e < 0:
            ev.message("Power", "infy", expr)
            return COMPLEX_INFINITY
        return to_atom(0.0 if isinstance(b, float) or isinstance(e, float) else 0)
    if isinstance(b, float) or isinstance(e, float):
        return _float_or_none(ev, lambda x, y: float(x) ** float(y), b, e)
    if isinstance(e, int):
        if abs(b) != 1 and _too_big(ev, expr, abs(e) * _log2_size(b)):
            return None
        return to_atom(Fraction(b) ** e)
    return _unchanged_or(expr, _exact_root(ev, Fraction(b), e))


def _iroot(n: int, q: int) -> int:
    """The integer part of the q-th root of n >= 0 (Newton's method on integers)."""
    if n < 2 or q == 1:
        return n
    if q >= n.bit_length():
        return 1
    x = 1 << ((n.bit_length() + q - 1) // q)
    while True:
        y = ((q - 1) * x + n // x ** (q - 1)) // q
        if y >= x:
            return x
        x = y


def _root_parts(n: int, q: int) -> tuple[int, int]:
    """(a, b) with n == a**q * b, taking out every q-th power of a small factor, or all of
    n when it is a perfect power: Sqrt[12] is 2 Sqrt[3]."""
    a = 1
    for p in range(2, ROOT_TRIAL_LIMIT):
        pq = p ** q
        if pq > n:
            break
        while n % pq == 0:
            n //= pq
            a *= p
    r = _iroot(n, q)
    return (a * r, 1) if r ** q == n else (a, n)


def _exact_root(ev, b: Fraction, e: Fraction):
    """b^e for a rational, non-integer exponent: numeric factors pulled out
    (8^(1/3) → 2, 2^(3/2) → 2 Sqrt[2], Sqrt[1/2] → 1/Sqrt[2]) and a negative base as
    (-1)^e (Sqrt[-4] → 2 I)."""
    if b == -1:
        return _minus_one_power(e)
    magnitude = abs(b) if e > 0 else 1 / abs(b)
    k, r = divmod(abs(e.numerator), e.denominator)
    q = e.denominator
    if _too_big(ev, Expr(S.Power, to_atom(b), to_atom(e)), k * max(_log2_size(magnitude), 1)):
        return None
    na, nb = _root_parts(magnitude.numerator, q)
    da, db = _root_parts(magnitude.denominator, q)
    factors = []
    coefficient = magnitude ** k * Fraction(na, da) ** r
    if coefficient != 1:
        factors.append(to_atom(coefficient))
    inside = Fraction(nb, db)
    if inside != 1:
        if inside.numerator == 1:
            factors.append(Expr(S.Power, Integer(inside.denominator), to_atom(Fraction(-r, q))))
        else:
            factors.append(Expr(S.Power, to_atom(inside), to_atom(Fraction(r, q))))
    if b < 0:
        factors.append(Expr(S.Power, Integer(-1), to_atom(e)))
    if not factors:
        return Integer(1)
    return factors[0] if len(factors) == 1 else Expr.make(S.Times, factors)


def _minus_one_power(e: Fraction):
    """(-1)^e with e reduced into (-1, 1]; (-1)^(±1/2) is ±I."""
    reduced = (e + 1) % 2 - 1
    if reduced == -1:
        reduced = Fraction(1)
    if reduced == Fraction(1, 2):
        return S.I
    if reduced == Fraction(-1, 2):
        return Expr(S.Times, Integer(-1), S.I)
    return Expr(S.Power, Integer(-1), to_atom(reduced))


def _binary_fast(np_op, int_ok):
    """A two-argument fast path (Subtract, Divide, Mod); int_ok(ops) says whether an
    all-integer computation is exact and safe in int64."""
    def fast(ev, args):
        ops = _operands(args)
        if ops is None or len(ops) != 2 or (_all_int(ops) and not int_ok(ops)):
            return None
        with np.errstate(all="ignore"):
            return _packed_result(np_op(*ops))
    return fast


@builtin(attributes="Listable NumericFunction", argc=2,
         vectorized=_binary_fast(np.subtract, lambda ops: sum(map(_magnitude, ops)) < INT64_LIMIT))
def Subtract(ev, expr):
    """Subtract[x, y] (x - y): x plus -1 times y."""
    x, y = expr.args
    return Expr(S.Plus, x, Expr(S.Times, Integer(-1), y))


@builtin(attributes="Listable NumericFunction", argc=1,
         vectorized=_any_unary(np.negative))
def Minus(ev, expr):
    """Minus[x] (-x): -1 times x."""
    return Expr(S.Times, Integer(-1), expr.args[0])


@builtin(attributes="Listable NumericFunction", argc=2,
         vectorized=_binary_fast(np.divide, lambda ops: False))
def Divide(ev, expr):
    """Divide[x, y] (x/y): x times y^-1, so 1/0 reports Power::infy as in Wolfram."""
    x, y = expr.args
    return Expr(S.Times, x, Expr(S.Power, y, Integer(-1)))


@builtin(attributes="Listable NumericFunction", argc=1,
         vectorized=_float_unary(np.sqrt, lambda a: bool((a >= 0).all())))
def Sqrt(ev, expr):
    """Sqrt[x]: the square root, x^(1/2)."""
    return Expr(S.Power, expr.args[0], Rational(Fraction(1, 2)))


@builtin(attributes="Listable NumericFunction", argc=1, vectorized=_float_unary(np.exp))
def Exp(ev, expr):
    """Exp[x]: E^x."""
    return Expr(S.Power, S.E, expr.args[0])


# ---------------------------------------------------------------------------------------
# Elementary functions
# ---------------------------------------------------------------------------------------

def _negated(e):
    """-e for an argument that looks negative (a negative number or -c x), else None."""
    v = number_value(e)
    if v is not None:
        return to_atom(-v) if v < 0 else None
    if isinstance(e, Expr) and e.head is S.Times and len(e.args) >= 2:
        c = number_value(e.args[0])
        if c is not None and c < 0:
            return _scaled(-c, Expr.make(S.Times, e.args[1:]) if len(e.args) > 2 else e.args[1])
    return None


def _pi_multiple(e):
    """r for an argument r Pi (or r Degree) with rational r; 0 for 0; else None."""
    if type(e) is Integer and e.value == 0:
        return Fraction(0)
    scale = {S.Pi: Fraction(1), S.Degree: Fraction(1, 180)}
    if e in scale:
        return scale[e]
    if isinstance(e, Expr) and e.head is S.Times and len(e.args) == 2 and e.args[1] in scale:
        c = number_value(e.args[0])
        if is_exact(c):
            return Fraction(c) * scale[e.args[1]]
    return None


_SIN_TABLE = {Fraction(0): Integer(0), Fraction(1, 6): Rational(Fraction(1, 2)),
              Fraction(1, 4): Expr(S.Power, Integer(2), Rational(Fraction(-1, 2))),
              Fraction(1, 3): Expr(S.Times, Rational(Fraction(1, 2)),
                                   Expr(S.Power, Integer(3), Rational(Fraction(1, 2)))),
              Fraction(1, 2): Integer(1)}


def _sin_pi(r: Fraction):
    """Sin[r Pi] exactly for multiples of Pi/4 and Pi/6, else None."""
    r %= 2
    sign = 1
    if r >= 1:
        sign, r = -1, r - 1
    if r > Fraction(1, 2):
        r = 1 - r
    value = _SIN_TABLE.get(r)
    if value is None or sign == 1 or value == Integer(0):
        return value
    return Expr(S.Times, Integer(-1), value)


def _exact_sin(ev, x):
    r = _pi_multiple(x)
    return None if r is None else _sin_pi(r)


def _exact_cos(ev, x):
    r = _pi_multiple(x)
    return None if r is None else _sin_pi(r + Fraction(1, 2))


def _exact_tan(ev, x):
    r = _pi_multiple(x)
    if r is None:
        return None
    s, c = _sin_pi(r), _sin_pi(r + Fraction(1, 2))
    if s is None or c is None:
        return None
    if c == Integer(0):
        return COMPLEX_INFINITY
    return Expr(S.Times, s, Expr(S.Power, c, Integer(-1)))


def _exact_arctan(ev, x):
    kind = infinity_kind(x)
    if kind in (1, -1):
        return Expr(S.Times, Rational(Fraction(kind, 2)), S.Pi)
    return {Integer(0): Integer(0), Integer(1): Expr(S.Times, Rational(Fraction(1, 4)), S.Pi)
            }.get(x)


def _exact_log(ev, x):
    v = number_value(x)
    if v == 0 and is_exact(v):
        return infinity(-1)
    if v == 1 and is_exact(v):
        return Integer(0)
    if x is S.E:
        return Integer(1)
    if infinity_kind(x) in (1, -1, "complex"):
        return infinity(1)
    if isinstance(x, Expr) and x.head is S.Power and x.args[0] is S.E and \
            is_exact(number_value(x.args[1])):
        return x.args[1]
    return None


def _at_zero(value):
    """The exact-value rule of a function known only at 0 (f[0] == value)."""
    def exact(ev, x):
        return value if type(x) is Integer and x.value == 0 else None
    return exact


def _logistic(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def _elementary(name, usage, fn, np_fn, exact=None, parity=None, domain=None):
    """Register a Listable numeric function of one argument: machine reals through fn
    (NumPy np_fn for packed reals), exact special values through exact(ev, x), and the
    symmetry f[-x] = -f[x] (parity "odd") or f[-x] = f[x] ("even")."""
    def function(ev, expr):
        x = expr.args[0]
        if type(x) is Real:
            return _float_or_none(ev, fn, x.value)
        if parity is not None:
            neg = _negated(x)
            if neg is not None:
                inner = Expr(expr.head, neg)
                return inner if parity == "even" else Expr(S.Times, Integer(-1), inner)
        return exact(ev, x) if exact is not None else None
    function.__name__ = name
    builtin(name, attributes="Listable NumericFunction", argc=1, usage=usage,
            vectorized=_float_unary(np_fn, domain))(function)


_elementary("Sin", "Sin[x]: the sine of x (radians).", math.sin, np.sin, _exact_sin, "odd")
_elementary("Cos", "Cos[x]: the cosine of x (radians).", math.cos, np.cos, _exact_cos, "even")
_elementary("Tan", "Tan[x]: the tangent of x (radians).", math.tan, np.tan, _exact_tan, "odd")
_elementary("Sinh", "Sinh[x]: the hyperbolic sine.", math.sinh, np.sinh,
            _at_zero(Integer(0)), "odd")
_elementary("Cosh", "Cosh[x]: the hyperbolic cosine.", math.cosh, np.cosh,
            _at_zero(Integer(1)), "even")
_elementary("Tanh", "Tanh[x]: the hyperbolic tangent.", math.tanh, np.tanh,
            _at_zero(Integer(0)), "odd")
_elementary("LogisticSigmoid", "LogisticSigmoid[x]: 1/(1 + E^-x).", _logistic,
            lambda a: 0.5 * (1 + np.tanh(0.5 * a)), _at_zero(Rational(Fraction(1, 2))))


def _log_one(ev, x):
    if type(x) is Real:
        return _float_or_none(ev, math.log, x.value) if x.value != 0 else infinity(-1)
    return _exact_log(ev, x)


def _exact_log_base(b, z):
    """n when z == b^n for positive rationals b, z and an integer n (Log[2, 8] → 3)."""
    if b <= 0 or z <= 0 or b == 1:
        return None
    n = round(math.log(z) / math.log(b))
    return Integer(n) if Fraction(b) ** n == z else None


@builtin(attributes="Listable NumericFunction", argc=(1, 2),
         vectorized=_float_unary(np.log, lambda a: bool((a > 0).all())))
def Log(ev, expr):
    """Log[z]: the natural logarithm; Log[b, z]: the logarithm to base b."""
    if len(expr.args) == 1:
        return _log_one(ev, expr.args[0])
    base, z = expr.args
    b, v = number_value(base), number_value(z)
    if b is not None and v is not None:
        if isinstance(b, float) or isinstance(v, float):
            return _float_or_none(ev, lambda x, y: math.log(y) / math.log(x), b, v)
        exact = _exact_log_base(b, v)
        if exact is not None:
            return exact
    return Expr(S.Times, Expr(S.Log, z), Expr(S.Power, Expr(S.Log, base), Integer(-1)))


def _arctan_fast(ev, args):
    return _float_unary(np.arctan)(ev, args) if len(args) == 1 else \
        _binary_fast(lambda x, y: np.arctan2(y, x), lambda ops: False)(ev, args)


@builtin(attributes="Listable NumericFunction", argc=(1, 2), vectorized=_arctan_fast)
def ArcTan(ev, expr):
    """ArcTan[z]: the inverse tangent; ArcTan[x, y]: the angle of the point {x, y}."""
    if len(expr.args) == 1:
        x = expr.args[0]
        if type(x) is Real:
            return Real(math.atan(x.value))
        neg = _negated(x)
        if neg is not None:
            return Expr(S.Times, Integer(-1), Expr(S.ArcTan, neg))
        return _exact_arctan(ev, x)
    x, y = (number_value(a) for a in expr.args)
    if x is None or y is None:
        return None
    if isinstance(x, float) or isinstance(y, float):
        return Real(math.atan2(y, x))
    if x == 0:
        return Integer(0) if y == 0 else Expr(S.Times, Rational(Fraction(_sign(y), 2)), S.Pi)
    angle = Expr(S.ArcTan, to_atom(Fraction(y) / x))
    return angle if x > 0 else Expr(S.Plus, angle, Expr(S.Times, Integer(1 if y >= 0 else -1),
                                                        S.Pi))


def _sign(v) -> int:
    return (v > 0) - (v < 0)


# ---------------------------------------------------------------------------------------
# Abs, Sign, Ramp and rounding
# ---------------------------------------------------------------------------------------

def _numeric_unary(name, usage, op, np_op, parity=None, infinite=None):
    """Register a Listable function of one number through op(python number) -> atom, with
    an elementwise NumPy fast path for packed arrays (integers included)."""
    def function(ev, expr):
        x = expr.args[0]
        v = number_value(x)
        if v is not None:
            if isinstance(v, float) and not math.isfinite(v):
                return None
            return op(v)
        kind = infinity_kind(x)
        if kind is not None and infinite is not None:
            return infinite(kind)
        neg = _negated(x) if parity is not None else None
        if neg is not None:
            inner = Expr(expr.head, neg)
            return inner if parity == "even" else Expr(S.Times, Integer(-1), inner)
        return None
    function.__name__ = name
    builtin(name, attributes="Listable NumericFunction", argc=1, usage=usage,
            vectorized=_any_unary(np_op))(function)


_numeric_unary("Abs", "Abs[x]: the absolute value.", lambda v: to_atom(abs(v)), np.abs,
               "even", lambda kind: infinity(1))
_numeric_unary("Sign", "Sign[x]: -1, 0 or 1 by the sign of x.", lambda v: Integer(_sign(v)),
               lambda a: np.sign(a).astype(np.int64), "odd",
               lambda kind: None if kind == "complex" else Integer(kind))
_numeric_unary("Ramp", "Ramp[x]: x if it is positive, else 0.",
               lambda v: to_atom(v if v > 0 else v * 0), lambda a: np.maximum(a, 0))


def _to_int_array(a):
    """A rounded float array as int64, or None if it does not fit."""
    if a.dtype.kind != "f":
        return a
    if a.size and np.abs(a).max() >= 2.0 ** 62:
        return None
    return a.astype(np.int64)


def _rounding(name, usage, op, np_op):
    """Register Round/Floor/Ceiling/IntegerPart: f[x] an integer, f[x, a] a multiple of a."""
    def fast(ev, args):
        if len(args) != 1 or not isinstance(args[0], PackedArray):
            return None
        a = args[0].array
        if a.dtype.kind == "f" and not np.isfinite(a).all():
            return None
        result = _to_int_array(np_op(a))
        return None if result is None else from_python(result)

    def function(ev, expr):
        values = [number_value(a) for a in expr.args]
        if None in values or any(isinstance(v, float) and not math.isfinite(v) for v in values):
            return None
        if len(values) == 1:
            return Integer(op(values[0]))
        x, a = values
        if a == 0:
            return None
        return to_atom(op(Fraction(x) / Fraction(a) if is_exact(x) and is_exact(a) else x / a) * a)
    function.__name__ = name
    builtin(name, attributes="Listable NumericFunction", argc=(1, 2), usage=usage,
            vectorized=fast)(function)


_rounding("Round", "Round[x]: the nearest integer (halves to even); Round[x, a]: nearest "
          "multiple of a.", round, np.rint)
_rounding("Floor", "Floor[x]: the greatest integer <= x.", math.floor, np.floor)
_rounding("Ceiling", "Ceiling[x]: the least integer >= x.", math.ceil, np.ceil)
_rounding("IntegerPart", "IntegerPart[x]: x with its fractional part dropped.", math.trunc,
          np.trunc)


@builtin(attributes="Listable NumericFunction", argc=1,
         vectorized=_any_unary(lambda a: a - np.trunc(a) if a.dtype.kind == "f" else a * 0))
def FractionalPart(ev, expr):
    """FractionalPart[x]: x minus IntegerPart[x] (negative for negative x)."""
    v = number_value(expr.args[0])
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return None
    return to_atom(v - math.trunc(v))


def _divisor(ev, expr, name, tag, result):
    """The second argument of Mod/Quotient as a number; for 0, the message and ``result``."""
    values = [number_value(a) for a in expr.args]
    if None in values:
        return None, None
    if values[1] == 0:
        ev.message(name, tag, expr)
        return values, result
    return values, None


def _mod_fast(ev, args):
    if len(args) != 2:
        return None
    ops = _operands(args)
    if ops is None or np.any(np.asarray(ops[1]) == 0):
        return None
    with np.errstate(all="ignore"):
        return _packed_result(np.mod(*ops))


@builtin(attributes="Listable NumericFunction", argc=(2, 3), vectorized=_mod_fast)
def Mod(ev, expr):
    """Mod[m, n]: the remainder of m on division by n, with the sign of n;
    Mod[m, n, d]: the remainder in the range d to d + n."""
    values, failed = _divisor(ev, expr, "Mod", "indet", S.Indeterminate)
    if values is None or failed is not None:
        return failed
    m, n = values[:2]
    d = values[2] if len(values) == 3 else 0
    if _refused_division(ev, expr, m - d if _exact_all(m, d) else m, n):
        return None
    return to_atom(m - n * math.floor(Fraction(m - d) / n if _exact_all(m, n, d)
                                      else (m - d) / n))


def _refused_division(ev, expr, m, n) -> bool:
    try:
        check_division(m, n)
    except TooBig as problem:
        ev.message("General", "mem", expr, String(str(problem)))
        return True
    return False


def _exact_all(*values) -> bool:
    return all(is_exact(v) for v in values)


@builtin(attributes="Listable NumericFunction", argc=(2, 3))
def Quotient(ev, expr):
    """Quotient[m, n]: the integer quotient Floor[m/n]; Quotient[m, n, d]: Floor[(m-d)/n]."""
    values, failed = _divisor(ev, expr, "Quotient", "infy", COMPLEX_INFINITY)
    if values is None or failed is not None:
        return failed
    m, n = values[:2]
    d = values[2] if len(values) == 3 else 0
    if _refused_division(ev, expr, m - d if _exact_all(m, d) else m, n):
        return None
    return Integer(math.floor(Fraction(m - d) / n if _exact_all(m, n, d) else (m - d) / n))


# ---------------------------------------------------------------------------------------
# Max, Min, Clip, Rescale, Chop
# ---------------------------------------------------------------------------------------

def _leaves(e):
    """The elements of nested lists, with packed arrays kept whole."""
    if isinstance(e, PackedArray):
        yield e
    elif isinstance(e, Expr) and e.head is S.List:
        for a in e.args:
            yield from _leaves(a)
    else:
        yield e


def _extremum(ev, expr, sign):
    """Max (sign 1) or Min (sign -1): the extreme of the numeric elements, with the
    symbolic ones kept beside it."""
    best, best_value, others = None, None, []
    for item in (x for a in expr.args for x in _leaves(a)):
        if isinstance(item, PackedArray):
            array = item.array
            value = array.max() if sign > 0 else array.min()
            item, v = to_atom(value.item()), value.item()
        else:
            v = real_value(ev, item)
        if v is None:
            others.append(item)
        elif best is None or (v > best_value if sign > 0 else v < best_value):
            best, best_value = item, v
    if best is None and not others:
        return infinity(-sign)
    return _rebuilt(expr, ([best] if best is not None else []) + others)


@builtin(attributes="Flat NumericFunction OneIdentity Orderless")
def Max(ev, expr):
    """Max[x1, x2, ...]: the largest of the numbers, lists flattened; Max[] is -Infinity."""
    return _extremum(ev, expr, 1)


@builtin(attributes="Flat NumericFunction OneIdentity Orderless")
def Min(ev, expr):
    """Min[x1, x2, ...]: the smallest of the numbers, lists flattened; Min[] is Infinity."""
    return _extremum(ev, expr, -1)


def _pair(e):
    if isinstance(e, Expr) and e.head is S.List and len(e.args) == 2:
        values = [number_value(a) for a in e.args]
        if None not in values:
            return values
    return None


def _map_numbers(e, fn, np_fn):
    """fn applied to every number in nested lists (np_fn to whole packed arrays, when
    given); None if some element is not a number."""
    if isinstance(e, PackedArray) and np_fn is not None:
        return np_fn(e.array)
    if isinstance(e, Expr) and e.head is S.List:
        items = [_map_numbers(a, fn, np_fn) for a in e.args]
        return None if any(i is None for i in items) else pack(items)
    v = number_value(e)
    return None if v is None else fn(v)


@builtin(argc=(1, 3), messages={
    "limset": "The limit specification `1` is not a list of two numbers."})
def Clip(ev, expr):
    """Clip[x]: x clipped to [-1, 1]; Clip[x, {min, max}]; Clip[x, {min, max}, {vmin, vmax}]
    gives vmin below min and vmax above max."""
    x = expr.args[0]
    limits = _pair(expr.args[1]) if len(expr.args) > 1 else [-1, 1]
    if limits is None:
        ev.message("Clip", "limset", expr.args[1])
        return None
    values = _pair(expr.args[2]) if len(expr.args) > 2 else limits
    if values is None:
        ev.message("Clip", "limset", expr.args[2])
        return None
    lo, hi = limits
    vlo, vhi = values

    def clip(v):
        return to_atom(vlo if v < lo else vhi if v > hi else v)

    def clip_array(a):
        return from_python(np.where(a < lo, vlo, np.where(a > hi, vhi, a)))
    exact = any(isinstance(v, Fraction) for v in limits + values)
    return _map_numbers(x, clip, None if exact else clip_array)


@builtin(argc=(1, 3))
def Rescale(ev, expr):
    """Rescale[x, {min, max}]: (x - min)/(max - min); Rescale[list]: the list rescaled to
    [0, 1] by its own extremes; Rescale[x, {min, max}, {ymin, ymax}]: to [ymin, ymax]."""
    x = expr.args[0]
    if len(expr.args) == 1:
        if not (isinstance(x, Expr) and x.head is S.List):
            return None
        lo, hi = (ev.evaluate(Expr(h, x)) for h in (S.Min, S.Max))
    else:
        spec = expr.args[1]
        if not (isinstance(spec, Expr) and spec.head is S.List and len(spec.args) == 2):
            return None
        lo, hi = spec.args
    if len(expr.args) == 3:
        target = expr.args[2]
        if not (isinstance(target, Expr) and target.head is S.List and len(target.args) == 2):
            return None
        y0, y1 = target.args
    else:
        y0, y1 = Integer(0), Integer(1)
    scale = Expr(S.Divide, Expr(S.Subtract, y1, y0), Expr(S.Subtract, hi, lo))
    return Expr(S.Plus, y0, Expr(S.Times, scale, Expr(S.Subtract, x, lo)))


def _chop(e, delta):
    if type(e) is Real:
        return Integer(0) if abs(e.value) < delta else e
    if isinstance(e, PackedArray):
        a = e.array
        if a.dtype.kind != "f" or not (np.abs(a) < delta).any():
            return e
        return Expr.make(S.List, [_chop(x, delta) for x in e.args])
    if isinstance(e, Atom):
        return e
    return Expr.make(e.head, [_chop(a, delta) for a in e.args])


@builtin(argc=(1, 2))
def Chop(ev, expr):
    """Chop[expr]: machine reals smaller than 10^-10 in magnitude become exact 0;
    Chop[expr, delta] uses delta instead."""
    delta = 1e-10
    if len(expr.args) == 2:
        delta = number_value(expr.args[1])
        if delta is None:
            return None
    return _chop(expr.args[0], float(delta))


# ---------------------------------------------------------------------------------------
# Integers: Factorial, GCD, LCM, Numerator, Denominator
# ---------------------------------------------------------------------------------------

@builtin(attributes="Listable NumericFunction", argc=1)
def Factorial(ev, expr):
    """Factorial[n] (n!): the factorial; Gamma[n + 1] for machine reals."""
    v = number_value(expr.args[0])
    if isinstance(v, int):
        if v < 0:
            return COMPLEX_INFINITY
        if v > FACTORIAL_LIMIT:
            _too_big(ev, expr, v * math.log2(v))
            return None
        return Integer(math.factorial(v))
    if isinstance(v, float):
        return _float_or_none(ev, math.gamma, v + 1)
    return None


def _integer_fold(fn, empty):
    """GCD/LCM over integers and rationals (numerators and denominators separately)."""
    def function(ev, expr):
        values = [number_value(a) for a in expr.args]
        if not values:
            return Integer(empty)
        if not all(is_exact(v) for v in values):
            return None
        fractions = [Fraction(v) for v in values]
        other = math.lcm if fn is math.gcd else math.gcd
        return to_atom(Fraction(fn(*(f.numerator for f in fractions)),
                                other(*(f.denominator for f in fractions))))
    return function


builtin("GCD", attributes="Flat Listable OneIdentity Orderless",
        usage="GCD[n1, n2, ...]: the greatest common divisor.")(_integer_fold(math.gcd, 0))
builtin("LCM", attributes="Flat Listable OneIdentity Orderless",
        usage="LCM[n1, n2, ...]: the least common multiple.")(_integer_fold(math.lcm, 1))


def _fraction_parts(e):
    """(numerator, denominator) expressions: factors with negative exponents go below."""
    v = number_value(e)
    if isinstance(v, Fraction):
        return Integer(v.numerator), Integer(v.denominator)
    if v is not None:
        return e, Integer(1)
    factors = e.args if isinstance(e, Expr) and e.head is S.Times else (e,)
    top, bottom = [], []
    for f in factors:
        if number_value(f) is not None:
            n, d = _fraction_parts(f)
            top.append(n)
            bottom.append(d)
            continue
        base, exponent = _factor(f)
        x = number_value(exponent)
        if x is not None and x < 0:
            bottom.append(Expr(S.Power, base, to_atom(-x)))
        else:
            top.append(f)
    return Expr.make(S.Times, top), Expr.make(S.Times, bottom)


@builtin(attributes="Listable", argc=1)
def Numerator(ev, expr):
    """Numerator[x]: the numerator of a rational number or of a product with reciprocals."""
    return _fraction_parts(expr.args[0])[0]


@builtin(attributes="Listable", argc=1)
def Denominator(ev, expr):
    """Denominator[x]: the denominator (1 when there is none)."""
    return _fraction_parts(expr.args[0])[1]


# ---------------------------------------------------------------------------------------
# N and the numeric predicates
# ---------------------------------------------------------------------------------------

@builtin(argc=(1, 2))
def N(ev, expr):
    """N[expr]: the numeric value with machine reals; N[expr, n] also gives machine
    precision (arbitrary precision is not implemented)."""
    return ev.evaluate(numericize(expr.args[0]))


def _predicate(name, usage, test, attributes=""):
    """Register a one-argument predicate; test(ev, x) -> bool, or None to stay unevaluated."""
    def function(ev, expr):
        result = test(ev, expr.args[0])
        return None if result is None else (TRUE if result else FALSE)
    function.__name__ = name
    builtin(name, attributes=attributes, argc=1, usage=usage)(function)


def _sign_test(accept):
    """Positive/Negative/...: decided for anything with a real numeric value."""
    def test(ev, x):
        v = real_value(ev, x)
        return None if v is None else accept(v)
    return test


def _parity_test(remainder):
    def test(ev, x):
        v = number_value(x)
        return isinstance(v, int) and v % 2 == remainder
    return test


_predicate("NumberQ", "NumberQ[x]: True for an explicit number.",
           lambda ev, x: number_value(x) is not None)
_predicate("IntegerQ", "IntegerQ[x]: True for an explicit integer.",
           lambda ev, x: type(x) is Integer)
_predicate("NumericQ", "NumericQ[x]: True for a number or a numeric quantity such as Pi.",
           numeric_q)
_predicate("EvenQ", "EvenQ[x]: True for an even integer.", _parity_test(0))
_predicate("OddQ", "OddQ[x]: True for an odd integer.", _parity_test(1))
_predicate("Positive", "Positive[x]: True if x > 0, False for other numeric x.",
           _sign_test(lambda v: v > 0), "Listable")
_predicate("Negative", "Negative[x]: True if x < 0, False for other numeric x.",
           _sign_test(lambda v: v < 0), "Listable")
_predicate("NonNegative", "NonNegative[x]: True if x >= 0, False for other numeric x.",
           _sign_test(lambda v: v >= 0), "Listable")
_predicate("NonPositive", "NonPositive[x]: True if x <= 0, False for other numeric x.",
           _sign_test(lambda v: v <= 0), "Listable")
