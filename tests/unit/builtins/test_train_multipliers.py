"""LearningRateMultipliers through NetTrain and NetLearningRateMultipliers: every spec form,
Wolfram's quirks from the seed question, and every message tag (Wolfram's and wlnet's)."""

import numpy as np
import pytest

from wlnet.builtins.nets.values import as_net

SEED_NETS = """
fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None];
core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2], "l3" -> fixed|>,
  {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}];
fold = NetInitialize[NetFoldOperator[core, "Input" -> {"Varying", 2}]];
io = {{{1, 2}, {3, 4}} -> {{1, 2}, {3, 4}}, {{0.5, 1}} -> {{0, 1}}};
core2 = NetInitialize@NetGraph[{LinearLayer[2, "Input" -> 2], fixed}, {NetPort["Input"] -> 1 -> 2}];
io2 = {{1, 2} -> {1, 2}};
chain = NetInitialize@NetChain[{LinearLayer[3, "Input" -> 2], Tanh, LinearLayer[2]}];
d = {{1, 2} -> {0, 1}, {2, 1} -> {1, 0}, {0, 0} -> {0.5, 0.5}};
"""


@pytest.fixture
def seed(wl):
    wl(SEED_NETS)
    return wl


def changed(wl, before, after):
    """The array paths whose values differ between two nets (bit for bit)."""
    a, b = as_net(wl.value(before)).arrays(), as_net(wl.value(after)).arrays()
    return sorted((p for p in a if not np.array_equal(a[p], b[p])), key=str)


def train(wl, net, data, spec, rounds=5):
    names = wl.messages(f"trained = NetTrain[{net}, {data}, LearningRateMultipliers -> {spec},"
                        f" MaxTrainingRounds -> {rounds}];")
    return names, changed(wl, net, "trained")


L2 = [("Net", "l2", "Biases"), ("Net", "l2", "Weights")]
ALL_FOLD = L2 + [("Net", "l3", "Weights")]


# -- the seed question ------------------------------------------------------------------
def test_blank_first_then_integer_trains_everything_and_explains_why(seed):
    names, moved = train(seed, "fold", "io", "{_ -> 0.1, 3 -> 0}")
    assert names == ["NetTrain::lrmshadow", "NetTrain::lrmopnet"]
    assert moved == ALL_FOLD


def test_integer_first_freezes_the_whole_fold(seed):
    out = seed.output("NetTrain[fold, io, LearningRateMultipliers -> {3 -> 0, _ -> 0.1}]")
    assert [m.name for m in out.messages] == ["NetTrain::lrmopnet", "NetTrain::lrmshadow",
                                             "NetTrain::netfrozen"]
    assert out.value is seed.value("fold")          # the very same net, unchanged


def test_the_opnet_warning_suggests_the_layer_path(seed):
    out = seed.output("NetTrain[fold, io, LearningRateMultipliers -> {3 -> 0, _ -> 0.1}]")
    assert out.messages[0].args[2].value == '{"Net", "l3"}'
    out = seed.output('NetLearningRateMultipliers[fold, '
                      '{fold[["Parameters"]]["Net"][["l2"]] -> 0}]')
    assert out.messages[0].args[2].value == '{"Net", "l2"}'


@pytest.mark.parametrize("spec, names, moved", [
    ('{_ -> 0.1, fold[["Parameters"]]["Net"][["l3"]] -> 0}',
     ["NetTrain::lrmshadow", "NetTrain::lrmopnet"], ALL_FOLD),
    ('{fold[["Parameters"]]["Net"][["l3"]] -> 0, _ -> 0.1}',
     ["NetTrain::lrmopnet", "NetTrain::lrmshadow", "NetTrain::netfrozen"], [])])
def test_a_net_object_behaves_like_the_integer(seed, spec, names, moved):
    assert train(seed, "fold", "io", spec) == (names, moved)


@pytest.mark.parametrize("spec", ['{{"Net", "l3"} -> 0, _ -> 1}',
                                  '{{"Net", "l3", "Weights"} -> 0, _ -> 1}'])
def test_the_answer_freezes_only_l3(seed, spec):
    assert train(seed, "fold", "io", spec) == ([], L2)


def test_list_built_graph_integer_first_freezes_layer_2(seed):
    moved = [(1, "Biases"), (1, "Weights")]
    assert train(seed, "core2", "io2", "{2 -> 0, _ -> 0.1}") == ([], moved)
    assert seed('trained[[2]][["Weights"]]') == "{{1., 0.5}, {0., 1.}}"


def test_list_built_graph_blank_first_trains_layer_2_and_we_warn(seed):
    names, moved = train(seed, "core2", "io2", "{_ -> 0.1, 2 -> 0}")
    assert names == ["NetTrain::lrmshadow"]
    assert (2, "Weights") in moved


# -- spec forms --------------------------------------------------------------------------
@pytest.mark.parametrize("spec, rates", [
    ("Automatic", [1, 1, 1, 1]),
    ("0.5", [0.5, 0.5, 0.5, 0.5]),
    ("{}", [1, 1, 1, 1]),
    ("{1 -> 0}", [0, 0, 1, 1]),
    ("{-1 -> 2}", [1, 1, 2, 2]),
    ("{1 ;; 2 -> 0, _ -> 3}", [0, 0, 3, 3]),
    ("{2 ;; All -> 0}", [1, 1, 0, 0]),
    ("{1 | 3 -> 2, _ -> 0}", [2, 2, 2, 2]),
    ('{{1, "Weights"} -> -1}', [1, -1, 1, 1]),
    ('{{3, "Biases"} -> None, All -> 3}', [3, 3, 0, 3]),
    ("{_ -> 1/2}", [0.5, 0.5, 0.5, 0.5]),
])
def test_spec_forms_on_a_chain(seed, spec, rates):
    # arrays in Wolfram's order: {1, Biases}, {1, Weights}, {3, Biases}, {3, Weights}
    assert _rates(seed, spec) == [float(r) for r in rates]


