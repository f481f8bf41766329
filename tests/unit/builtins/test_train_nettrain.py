"""NetTrain: data forms, options, return properties, progress, stops, and that it learns."""

import numpy as np
import pytest

from wlnet.builtins.nets.values import NetValue, as_net
from wlnet.builtins.nets.training_net import _automatic_loss
from wlnet.kernel.messages import PrintRecord
from wlnet.nets.graph import Chain
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.losses import CrossEntropyLossLayer, MeanSquaredLossLayer

SETUP = """
chain = NetInitialize@NetChain[{LinearLayer[3, "Input" -> 2], Tanh, LinearLayer[2]}];
d = {{1, 2} -> {0, 1}, {2, 1} -> {1, 0}, {0, 0} -> {0.5, 0.5}, {1, 1} -> {1, 1}};
"""


@pytest.fixture
def wl2(wl):
    wl(SETUP)
    return wl


def arrays(wl, code):
    return as_net(wl.value(code)).arrays()


def same_arrays(a, b):
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


# -- data forms ---------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    "{{1, 2} -> {0, 1}, {2, 1} -> {1, 0}, {0, 0} -> {0.5, 0.5}, {1, 1} -> {1, 1}}",
    "{{1, 2}, {2, 1}, {0, 0}, {1, 1}} -> {{0, 1}, {1, 0}, {0.5, 0.5}, {1, 1}}",
    '<|"Input" -> {{1, 2}, {2, 1}, {0, 0}, {1, 1}}, '
    '"Output" -> {{0, 1}, {1, 0}, {0.5, 0.5}, {1, 1}}|>',
    '{<|"Input" -> {1, 2}, "Output" -> {0, 1}|>, <|"Input" -> {2, 1}, "Output" -> {1, 0}|>, '
    '<|"Input" -> {0, 0}, "Output" -> {0.5, 0.5}|>, <|"Input" -> {1, 1}, "Output" -> {1, 1}|>}',
])
def test_every_data_form_trains_the_same(wl2, data):
    want = arrays(wl2, "SeedRandom[3]; NetTrain[chain, d, MaxTrainingRounds -> 20, BatchSize -> 2]")
    got = arrays(wl2, f"SeedRandom[3]; NetTrain[chain, {data}, MaxTrainingRounds -> 20, "
                      "BatchSize -> 2]")
    assert same_arrays(want, got)


def test_varying_length_sequences_train_a_fold(wl):
    wl('core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2]|>, '
       '{{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2"}]; '
       'fold = NetFoldOperator[core, "Input" -> {"Varying", 2}];')
    r = wl.value('r = NetTrain[fold, {{{1, 2}} -> {{0, 1}}, {{1, 0}, {0, 1}, {1, 1}} -> '
                 '{{1, 0}, {0, 1}, {0, 0}}}, All, MaxTrainingRounds -> 3]')
    assert wl('r["BatchSize"]') == "2"                        # min(32, examples)
    assert wl('r["TotalBatches"]') == "3"
    assert as_net(wl.value('r["TrainedNet"]')).is_initialized()   # NetTrain initialised it


@pytest.mark.parametrize("data, tag", [
    ("{1, 2, 3}", "invdata"), ("5", "invdata"),
    ('<|"Input" -> {{1, 2}}, "Output" -> {{1, 2, 3}}|>', "invport"),
    ('<|"Input" -> {{1, 2}}|>', "nodataport"),
    ('<|"Input" -> {{1, 2}, {3, 4}}, "Output" -> {{1, 2}}|>', "datalen"),
    ('{{1, 2} -> {1, 2}, {1, 2} -> {1}}', "invport"),
])
def test_bad_data(wl2, data, tag):
    assert wl2.messages(f"NetTrain[chain, {data}]") == [f"NetTrain::{tag}"]
    assert wl2("%") == "$Failed"


