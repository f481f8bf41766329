"""Tests for wlnet.kernel.patterns, on expressions built directly (no parser, no evaluator).

The fake context evaluates only calls of the few test functions in FUNCS (enough for
Condition and PatternTest) and knows the attributes and defaults of Plus and Times.
"""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from wlnet.expr import FALSE, TRUE, Expr, Integer, PackedArray, Rational, Real, S, String, Symbol
from wlnet.kernel.patterns import (is_pattern, match, match_all, replace, replace_all,
                                   rule_order_key, substitute)

a, b, c, d, f, g, h, x, y, z = (Symbol(n) for n in "abcdfghxyz")
Plus, Times, List, Seq = S.Plus, S.Times, S.List, S.Sequence
N = Integer

FUNCS = {
    S.Greater: lambda u, v: u.value > v.value,
    S.IntegerQ: lambda u: type(u) is Integer,
    S.EvenQ: lambda u: type(u) is Integer and u.value % 2 == 0,
    S.SameQ: lambda *u: all(v == u[0] for v in u),
}


class Ctx:
    def __init__(self, attrs=None, defaults=None):
        self.attrs = {Plus: {"Flat", "Orderless", "OneIdentity"},
                      Times: {"Flat", "Orderless", "OneIdentity"}, **(attrs or {})}
        self.defaults = {Plus: N(0), Times: N(1), **(defaults or {})}
        self.evaluated = []
        self.abort_checks = 0

    def evaluate(self, e):
        self.evaluated.append(e)
        fn = FUNCS.get(e.head) if isinstance(e, Expr) else None
        if fn is None:
            return e
        return TRUE if fn(*e.args) else FALSE

    def attributes(self, sym):
        return frozenset(self.attrs.get(sym, ()))

    def default_value(self, head, position, nargs):
        return self.defaults.get(head)

    def check_abort(self):
        self.abort_checks += 1


CTX = Ctx()


def E(head, *args):
    return Expr(head, *args)


def blank(head=None):
    return E(S.Blank) if head is None else E(S.Blank, head)


def bseq(head=None):
    return E(S.BlankSequence) if head is None else E(S.BlankSequence, head)


def bnull(head=None):
    return E(S.BlankNullSequence) if head is None else E(S.BlankNullSequence, head)


def pat(name, p=None):
    return E(S.Pattern, name, blank() if p is None else p)


def seq(*items):
    return E(Seq, *items)


def lst(*items):
    return E(List, *items)


def m(p, e, ctx=CTX):
    return match(p, e, ctx)


# ---------------------------------------------------------------------------- blanks

@pytest.mark.parametrize("head, expr, ok", [
    (None, a, True), (None, E(f, a), True),
    (S.Integer, N(3), True), (S.Integer, Real(3.0), False),
    (S.Real, Real(1.5), True), (S.String, String("s"), True), (S.String, a, False),
    (S.Symbol, a, True), (S.Symbol, N(1), False),
    (S.Rational, Rational(Fraction(1, 2)), True), (S.Rational, N(1), False),
    (f, E(f, a, b), True), (f, E(g, a), False),
    (S.List, lst(a), True),
])
def test_blank_head_tests(head, expr, ok):
    assert (m(blank(head), expr) == {}) is ok


def test_blank_list_matches_packed_array_without_unpacking():
    arr = PackedArray(np.arange(5))
    assert m(pat(x, blank(S.List)), arr) == {x: arr}
    assert arr._args is None


def test_named_pattern_binds_and_repeated_name_must_agree():
    assert m(E(f, pat(x), pat(y)), E(f, a, b)) == {x: a, y: b}
    assert m(E(f, pat(x), pat(x)), E(f, a, a)) == {x: a}
    assert m(E(f, pat(x), pat(x)), E(f, a, b)) is None


def test_literals_and_structure():
    assert m(E(f, a, N(1)), E(f, a, N(1))) == {}
    assert m(E(f, a, N(1)), E(f, a, N(2))) is None
    assert m(E(f, a), E(f, a, b)) is None
    assert m(E(f, pat(x)), a) is None
    assert m(N(1), Real(1.0)) is None