def _rates(wl, spec, net="chain"):
    return [r.args[1].value for r in wl.value(f"NetLearningRateMultipliers[{net}, {spec}]").args]


def test_names_and_paths_on_an_association_graph(seed):
    # core's arrays: {l2, Biases}, {l2, Weights}, {l3, Weights}
    assert _rates(seed, '{"l2" -> 0}', "core") == [0.0, 0.0, 1.0]
    assert _rates(seed, '{{"l2", "Biases"} -> 0.5}', "core") == [0.5, 1.0, 1.0]
    assert _rates(seed, '{"l2" | "l3" -> 0}', "core") == [0.0, 0.0, 0.0]
    assert _rates(seed, '{{"Net", "l3"} -> 0}', "fold") == [1.0, 1.0, 0.0]
    assert _rates(seed, '{"Net" -> 0.5}', "fold") == [0.5, 0.5, 0.5]


def test_unmatched_arrays_keep_the_layer_level_multiplier(seed):
    seed('frozen = NetChain[{LinearLayer[2, "Input" -> 2, LearningRateMultipliers -> 0], '
         'LinearLayer[1]}];')
    assert seed("NetLearningRateMultipliers[frozen]") == \
        '<|{1, "Biases"} -> 0., {1, "Weights"} -> 0., {2, "Biases"} -> 1., {2, "Weights"} -> 1.|>'
    assert _rates(seed, "{2 -> 3}", "frozen") == [0.0, 0.0, 3.0, 3.0]
    assert _rates(seed, "{1 -> 2}", "frozen") == [2.0, 2.0, 1.0, 1.0]


# -- messages ----------------------------------------------------------------------------
@pytest.mark.parametrize("spec, tag", [
    ('"x"', "arrpattnlist"), ("None", "arrpattnlist"), ("{2 :> 0}", "arrpattnlist"),
    ("{1, 2}", "arrpattnlist"),
    ('{"foo" -> 0}', "arrpattmiss"), ("{4 -> 0}", "arrpattmiss"), ("{0 -> 0}", "arrpattmiss"),
    ('{{_, "Weights"} -> 0}', "arrpattmiss"), ('{f[x] -> 0}', "arrpattmiss"),
    ('{chain[[1]] -> 0}', "arrpattmiss"),
    ('{1 -> "a"}', "arrpattnnum"), ("{1 -> Infinity}", "arrpattnnum"),
    ("{1 -> Automatic}", "arrpattnnum"), ("{1 -> {1}}", "arrpattnnum"),
])
def test_bad_specs_fail_with_wolframs_tags(seed, spec, tag):
    out = seed.output(f"NetTrain[chain, d, LearningRateMultipliers -> {spec}]")
    assert [m.name for m in out.messages] == [f"NetTrain::{tag}"]
    assert seed("%") == "$Failed"


def test_integer_on_an_association_graph_is_refused(seed):
    assert seed.messages("NetTrain[core, io2, LearningRateMultipliers -> {2 -> 0}]") == \
        ["NetGraph::intpartassoc", "NetTrain::arrpattmiss"]


def test_span_on_a_graph_is_not_a_position(seed):
    assert seed.messages("NetTrain[core2, io2, LearningRateMultipliers -> {1 ;; 2 -> 0}]") == \
        ["NetTrain::arrpattmiss"]


@pytest.mark.parametrize("spec", ['{"Input" -> 0, _ -> 1}', '{"l2" | "l9" -> 1, "l9" | "l8" -> 0}'])
def test_rules_that_match_no_array_are_reported(seed, spec):
    assert "NetTrain::lrmnomatch" in seed.messages(
        f"NetTrain[core, io2, LearningRateMultipliers -> {spec}, MaxTrainingRounds -> 1]")


def test_shadow_names_the_earlier_rule(seed):
    out = seed.output("NetLearningRateMultipliers[chain, {_ -> 1, 1 -> 0}]")
    (m,) = out.messages
    assert m.name == "NetLearningRateMultipliers::lrmshadow"
    assert (m.args[0].args[0].value, m.args[1].args[0].head.name) == (1, "Blank")


def test_partly_covered_rule_is_not_shadowed(seed):
    assert seed.messages("NetLearningRateMultipliers[chain, {{1, \"Weights\"} -> 1, 1 -> 0}]") == []


def test_netfrozen_with_a_property_gives_failed(seed):
    out = seed.output('NetTrain[chain, d, "TotalRounds", LearningRateMultipliers -> 0]')
    assert [m.name for m in out.messages] == ["NetTrain::netfrozen"]
    assert seed("%") == "$Failed"


def test_netnoparams(seed):
    assert seed.messages('NetTrain[ElementwiseLayer[Tanh, "Input" -> 2], d]') == \
        ["NetTrain::netnoparams"]


def test_results_report_the_multipliers_used(seed):
    seed('r = NetTrain[fold, io, All, LearningRateMultipliers -> {{"Net", "l3"} -> None}, '
         'MaxTrainingRounds -> 1]')
    want = '<|{"Net", "l2", "Biases"} -> 1., {"Net", "l2", "Weights"} -> 1., ' \
           '{"Net", "l3", "Weights"} -> 0.|>'
    assert seed('r["ArraysLearningRateMultipliers"]') == want
    assert seed('r["WeightsLearningRateMultipliers"]') == want


def test_netlearningratemultipliers_needs_a_net(seed):
    assert seed.messages("NetLearningRateMultipliers[3, {}]") == \
        ["NetLearningRateMultipliers::invnet"]