# -- options ------------------------------------------------------------------------------
def test_defaults(wl2):
    wl2("r = NetTrain[chain, d, All];")
    assert wl2('r[{"OptimizationMethod", "InitialLearningRate", "BatchSize", "TotalRounds", '
               '"TargetDevice"}]') == '{"ADAM", 0.001, 4, 1000, "CPU"}'
    # Automatic rounds: about 1000 batches, at least 10 rounds
    wl2("big = Table[{i, 1} -> {i, 0}, {i, 640}];")
    assert wl2('NetTrain[chain, big, {"BatchSize", "BatchesPerRound", "TotalRounds"}, '
               'LearningRate -> 10^-5]') == "{64, 10, 100}"
    assert wl2('NetTrain[chain, big, "TotalRounds", BatchSize -> 1]') == "10"


@pytest.mark.parametrize("method, name, rate", [
    ('"SGD"', "SGD", "0.01"), ('"RMSProp"', "RMSProp", "0.001"),
    ('{"ADAM", "Beta1" -> 0.5, "LearningRate" -> 0.1}', "ADAM", "0.1"),
    ('{"SGD", "Momentum" -> 0, "L2Regularization" -> 0.1, "GradientClipping" -> 1}', "SGD",
     "0.01"),
    ('{"RMSProp", "Beta" -> 0.9, "WeightClipping" -> None}', "RMSProp", "0.001"),
])
def test_methods_and_their_options(wl2, method, name, rate):
    assert wl2(f'NetTrain[chain, d, {{"OptimizationMethod", "InitialLearningRate"}}, '
               f'Method -> {method}, MaxTrainingRounds -> 2]') == f'{{"{name}", {rate}}}'


def test_learning_rate_option_wins_and_schedules_apply(wl2):
    assert wl2('NetTrain[chain, d, "InitialLearningRate", LearningRate -> 0.5, '
               'Method -> {"ADAM", "LearningRate" -> 0.1}, MaxTrainingRounds -> 1]') == "0.5"
    # SGD's default "Polynomial" schedule: sqrt(1 - 4/5) of 0.01 at the last of 4 steps
    final = wl2.value('NetTrain[chain, d, "FinalLearningRate", Method -> "SGD", '
                      'MaxTrainingRounds -> 4]').value
    assert final == pytest.approx(0.01 * np.sqrt(1 / 5))
    final = wl2.value('NetTrain[chain, d, "FinalLearningRate", MaxTrainingRounds -> 4, '
                      'Method -> {"SGD", "LearningRateSchedule" -> (1/(#1 + 1) &)}]').value
    assert final == pytest.approx(0.01 / 4)


@pytest.mark.parametrize("option, tag", [
    ("BatchSize -> 0", "optpi"), ("MaxTrainingRounds -> -1", "optpi"),
    ("MaxTrainingRounds -> 2.5", "optpi"), ("TimeGoal -> -1", "optpr"),
    ('LearningRate -> "x"', "optpr"), ('Method -> "Foo"', "invmethod"),
    ('Method -> {"SGD", "Beta1" -> 0.5}', "invmethodopt"),
    ('Method -> {"ADAM", "Beta1" -> 1}', "invmethodopt"),
    ('TargetDevice -> "TPU"', "invtrgdev"), ('WorkingPrecision -> "Real16"', "invprec"),
    ("RandomSeeding -> {1}", "seeding"), ('TrainingProgressReporting -> "Panel"', "invprog"),
    ("ValidationSet -> Scaled[2]", "invvalid"), ("LossFunction -> 7", "invloss"),
    ('LossFunction -> "Nope"', "invloss"),
])
def test_bad_options(wl2, option, tag):
    assert wl2.messages(f"NetTrain[chain, d, {option}]") == [f"NetTrain::{tag}"]
    assert wl2("%") == "$Failed"


def test_unknown_option_and_argument_count(wl2):
    assert wl2.messages("NetTrain[chain, d, Foo -> 1]") == ["NetTrain::optx"]
    assert wl2.messages("NetTrain[chain]") != []
    assert wl2.messages("NetTrain[3, d]") == ["NetTrain::invnet"]


