"""resolve(): Wolfram's first-match-wins prefix rules, and the lint findings beyond Wolfram."""

import copy
import pickle

from wlnet.train.multipliers import ANY, Finding, PathPattern, resolve

B2 = ("Net", "l2", "Biases")
W2 = ("Net", "l2", "Weights")
W3 = ("Net", "l3", "Weights")
SEED = [B2, W2, W3]  # Information[fold, "Arrays"] keys of the seed question's fold

EVERYTHING = PathPattern(())                                  # _
INNER_NET = PathPattern(("Net",), selects_operator_net=True)  # 3 or a net object on a fold


def pat(*elements):
    return PathPattern(tuple(elements))


def kinds(resolution):
    return [(f.kind, f.rule) for f in resolution.findings]


# --- rates -------------------------------------------------------------------------------

def test_empty_rule_list_gives_one_everywhere_in_path_order():
    r = resolve([], SEED)
    assert list(r.rates.items()) == [(B2, 1.0), (W2, 1.0), (W3, 1.0)]
    assert r.findings == []


def test_prefix_match_covers_every_array_below():
    r = resolve([(pat("Net", "l3"), 0)], SEED)
    assert r.rates == {B2: 1.0, W2: 1.0, W3: 0.0}
    assert resolve([(pat("Net", "l3", "Weights"), 0.5)], SEED).rates[W3] == 0.5


def test_pattern_longer_than_path_does_not_match():
    r = resolve([(pat("Net", "l3", "Weights", "x"), 0)], SEED)
    assert r.rates[W3] == 1.0


def test_any_matches_one_element():
    r = resolve([(pat("Net", ANY, "Weights"), 0.2)], SEED)
    assert r.rates == {B2: 1.0, W2: 0.2, W3: 0.2}


def test_alternatives():
    r = resolve([(pat("Net", frozenset({"l3", "nope"})), 0)], SEED)
    assert r.rates == {B2: 1.0, W2: 1.0, W3: 0.0}


def test_first_matching_rule_wins():
    assert resolve([(pat("Net", "l3"), 0), (EVERYTHING, 0.1)], SEED).rates == \
        {B2: 0.1, W2: 0.1, W3: 0.0}
    assert resolve([(EVERYTHING, 0.1), (pat("Net", "l3"), 0)], SEED).rates == \
        {B2: 0.1, W2: 0.1, W3: 0.1}


def test_defaults_apply_only_to_unmatched_arrays():
    r = resolve([(pat("Net", "l2", "Biases"), 2.0)], SEED, defaults={B2: 0.0, W3: 0.0})
    assert r.rates == {B2: 2.0, W2: 1.0, W3: 0.0}


def test_integer_keys_and_negative_rates():
    paths = [(1, "Weights"), (2, "Weights")]
    r = resolve([(pat(2), -1)], paths)
    assert r.rates == {(1, "Weights"): 1.0, (2, "Weights"): -1.0}
    assert resolve([(pat("2"), 0)], paths).rates[(2, "Weights")] == 1.0  # "2" is not 2


def test_any_survives_copy_and_pickle():
    assert copy.deepcopy(ANY) is ANY
    assert pickle.loads(pickle.dumps(pat("Net", ANY))).matches(W3)


# --- findings ----------------------------------------------------------------------------

def test_seed_order_blank_first_shadows_inner_net_rule():
    # {_ -> 0.1, 3 -> 0} on the fold: Wolfram trains l3 silently.
    r = resolve([(EVERYTHING, 0.1), (INNER_NET, 0)], SEED)
    assert r.rates == {B2: 0.1, W2: 0.1, W3: 0.1}
    assert r.findings == [
        Finding("shadowed", 1, others=(0,), paths=(B2, W2, W3)),
        Finding("opnet", 1, paths=(("Net", "l2"), ("Net", "l3"))),
    ]


def test_seed_order_inner_net_first_freezes_everything():
    # {3 -> 0, _ -> 0.1}: every array frozen (Wolfram: NetTrain::netfrozen).
    r = resolve([(INNER_NET, 0), (EVERYTHING, 0.1)], SEED)
    assert r.rates == {B2: 0.0, W2: 0.0, W3: 0.0}
    assert kinds(r) == [("opnet", 0), ("shadowed", 1), ("allfrozen", None)]
    assert r.findings[-1].paths == tuple(SEED)


def test_shadowed_names_every_rule_that_takes_its_arrays():
    rules = [(pat("Net", "l2"), 1), (pat("Net", "l3"), 2), (pat("Net"), 0)]
    r = resolve(rules, SEED)
    assert r.findings == [Finding("shadowed", 2, others=(0, 1), paths=(B2, W2, W3))]


def test_partly_covered_rule_is_not_shadowed():
    r = resolve([(pat("Net", "l2"), 0.5), (EVERYTHING, 0)], SEED)
    assert r.findings == []
    assert r.rates == {B2: 0.5, W2: 0.5, W3: 0.0}


def test_nomatch():
    r = resolve([(pat("State"), 0), (pat("Net", "l3"), 0)], SEED)
    assert kinds(r) == [("nomatch", 0)]


def test_nomatch_is_not_also_shadowed():
    r = resolve([(EVERYTHING, 1), (pat("Nope"), 0)], SEED)
    assert kinds(r) == [("nomatch", 1)]


def test_opnet_candidates_for_a_layer_inner_net_are_its_arrays():
    paths = [("Net", "Biases"), ("Net", "Weights")]
    r = resolve([(PathPattern(("Net",), True), 0.5)], paths)
    assert r.findings == [Finding("opnet", 0, paths=tuple(paths))]


def test_allfrozen_needs_every_rate_zero_and_some_arrays():
    assert kinds(resolve([(EVERYTHING, 0)], SEED)) == [("allfrozen", None)]
    assert kinds(resolve([(pat("Net", "l2"), 0)], SEED, defaults={W3: 0})) == \
        [("allfrozen", None)]
    assert resolve([(EVERYTHING, 0)], []).findings == [Finding("nomatch", 0)]