def test_packed_array_equals_explicit_list():
    arr = PackedArray(np.array([1, 2, 3]))
    explicit = lst(N(1), N(2), N(3))
    assert m(arr, explicit) == {}
    assert m(explicit, arr) == {}
    assert m(lst(N(1), pat(x), N(3)), arr) == {x: N(2)}


@pytest.mark.parametrize("p, array, ok", [
    (lst(bseq(S.Real)), np.array([1.0, 2.0]), True),
    (lst(bseq(S.Real)), np.array([1, 2]), False),
    (lst(bseq(S.Integer)), np.array([1, 2]), True),
    (lst(bnull()), np.zeros((0,)), True),
    (lst(bseq()), np.zeros((0,)), False),
    (lst(E(S.Repeated, lst(bseq(S.Integer)))), np.ones((3, 2), dtype=np.int64), True),
    (lst(E(S.Repeated, lst(bseq(S.Integer)))), np.ones((3, 2)), False),
    (lst(bseq(S.List)), np.ones((2, 2)), True),
    (lst(bseq(S.List)), np.ones(2), False),
])
def test_packed_array_shape_patterns_decided_without_unpacking(p, array, ok):
    arr = PackedArray(array)
    assert (m(p, arr) is not None) is ok
    assert arr._args is None


# ---------------------------------------------------------------------------- sequences

def test_blank_sequence_binds_sequence_and_is_shortest_first():
    assert m(E(f, pat(x, bseq()), pat(y)), E(f, a, b, c)) == {x: seq(a, b), y: c}
    assert m(E(f, pat(x, bseq()), pat(y, bseq())), E(f, a, b, c)) == {x: seq(a), y: seq(b, c)}
    assert m(E(f, pat(x, bseq())), E(f)) is None


def test_blank_null_sequence_may_be_empty():
    assert m(E(f, pat(x, bnull())), E(f)) == {x: seq()}
    p = lst(pat(x, bnull()), N(3), pat(y, bnull()))
    assert m(p, lst(N(1), N(3), N(5), N(3))) == {x: seq(N(1)), y: seq(N(5), N(3))}
    assert [r[x] for r in match_all(p, lst(N(3), N(3)), CTX)] == [seq(), seq(N(3))]


def test_sequence_head_tests_apply_to_every_element():
    assert m(E(f, bseq(S.Integer)), E(f, N(1), N(2))) == {}
    assert m(E(f, bseq(S.Integer)), E(f, N(1), a)) is None


def test_match_all_enumerates_every_split_in_order():
    p = E(f, pat(x, bseq()), pat(y, bseq()))
    splits = [(r[x], r[y]) for r in match_all(p, E(f, a, b, c), CTX)]
    assert splits == [(seq(a), seq(b, c)), (seq(a, b), seq(c))]


def test_sequence_pattern_alone_matches_one_expression():
    assert m(pat(x, bseq()), a) == {x: seq(a)}
    assert m(pat(x, bnull(S.Integer)), N(1)) == {x: seq(N(1))}


def test_repeated_names_across_sequences():
    p = E(f, pat(x, bseq()), pat(x, bseq()))
    assert m(p, E(f, a, b, a, b)) == {x: seq(a, b)}
    assert m(p, E(f, a, b, a)) is None


# ---------------------------------------------------------------------------- Optional

def test_optional_with_explicit_default():
    p = E(f, pat(x), E(S.Optional, pat(y), N(0)))
    assert m(p, E(f, a, b)) == {x: a, y: b}
    assert m(p, E(f, a)) == {x: a, y: N(0)}
    assert m(p, E(f)) is None


def test_optional_uses_context_default_or_fails_without_one():
    ctx = Ctx(defaults={f: N(7)})
    p = E(f, pat(x), E(S.Optional, pat(y)))
    assert m(p, E(f, a), ctx) == {x: a, y: N(7)}
    assert m(p, E(g, a)) is None
    assert m(E(g, pat(x), E(S.Optional, pat(y))), E(g, a), ctx) is None