def test_random_seeding(wl2):
    a = arrays(wl2, "SeedRandom[1]; NetTrain[chain, d, MaxTrainingRounds -> 5, BatchSize -> 1,"
                    " RandomSeeding -> 9]")
    b = arrays(wl2, "SeedRandom[2]; NetTrain[chain, d, MaxTrainingRounds -> 5, BatchSize -> 1,"
                    " RandomSeeding -> 9]")
    c = arrays(wl2, "SeedRandom[2]; NetTrain[chain, d, MaxTrainingRounds -> 5, BatchSize -> 1]")
    e = arrays(wl2, "SeedRandom[2]; NetTrain[chain, d, MaxTrainingRounds -> 5, BatchSize -> 1]")
    assert same_arrays(a, b) and same_arrays(c, e) and not same_arrays(a, c)


def test_time_goal_stops_training(wl2):
    assert wl2('NetTrain[chain, d, "ReasonTrainingStopped", TimeGoal -> 0.05]') == '"TimeGoal"'


def test_validation_sets(wl2):
    wl2("r = NetTrain[chain, d, All, ValidationSet -> {{3, 3} -> {1, 1}}, "
        "MaxTrainingRounds -> 4];")
    assert wl2('r[{"ValidationExamples", "TrainingExamples"}]') == "{1, 4}"
    assert len(wl2.value('r["ValidationLossList"]').args) == 4
    wl2("r = NetTrain[chain, d, All, ValidationSet -> Scaled[0.25], MaxTrainingRounds -> 2];")
    assert wl2('r[{"ValidationExamples", "TrainingExamples"}]') == "{1, 3}"
    assert wl2('r["ValidationLoss"] == Last[r["ValidationLossList"]]') == "True"


# -- losses -------------------------------------------------------------------------------
def test_automatic_loss_follows_the_last_layer():
    assert isinstance(_automatic_loss(Chain([LinearLayer(2, input=2), "Tanh"]), "Output"),
                      MeanSquaredLossLayer)
    soft = _automatic_loss(Chain([LinearLayer(2, input=2), "LogisticSigmoid"]), "Output")
    assert isinstance(soft, CrossEntropyLossLayer) and soft.params["TargetForm"] == "Binary"
    from wlnet.nets.layers.softmax import SoftmaxLayer
    index = _automatic_loss(Chain([LinearLayer(3, input=2), SoftmaxLayer()]), "Output")
    assert isinstance(index, CrossEntropyLossLayer) and index.params["TargetForm"] == "Index"


def test_nets_with_their_own_loss_and_explicit_losses(wl2):
    wl2('lossnet = NetGraph[<|"lin" -> LinearLayer[2, "Input" -> 2], '
        '"loss" -> MeanSquaredLossLayer[]|>, {"lin" -> NetPort["loss", "Input"]}];')
    data = '<|"Input" -> {{1, 2}, {2, 1}}, "Target" -> {{0, 1}, {1, 0}}|>'
    assert wl2.messages(f"NetTrain[lossnet, {data}, MaxTrainingRounds -> 3]") == []
    assert wl2.messages(f'NetTrain[lossnet, {data}, LossFunction -> "Loss", '
                        'MaxTrainingRounds -> 3]') == []
    mse = wl2.value('NetTrain[chain, d, "RoundLoss", MaxTrainingRounds -> 1]').value
    mae = wl2.value('NetTrain[chain, d, "RoundLoss", MaxTrainingRounds -> 1, '
                    'LossFunction -> MeanAbsoluteLossLayer[]]').value
    assert mse != mae


def test_several_outputs_add_their_losses(wl2):
    wl2('g = NetGraph[<|"a" -> LinearLayer[2, "Input" -> 2], "b" -> LinearLayer[1], '
        '"c" -> LinearLayer[3]|>, {"a" -> "b", "a" -> "c"}];')
    data = '<|"Input" -> {{1, 2}, {3, 4}}, "Output1" -> {{1}, {2}}, ' \
           '"Output2" -> {{1, 2, 3}, {3, 4, 5}}|>'
    losses = wl2.value(f'SeedRandom[2]; NetTrain[g, {data}, "RoundLossList", '
                       'MaxTrainingRounds -> 50, LearningRate -> 0.05]').array
    assert losses[-1] < losses[0] / 2