def test_optional_is_tried_present_first():
    p = E(f, E(S.Optional, pat(x), N(0)), pat(y, bnull()))
    assert [(r[x], r[y]) for r in match_all(p, E(f, a), CTX)] == [(a, seq()), (N(0), seq(a))]


def test_one_identity_default_fills_missing_factor():
    p = E(Times, E(S.Optional, pat(x)), pat(y))
    assert m(p, a) == {x: N(1), y: a}
    assert m(p, E(Times, N(2), a)) == {x: N(2), y: a}
    assert m(E(Plus, pat(x), E(S.Optional, pat(y))), a) == {x: a, y: N(0)}
    assert m(E(f, pat(x), E(S.Optional, pat(y), N(0))), a) is None  # f lacks OneIdentity


def test_nested_one_identity_defaults_monomial_pattern():
    ctx = Ctx(attrs={S.Power: {"OneIdentity"}}, defaults={S.Power: N(1)})
    n, k = Symbol("n"), Symbol("k")
    p = E(Times, E(S.Optional, pat(n)), E(S.Power, pat(x), E(S.Optional, pat(k))))
    assert m(p, E(Times, N(3), E(S.Power, a, N(2))), ctx) == {n: N(3), x: a, k: N(2)}
    assert m(p, E(S.Power, a, N(2)), ctx) == {n: N(1), x: a, k: N(2)}
    assert m(p, a, ctx) == {n: N(1), x: a, k: N(1)}


# ------------------------------------------------------------------- Condition, PatternTest

def test_condition_inside_and_around():
    positive = E(S.Condition, pat(x), E(S.Greater, x, N(0)))
    assert m(E(f, positive), E(f, N(3))) == {x: N(3)}
    assert m(E(f, positive), E(f, N(-3))) is None
    whole = E(S.Condition, E(f, pat(x), pat(y)), E(S.Greater, x, y))
    assert m(whole, E(f, N(2), N(1))) == {x: N(2), y: N(1)}
    assert m(whole, E(f, N(1), N(2))) is None


def test_condition_backtracks_into_sequences():
    p = E(S.Condition, E(f, pat(x, bseq()), pat(y, bseq())), E(S.SameQ, x, N(2)))
    ctx = Ctx()
    assert m(p, E(f, N(1), N(2), N(3)), ctx) is None  # x is never the bare 2
    p = E(f, pat(x, bseq()), E(S.Condition, pat(y), E(S.Greater, y, N(5))), pat(z, bnull()))
    assert m(p, E(f, N(1), N(9), N(2)), ctx) == {x: seq(N(1)), y: N(9), z: seq(N(2))}


def test_pattern_test_single_and_sequence():
    assert m(E(S.PatternTest, pat(x), S.IntegerQ), N(4)) == {x: N(4)}
    assert m(E(S.PatternTest, blank(), S.IntegerQ), a) is None
    p = E(f, E(S.PatternTest, pat(x, bseq()), S.EvenQ))
    assert m(p, E(f, N(2), N(4))) == {x: seq(N(2), N(4))}
    assert m(p, E(f, N(2), N(3))) is None


# ---------------------------------------------------- Alternatives, Repeated, Except, ...

def test_alternatives_in_order_and_unused_names_are_empty_sequences():
    assert m(E(S.Alternatives, a, b), b) == {}
    assert m(E(S.Alternatives, a, b), c) is None
    p = E(S.Alternatives, E(f, pat(x)), E(g, pat(y)))
    assert m(p, E(g, a)) == {y: a, x: seq()}
    p = E(S.Alternatives, pat(x, blank(S.Integer)), pat(x))
    assert [r[x] for r in match_all(p, N(1), CTX)] == [N(1), N(1)]


def test_alternatives_of_sequence_patterns():
    p = E(f, E(S.Alternatives, bseq(S.Integer), bseq(S.String)), pat(y))
    assert m(p, E(f, N(1), N(2), a)) == {y: a}
    assert m(p, E(f, String("s"), a)) == {y: a}