# -- results ------------------------------------------------------------------------------
def test_properties_lists_and_the_results_object(wl2):
    wl2("r = NetTrain[chain, d, All, MaxTrainingRounds -> 3, BatchSize -> 3];")
    assert wl2("r") == "NetTrainResultsObject[<>]"
    assert wl2('{r["TotalRounds"], r[["BatchesPerRound"]], r["TotalBatches"], '
               'r["ExamplesProcessed"], r["TotalInputs"]}') == "{3, 2, 6, 18, 18}"
    assert wl2('r["FinalRoundLoss"] == r["RoundLoss"] == Last[r["RoundLossList"]]') == "True"
    assert len(wl2.value('r["BatchLossList"]').args) == 6
    assert wl2('r["RoundPositions"]') == "{2, 4, 6}"
    assert wl2('r["ReasonTrainingStopped"]') == '"MaxTrainingRounds"'
    assert wl2('r["ValidationLoss"]') == 'Missing["NotAvailable"]'
    assert isinstance(wl2.value('r["TrainedNet"]'), NetValue)
    assert wl2('r["TotalTrainingTime"] > 0') == "True"
    assert wl2('Head[r["LossPlot"]]') == "Graphics"
    assert wl2('r["LossEvolutionPlot"] === r["LossPlot"]') == "True"
    assert wl2('Length[r["Properties"]]') == "30"
    assert wl2("Keys[Normal[r]] == r[\"Properties\"]") == "True"
    assert wl2.messages('r["Bogus"]') == ["NetTrainResultsObject::noprop"]
    assert wl2('NetTrain[chain, d, {"TotalRounds", "BatchSize"}, MaxTrainingRounds -> 2]') == \
        "{2, 4}"
    assert wl2.messages('NetTrain[chain, d, "Foo"]') == ["NetTrain::invntrspec"]
    assert wl2.messages('NetTrain[chain, d, {"TotalRounds", 3}]') == ["NetTrain::invntrspec"]


def test_trained_net_is_the_best_validation_net_and_final_net_the_last(wl2):
    wl2("r = NetTrain[chain, d, All, ValidationSet -> d, MaxTrainingRounds -> 30, "
        "LearningRate -> 0.5];")
    best = int(wl2('r["BestValidationRound"]'))
    same = same_arrays(arrays(wl2, 'r["TrainedNet"]'), arrays(wl2, 'r["FinalNet"]'))
    assert same == (best == 30)


def test_loss_plot_is_graphics_of_the_round_losses(wl2):
    out = wl2.output('NetTrain[chain, d, "LossPlot", MaxTrainingRounds -> 20]')
    from wlnet.format.outputform import output_form
    assert output_form(out.value) == "-Graphics-"
    assert len(out.value.payload.series[0].y) == 20


def test_input_net_is_unchanged(wl2):
    before = arrays(wl2, "chain")
    wl2("NetTrain[chain, d, MaxTrainingRounds -> 5];")
    assert same_arrays(before, arrays(wl2, "chain"))


# -- progress and stops -------------------------------------------------------------------
def test_automatic_progress_is_silent_off_a_terminal_and_goes_to_the_sink(wl2):
    out = wl2.output("NetTrain[chain, d, MaxTrainingRounds -> 3]")
    assert out.prints == []
    seen = []
    wl2.session.progress_sink = seen.append
    wl2("NetTrain[chain, d, MaxTrainingRounds -> 3]")
    assert seen[0].text.startswith(" 33%  round 1/3") and seen[0].round == 1
    assert seen[-1].finished and seen[-1].reason == "MaxTrainingRounds"
    assert seen[-1].text == "" and len(seen[-1].losses) == 3    # one loss per batch
    seen.clear()
    wl2("NetTrain[chain, d, MaxTrainingRounds -> 3, TrainingProgressReporting -> None]")
    assert seen == []