def test_repeated_and_repeated_null():
    assert m(E(f, E(S.Repeated, blank(S.Integer))), E(f, N(1), N(2))) == {}
    assert m(E(f, E(S.Repeated, blank(S.Integer))), E(f)) is None
    assert m(E(f, E(S.RepeatedNull, blank(S.Integer))), E(f)) == {}
    same = lst(E(S.Repeated, pat(x)))
    assert m(same, lst(a, a, a)) == {x: a}
    assert m(same, lst(a, b)) is None
    counted = E(f, E(S.Repeated, blank(), lst(N(2), N(3))))
    found = [m(counted, E(f, *[a] * k)) is not None for k in range(1, 5)]
    assert found == [False, True, True, False]
    assert m(E(f, pat(x, E(S.Repeated, blank()))), E(f, a, b)) == {x: seq(a, b)}


def test_except():
    assert m(E(S.Except, blank(S.Integer)), a) == {}
    assert m(E(S.Except, blank(S.Integer)), N(1)) is None
    nonzero = E(S.Except, N(0), pat(x, blank(S.Integer)))
    assert m(nonzero, N(5)) == {x: N(5)}
    assert m(nonzero, N(0)) is None
    assert m(nonzero, a) is None
    assert m(lst(E(S.Repeated, E(S.Except, a))), lst(b, c)) == {}


def test_hold_pattern_and_verbatim():
    assert m(E(S.HoldPattern, E(f, pat(x))), E(f, a)) == {x: a}
    assert m(E(S.Verbatim, blank()), blank()) == {}
    assert m(E(S.Verbatim, blank()), a) is None
    assert m(E(f, E(S.Verbatim, pat(x))), E(f, pat(x))) == {}


def test_options_pattern():
    p = E(f, pat(x), E(S.OptionsPattern))
    assert m(p, E(f, a, E(S.Rule, b, N(1)), lst(E(S.RuleDelayed, c, N(2))))) == {x: a}
    assert m(p, E(f, a)) == {x: a}
    assert m(p, E(f, a, b)) is None


def test_patterns_in_heads():
    assert m(E(blank(), pat(x)), E(g, a)) == {x: a}
    assert m(E(pat(h), pat(x)), E(g, a)) == {h: g, x: a}
    p = E(E(f, pat(x)), pat(y))
    assert m(p, E(E(f, a), b)) == {x: a, y: b}
    assert m(p, E(E(g, a), b)) is None
    assert m(p, E(f, a)) is None


def test_condition_inside_deep_structure_sees_outer_bindings():
    p = E(f, pat(x), E(g, E(S.Condition, pat(y), E(S.Greater, y, x))))
    assert m(p, E(f, N(1), E(g, N(2)))) == {x: N(1), y: N(2)}
    assert m(p, E(f, N(3), E(g, N(2)))) is None


# ---------------------------------------------------------------------------- Flat, Orderless

def test_orderless_flat_groups_the_rest():
    assert m(E(Plus, pat(x), pat(y)), E(Plus, a, b, c)) == {x: a, y: E(Plus, b, c)}


def test_orderless_tries_permutations():
    results = [(r[x], r[y]) for r in match_all(E(Plus, pat(x), pat(y)), E(Plus, a, b), CTX)]
    assert results[:2] == [(a, b), (b, a)]
    p = E(Plus, pat(x, blank(S.Symbol)), pat(y, blank(S.Integer)))
    assert m(p, E(Plus, N(1), a)) == {x: a, y: N(1)}


def test_orderless_literal_with_pattern_rest():
    assert m(E(Plus, b, pat(x)), E(Plus, a, b, c)) == {x: E(Plus, a, c)}
    assert m(E(Plus, d, pat(x)), E(Plus, a, b, c)) is None


def test_orderless_sequence_keeps_argument_order():
    p = E(Times, N(2), pat(x, bseq()))
    assert m(p, E(Times, N(2), a, b)) == {x: seq(a, b)}


def test_orderless_without_flat_does_not_group():
    ctx = Ctx(attrs={f: {"Orderless"}})
    assert m(E(f, pat(x), b), E(f, a, b), ctx) == {x: a}
    assert m(E(f, pat(x), pat(y)), E(f, a, b, c), ctx) is None


def test_flat_without_orderless_groups_contiguous_runs():
    ctx = Ctx(attrs={f: {"Flat", "OneIdentity"}})
    assert m(E(f, pat(x), pat(y)), E(f, a, b, c), ctx) == {x: a, y: E(f, b, c)}
    assert m(E(f, pat(x), c), E(f, a, b, c), ctx) == {x: E(f, a, b)}
    assert m(E(f, a, pat(x)), E(f, b, a, c), ctx) is None


# ---------------------------------------------------------------------------- depth, determinism

def nest(depth, inner, head=f):
    e = inner
    for _ in range(depth):
        e = E(head, e)
    return e


def test_deep_expressions_stay_within_the_recursion_limit():
    depth = 1000
    assert m(nest(depth, pat(x)), nest(depth, a)) == {x: a}
    assert m(nest(depth, b), nest(depth, a)) is None
    assert is_pattern(nest(depth, blank())) and not is_pattern(nest(depth, a))
    assert substitute(nest(depth, x), {x: a}).args[0].args[0] is not None
    out, changed = replace_all(nest(depth, a), [(a, b, False)], CTX)
    assert changed and m(nest(depth, b), out) == {}
    twice = E(g, pat(x), pat(x))  # the second binding is compared with the first, deeply
    first = nest(depth, a)
    assert m(twice, E(g, first, nest(depth, a)))[x] is first
    assert m(twice, E(g, nest(depth, a), nest(depth, b))) is None


def test_abort_is_polled_in_long_searches():
    ctx = Ctx()
    p = E(f, pat(x, bnull()), pat(y, bnull()), pat(z, bnull()), N(0))
    assert m(p, E(f, *[a] * 60), ctx) is None
    assert ctx.abort_checks > 0


# ---------------------------------------------------------------------------- substitute

def test_substitute_splices_sequences_into_arguments():
    assert substitute(E(g, N(0), x, N(9)), {x: seq(a, b)}) == E(g, N(0), a, b, N(9))
    assert substitute(E(g, x), {x: seq()}) == E(g)
    assert substitute(x, {x: seq(a)}) is a
    assert substitute(x, {x: seq(a, b)}) == seq(a, b)
    assert substitute(E(x, N(1)), {x: seq(g)}) == E(g, N(1))


def test_substitute_keeps_untouched_parts_identical():
    body = E(g, E(h, a), x)
    out = substitute(body, {x: b})
    assert out == E(g, E(h, a), b) and out.args[0] is body.args[0]
    assert substitute(body, {y: b}) is body


def test_substitute_respects_inner_scopes():
    fn = E(S.Function, lst(x), E(Plus, x, y))
    assert substitute(fn, {x: a, y: b}) == E(S.Function, lst(x), E(Plus, x, b))
    module = E(S.Module, lst(x, E(S.Set, z, y)), E(g, x, y, z))
    assert substitute(module, {x: a, y: b, z: c}) == \
        E(S.Module, lst(x, E(S.Set, z, b)), E(g, x, b, z))
    rule = E(S.RuleDelayed, E(h, pat(x)), E(g, x, y))
    assert substitute(rule, {x: a, y: b}) == E(S.RuleDelayed, E(h, pat(x)), E(g, x, b))


# ---------------------------------------------------------------------------- rule order

def test_rule_order_key_specific_first():
    defs = [
        E(f, pat(x, bnull())),
        E(f, pat(x, bseq())),
        E(f, pat(x)),
        E(f, E(S.Condition, pat(x), E(S.Greater, x, N(0)))),
        E(f, pat(x, blank(S.Integer))),
        E(f, N(1)),
        E(f, lst(pat(x), pat(y))),
    ]
    ordered = sorted(defs, key=rule_order_key)
    assert ordered == [defs[5], defs[6], defs[4], defs[3], defs[2], defs[1], defs[0]]