def test_print_progress(wl2):
    out = wl2.output('NetTrain[chain, d, MaxTrainingRounds -> 3, '
                     'TrainingProgressReporting -> "Print"]')
    lines = [r.items[0].value for r in out.records if isinstance(r, PrintRecord)]
    assert lines[:3] == ["Starting training.", "Optimization Method: ADAM", "Device: CPU"]
    assert lines[-1] == "Training complete."


def test_interrupt_returns_the_net_so_far(wl2):
    session = wl2.session

    def interrupt(report):
        if not report.finished:
            session.abort_requested = True
    session.progress_sink = interrupt
    out = wl2.output('NetTrain[chain, d, "TotalBatches", MaxTrainingRounds -> 50]')
    assert [m.name for m in out.messages] == ["NetTrain::interrupted"]
    assert wl2("%") == "1"
    assert wl2('NetTrain[chain, d, "ReasonTrainingStopped", MaxTrainingRounds -> 2]') == \
        '"ManualStop"'


def test_a_diverging_loss_stops_with_the_last_finite_net(wl2):
    out = wl2.output('r = NetTrain[chain, d, All, Method -> "SGD", LearningRate -> 10^8, '
                     'MaxTrainingRounds -> 50]')
    assert [m.name for m in out.messages] == ["NetTrain::nonfinite"]
    assert wl2('r["ReasonTrainingStopped"]') == '"NonFiniteLoss"'
    assert all(np.isfinite(a).all() for a in arrays(wl2, 'r["TrainedNet"]').values())


# -- it learns ----------------------------------------------------------------------------
REGRESSION = """
SeedRandom[7];
xs = RandomReal[{-1, 1}, {64, 2}];
ys = Map[{2 #[[1]] - #[[2]] + 0.5} &, xs];
reg = NetChain[{LinearLayer[8, "Input" -> 2], Tanh, LinearLayer[1]}];
"""

CLASSIFICATION = """
SeedRandom[11];
pts = RandomReal[{-1, 1}, {80, 2}];
cls = Map[If[#[[1]] + #[[2]] > 0, 1, 2] &, pts];
clf = NetChain[{LinearLayer[8, "Input" -> 2], Tanh, LinearLayer[2], SoftmaxLayer[]}];
"""


def test_a_small_regression_learns_reproducibly(wl):
    """Mean squared error below 0.005 after 300 rounds of ADAM at rate 0.01."""
    wl(REGRESSION)
    code = 'SeedRandom[1]; NetTrain[reg, xs -> ys, "RoundLoss", MaxTrainingRounds -> 300, ' \
           'LearningRate -> 0.01, BatchSize -> 16]'
    first = wl.value(code).value
    assert first < 0.005
    assert wl.value(code).value == first


def test_a_small_classification_learns_reproducibly(wl):
    """Cross-entropy below 0.1 after 300 rounds; the automatic loss is cross-entropy."""
    wl(CLASSIFICATION)
    code = 'SeedRandom[1]; r = NetTrain[clf, pts -> cls, All, MaxTrainingRounds -> 300, ' \
           'LearningRate -> 0.01, BatchSize -> 16]; r["RoundLoss"]'
    first = wl.value(code).value
    assert first < 0.1
    assert wl.value(code).value == first
    predicted = np.argmax(np.array(wl.value('r["TrainedNet"][pts]').array), axis=1) + 1
    classes = [c.value for c in wl.value("cls").args]
    assert np.mean(predicted == np.array(classes)) > 0.95


def test_uninitialised_nets_and_unknown_shapes_are_fixed_by_netrain(wl):
    wl("SeedRandom[5]; net = NetChain[{LinearLayer[4], Tanh, LinearLayer[]}];")
    out = wl.output('NetTrain[net, {{1, 2, 3} -> {1}, {0, 1, 0} -> {0}}, MaxTrainingRounds -> 2]')
    assert out.messages == []
    trained = as_net(out.value)
    assert trained.is_initialized() and trained.input_ports() == {"Input": (3,)}