def test_rule_order_key_literal_argument_before_pattern_argument():
    first, second = E(f, N(1), pat(x)), E(f, pat(x), N(1))
    assert rule_order_key(first) < rule_order_key(second)
    assert rule_order_key(E(f, pat(x), E(S.Optional, pat(y), N(0)))) > \
        rule_order_key(E(f, pat(x), pat(y)))


# ---------------------------------------------------------------------------- replace, replace_all

def test_replace_only_whole_expression():
    rules = [(pat(x, blank(S.Integer)), E(g, x), False)]
    assert replace(N(1), rules, CTX) == E(g, N(1))
    assert replace(E(f, N(1)), rules, CTX) is None


def test_replace_all_outermost_first_and_no_rereplacement():
    swap = [(a, b, False), (b, a, False)]
    assert replace_all(lst(a, b), swap, CTX) == (lst(b, a), True)
    outer = [(E(f, pat(x)), E(g, x), True), (a, c, False)]
    assert replace_all(E(f, E(f, a)), outer, CTX) == (E(g, E(f, a)), True)
    assert replace_all(E(h, a), [(h, g, False)], CTX) == (E(g, a), True)
    unchanged = E(h, b)
    out, changed = replace_all(unchanged, [(a, c, False)], CTX)
    assert out is unchanged and not changed


def test_replace_all_delayed_rule_with_condition_on_right_side():
    rule = (pat(x, blank(S.Integer)), E(S.Condition, E(g, x), E(S.Greater, x, N(1))), True)
    assert replace_all(lst(N(1), N(2)), [rule], CTX)[0] == lst(N(1), E(g, N(2)))


def test_replace_all_flat_subset():
    assert replace_all(E(Plus, a, b, c), [(E(Plus, a, c), x, False)], CTX)[0] == E(Plus, x, b)
    ctx = Ctx(attrs={f: {"Flat", "OneIdentity"}})
    assert replace_all(E(f, a, b, c, d), [(E(f, b, c), x, False)], ctx)[0] == E(f, a, x, d)


def test_replace_all_leaves_packed_arrays_packed_when_no_rule_can_reach_inside():
    arr = PackedArray(np.arange(4))
    out, changed = replace_all(E(f, arr, a), [(a, b, False)], CTX)
    assert out == E(f, arr, b) and out.args[0] is arr and arr._args is None
    out, _ = replace_all(arr, [(N(2), N(7), False)], CTX)
    assert out == lst(N(0), N(1), N(7), N(3))


def test_replace_all_sequence_rule_substitutes_spliced_values():
    rule = (lst(pat(x, bseq()), pat(y)), E(g, y, x), True)
    assert replace_all(lst(a, b, c), [rule], CTX)[0] == E(g, c, a, b)


# ---------------------------------------------------------------------------- properties

atoms = st.one_of(
    st.integers(-5, 5).map(Integer),
    st.floats(-2, 2, allow_nan=False).map(Real),
    st.sampled_from([a, b, c, String("s")]),
)
exprs = st.recursive(
    atoms,
    lambda children: st.builds(lambda head, args: Expr.make(head, args),
                               st.sampled_from([f, g, List, Plus]), st.lists(children, max_size=3)),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(exprs)
def test_property_blank_matches_anything_without_bindings(e):
    assert match(blank(), e, CTX) == {}


@settings(max_examples=150, deadline=None)
@given(exprs)
def test_property_pattern_free_expression_matches_itself(e):
    assert not is_pattern(e)
    assert match(e, e, CTX) == {}


@settings(max_examples=100, deadline=None)
@given(exprs, exprs)
def test_property_matching_is_deterministic(p_source, e):
    p = replace_all(p_source, [(a, pat(x), False), (b, pat(y, bnull()), False)], CTX)[0]
    first = [r for _, r in zip(range(5), match_all(p, e, CTX))]
    again = [r for _, r in zip(range(5), match_all(p, e, CTX))]
    assert first == again
    assert match(p, e, CTX) == (first[0] if first else None)
