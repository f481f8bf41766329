"""Checks of the JAX backend, run by ``test_jax_backend.py`` in a process of their own
(JAX's threads must not live in the test process, whose REPL tests fork):
``python jax_checks.py GROUP`` prints {check: problem or ""} as JSON. The group
"devices" runs under XLA_FLAGS=--xla_force_host_platform_device_count=4."""
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "nets"))

from wlnet import Session  # noqa: E402
from wlnet.expr import PackedArray  # noqa: E402

COMPILED = 'TargetDevice -> {"CPU", "Compiled"}'

DATA = """
SeedRandom[1]; xs = RandomReal[{-1, 1}, {40, 3}];
ys = Map[{Total[#], #[[1]] #[[2]]} &, xs]; classes = Map[If[Total[#] > 0, 1, 2] &, xs];
seqs = RandomReal[{-1, 1}, {24, 5, 2}]; last = Map[Total[#] &, seqs];
ragged = Table[RandomReal[{-1, 1}, {RandomInteger[{2, 5}], 2}], {24}];
words = Table[StringJoin[RandomChoice[{"a", "b", "c"}, 4]],
  {20}]; wordClasses = Map[If[StringTake[#, 1] == "a", "x", "y"] &, words];
"""

FOLD = """NetChain[{NetFoldOperator[NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2],
  "l3" -> LinearLayer[2, "Weights" -> {{1, 0.5}, {0, 1}}, "Biases" -> None]|>,
  {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}]], SequenceLastLayer[]},
  "Input" -> {"Varying", 2}]"""

MLP = 'NetChain[{LinearLayer[6], Tanh, LinearLayer[2]}, "Input" -> 3]'

# name: (net, data, NetTrain options): each trained on the NumPy runtime and compiled
RUNS = {
    "adam-mlp": (MLP, "xs -> ys", "BatchSize -> 8, MaxTrainingRounds -> 6"),
    "fold-frozen": (FOLD, "seqs -> last", 'BatchSize -> 5, MaxTrainingRounds -> 4, '
                    'LearningRateMultipliers -> {{1, "Net", "l3"} -> 0, _ -> 1}'),
    "ragged-fold": (FOLD, "ragged -> Map[Total[#] &, ragged]", 'BatchSize -> 6, '
                    'MaxTrainingRounds -> 3, ValidationSet -> Scaled[0.25], '
                    'LearningRateMultipliers -> {{1, "Net", "l3"} -> 0, _ -> 1}'),
    "sgd-options": (MLP, "xs -> ys", 'BatchSize -> 16, MaxTrainingRounds -> 5, '
                    'Method -> {"SGD", "L2Regularization" -> 0.01, "GradientClipping" -> 0.5}, '
                    'LearningRateMultipliers -> {1 -> 0.5}'),
    "rmsprop-clipping": (MLP, "xs -> ys", 'BatchSize -> 10, MaxTrainingRounds -> 5, '
                         'Method -> {"RMSProp", "WeightClipping" -> 0.3}'),
    "classifier": ('NetChain[{LinearLayer[5], Ramp, LinearLayer[2], SoftmaxLayer[]}, '
                   '"Input" -> 3]', "xs -> classes", "BatchSize -> 8, MaxTrainingRounds -> 5"),
    "two-outputs": ('NetGraph[{LinearLayer[2], LinearLayer[1]}, {1 -> NetPort["A"], '
                    '1 -> 2 -> NetPort["B"]}, "Input" -> 3]',
                    '<|"Input" -> xs, "A" -> ys, "B" -> Map[{#[[1]]} &, ys]|>',
                    "BatchSize -> 8, MaxTrainingRounds -> 4"),
    "validation": (MLP, "xs -> ys", "BatchSize -> 8, MaxTrainingRounds -> 6, "
                   "ValidationSet -> Scaled[0.25]"),
    "nan-stop": (MLP, "xs -> Join[ys[[;; 16]], {{10.^30, 0}}, ys[[18 ;;]]]",
                 "BatchSize -> 1, MaxTrainingRounds -> 3"),
    "real64": (MLP, "xs -> ys", 'BatchSize -> 8, MaxTrainingRounds -> 3, '
               'WorkingPrecision -> "Real64"'),
    "lstm": ('NetChain[{LongShortTermMemoryLayer[4], SequenceLastLayer[], LinearLayer[2]}, '
             '"Input" -> {5, 2}]', "seqs -> last",
             "BatchSize -> 6, MaxTrainingRounds -> 3"),
    "conv-batchnorm": ('NetChain[{ConvolutionLayer[2, {2, 2}], BatchNormalizationLayer[], '
                       'Ramp, FlattenLayer[], LinearLayer[2], SoftmaxLayer[]}, '
                       '"Input" -> {1, 5, 2}]', "Map[{#} &, seqs] -> classes[[;; 24]]",
                       "BatchSize -> 8, MaxTrainingRounds -> 3"),
    "recurrent-multipliers": ('NetChain[{LongShortTermMemoryLayer[3], GatedRecurrentLayer[2], '
                              'SequenceLastLayer[], LinearLayer[2]}, "Input" -> {"Varying", 2}]',
                              "seqs -> ys[[;; 24]]", 'BatchSize -> 6, MaxTrainingRounds -> 2, '
                              'LearningRateMultipliers -> {{1, "InputGateInputWeights"} -> 0, '
                              '{2, "ResetGateStateWeights"} -> 0.5}'),
    "coded-classifier": ('NetChain[{EmbeddingLayer[3], NetBidirectionalOperator['
                         'BasicRecurrentLayer[2]], AggregationLayer[Max, 1], LinearLayer[2], '
                         'SoftmaxLayer[]}, "Input" -> NetEncoder[{"Characters", "abc"}], '
                         '"Output" -> NetDecoder[{"Class", {"x", "y"}}]]',
                         "words -> wordClasses", "BatchSize -> 5, MaxTrainingRounds -> 2"),
}
PROPS = '{"TrainedNet", "BatchLossList", "ValidationLossList", "ReasonTrainingStopped", ' \
        '"BestValidationRound"}'


def session():
    s = Session(seed=1)
    s.evaluate(DATA)
    return s


def train(s, name, options):
    net, data, opts = RUNS[name]
    code = (f"SeedRandom[7]; NetTrain[{net}, {data}, {PROPS}, {opts}, "
            f"TrainingProgressReporting -> None{options}]")
    out = s.evaluate(code)[-1]
    if any(m.name != "NetTrain::nonfinite" for m in out.records) or out.result is None:
        raise AssertionError(f"{name}: {out.records} {out.result}")
    net, losses, validation, reason, best = out.result.args
    return (net.payload.arrays(), np.asarray(losses.array if isinstance(losses, PackedArray)
                                             else [], np.float64),
            [float(v.value) for v in validation.args], reason.value, str(best))


def same_as_numpy(name) -> str:
    """The compiled path trains as the NumPy runtime does: the same batches, losses and
    arrays to float32 rounding (float64's for Real64), frozen arrays bit-identical."""
    s = session()
    (a, la, va, ra, ba), (b, lb, vb, rb, bb) = train(s, name, ""), train(s, name, ", " + COMPILED)
    tol = 1e-10 if name == "real64" else 2e-5
    assert (ra, ba, len(la)) == (rb, bb, len(lb)), ((ra, ba, len(la)), (rb, bb, len(lb)))
    np.testing.assert_allclose(lb, la, rtol=tol, atol=tol, err_msg="losses")
    np.testing.assert_allclose(vb, va, rtol=tol, atol=tol, err_msg="validation losses")
    for p in a:
        np.testing.assert_allclose(b[p], a[p], rtol=tol, atol=tol, err_msg=str(p))
    if name.endswith("fold-frozen") or name == "ragged-fold":
        frozen = (1, "Net", "l3", "Weights")
        assert b[frozen].tobytes() == np.array([[1, .5], [0, 1]], np.float32).tobytes()
    if name == "nan-stop":
        assert rb == "NonFiniteLoss" and np.isfinite(lb).all(), (rb, lb)
    return ""


def measured() -> str:
    """NetMeasurements on a TargetDevice measures what it measures on the CPU."""
    s = session()
    net, data, _ = RUNS["coded-classifier"]
    code = (f'SeedRandom[2]; n = NetInitialize[{net}]; NetMeasurements[n, {data}, '
            '{"Loss", "Accuracy", "ConfusionMatrix"}, BatchSize -> 6')
    cpu = s.evaluate(code + "]")[-1].result
    compiled = s.evaluate(code + f", {COMPILED}]")[-1].result
    loss = [r.args[0].value for r in (cpu, compiled)]
    assert abs(loss[0] - loss[1]) < 1e-6 and cpu.args[1:] == compiled.args[1:], (cpu, compiled)
    return ""


def indices() -> str:
    """An index out of an EmbeddingLayer's range is refused on a device as on the CPU
    (JAX's gather would clip it to the last row)."""
    s = session()
    s.evaluate('e = NetInitialize@NetChain[{EmbeddingLayer[2, 4], FlattenLayer[]}, "Input" -> 3]')
    for code in (f'e[{{1, 2, 5}}, {COMPILED}]',
                 f'NetTrain[e, {{{{1, 2, 5}} -> {{1, 2, 3, 4, 5, 6}}}}, {COMPILED}]'):
        out = s.evaluate(code)[-1]
        assert [m.tag for m in out.records] in (["invinput"], ["invindata3"]), out.records
    return ""


def reproducible() -> str:
    """Dropout draws from a key spawned off the session's generator: SeedRandom repeats
    a run, another seed changes it."""
    net = 'NetChain[{LinearLayer[8], DropoutLayer[0.5], LinearLayer[2]}, "Input" -> 3]'
    s = session()
    runs = []
    for seed in (5, 5, 6):
        out = s.evaluate(f'SeedRandom[{seed}]; NetTrain[{net}, xs -> ys, "BatchLossList", '
                         f'BatchSize -> 8, MaxTrainingRounds -> 3, '
                         f'TrainingProgressReporting -> None, {COMPILED}]')[-1]
        runs.append(out.result.array)
    assert np.array_equal(runs[0], runs[1]) and not np.array_equal(runs[0], runs[2])
    return ""


def stopped_between_chunks() -> str:
    """A stop asked for during a chunk (an abort, Ctrl-C) ends the run after it, with the
    net of the batches done, the same net a run of that many batches gives."""
    from wlnet.backends.jax.devices import Target
    from wlnet.backends.jax.training import FIRST_CHUNK, train
    from wlnet.train.optimizers import Adam
    import container_examples
    net, _ = container_examples.example("training-graph")
    rng = np.random.default_rng(0)
    data = {"Input": rng.standard_normal((32, 3)), "Output": rng.standard_normal((32, 2))}
    runs = [train(net, data, target=Target("cpu"), batch_size=4, rounds=rounds,
                  optimizer=Adam(), rates={p: 1.0 for p in net.arrays()},
                  rng=np.random.default_rng(3), should_stop=stop)
            for rounds, stop in ((5, lambda: True), (1, None))]
    assert runs[0].reason == "ManualStop" and runs[0].total_batches == FIRST_CHUNK
    for p in net.arrays():
        assert np.array_equal(runs[0].final_arrays[p], runs[1].final_arrays[p]), p
    return ""


def auxiliary_arrays() -> str:
    """An array that training changes without gradients ("Steps", counting the passes
    through its layer; container_examples.GainLayer) changes on the devices as on the
    NumPy runtime, in a chain and inside a fold (once per step), and not in a frozen
    layer."""
    from container_examples import counting_nets
    from wlnet.backends.jax.devices import Target
    from wlnet.backends.jax.training import train
    from wlnet.nets.graph import Graph
    from wlnet.nets.initialize import initialize
    from wlnet.nets.layers.losses import MeanSquaredLossLayer
    from wlnet.nets.plan import compile
    from wlnet.train import loop
    from wlnet.train.optimizers import Adam
    for name in ("chain", "fold"):
        net, shape = counting_nets()[name]
        graph = Graph({"net": net, "loss": MeanSquaredLossLayer()},
                      [(("port", "Input"), "net"), ("net", ("node", "loss", "Input")),
                       (("port", "Output"), ("node", "loss", "Target")),
                       (("node", "loss", "Loss"), ("port", "Loss"))])
        graph = initialize(graph, np.random.default_rng(0))
        rng = np.random.default_rng(1)
        data = {"Input": rng.standard_normal((12,) + shape[1:]),
                "Output": rng.standard_normal((12,) + graph.input_ports()["Output"])}
        rates = {p: 1.0 for p in graph.trainable_paths()}
        settings = dict(batch_size=4, rounds=3, optimizer=Adam(), rates=rates)
        a = loop.train(compile(graph), data, rng=np.random.default_rng(2), **settings)
        b = train(graph, data, target=Target("cpu"), rng=np.random.default_rng(2),
                  optimizer=Adam(), **{k: v for k, v in settings.items() if k != "optimizer"})
        for p in graph.arrays():
            np.testing.assert_allclose(b.final_arrays[p], a.final_arrays[p], rtol=2e-5,
                                       atol=2e-5, err_msg=f"{name} {p}")
        steps = [p for p in graph.arrays() if p[-1] == "Steps"]
        assert steps and all(b.final_arrays[p][0] == 9 * (4 if name == "fold" else 1)
                             for p in steps), [b.final_arrays[p] for p in steps]
        frozen = {p: 0.0 if p[-1] == "Gain" else r for p, r in rates.items()}
        c = train(graph, data, target=Target("cpu"), rng=np.random.default_rng(2),
                  optimizer=Adam(), batch_size=4, rounds=3, rates=frozen)
        assert all(not c.final_arrays[p].any() for p in steps), "a frozen layer counted"
    return ""


def time_goal() -> str:
    s = session()
    net = 'NetChain[{LinearLayer[500], Tanh, LinearLayer[2]}, "Input" -> 3]'
    out = s.evaluate(f'NetTrain[{net}, xs -> ys, "ReasonTrainingStopped", TimeGoal -> 0.3, '
                     f'BatchSize -> 1, TrainingProgressReporting -> None, {COMPILED}]')[-1]
    assert out.result.value == "TimeGoal", out.result
    return ""


def evaluation() -> str:
    """net[x, TargetDevice -> ...] equals the NumPy plan, for every container example and
    for sequences of several lengths."""
    import container_examples
    from wlnet.backends.jax.devices import Target
    from wlnet.backends.jax.evaluation import evaluate
    from wlnet.nets.plan import compile
    for name in container_examples.NAMES:
        net, inputs = container_examples.example(name)
        plan = compile(net)
        want = {**plan.forward(inputs), **plan.final_states}
        outs, states = evaluate(net, inputs, Target("cpu"))
        for p, v in {**outs, **states}.items():
            np.testing.assert_allclose(v, want[p], rtol=1e-5, atol=1e-5, err_msg=name)
    net, _ = container_examples.example("fold-chain")
    seqs = [np.ones((n, 2)) * n / 10 for n in (3, 5, 3, 1)]
    got, _ = evaluate(net, {"Input": seqs}, Target("cpu"))
    np.testing.assert_allclose(got["Output"], compile(net).forward({"Input": seqs})["Output"],
                               rtol=1e-5, atol=1e-5)
    return ""


def measurements_on_devices() -> str:
    """A classifier trained on a device: its round measurements hold the loss (the other
    measurements are the CPU loop's, docs/scaling.md), never an internal error."""
    s = session()
    out = s.evaluate('NetTrain[NetChain[{LinearLayer[4], Ramp, LinearLayer[2], SoftmaxLayer[]}, '
                     '"Input" -> 3, "Output" -> NetDecoder[{"Class", {1, 2}}]], xs -> classes, '
                     '"RoundMeasurements", MaxTrainingRounds -> 2, TrainingProgressReporting '
                     f'-> None, {COMPILED}]')[-1]
    assert not out.records, out.records
    assert [r.args[0].value for r in out.result.args] == ["Loss"], out.result
    return ""


def recurrent_one_loop() -> str:
    """A recurrent layer's steps lower to one lax.scan, not one copy per step: the
    program of a 50-step sequence is as long as that of a 5-step one."""
    import jax
    from wlnet.backends.jax.lowering import run
    from wlnet.nets.initialize import initialize
    from wlnet.nets.layer import layer_classes
    sizes = []
    for length in (5, 50):
        layer = layer_classes()["LongShortTermMemoryLayer"](3, input=(length, 2))
        net = initialize(layer, np.random.default_rng(0))
        x = np.ones((2, length, 2), np.float32)
        program = jax.make_jaxpr(lambda x: run(net, net.arrays(), {"Input": x}, False))(x)
        sizes.append(len(program.jaxpr.eqns))
    assert sizes[0] == sizes[1], f"the program grows with the length: {sizes}"
    return ""


def data_parallel() -> str:
    """Four devices train the batch split across them: the same losses as one device,
    the gradients summed by XLA (an all-reduce in the compiled program)."""
    from wlnet.backends.jax.lowering import CACHE
    s = session()
    for net, data, opts in (RUNS["adam-mlp"], RUNS["fold-frozen"],
                            (MLP, "xs -> ys", "BatchSize -> 6, MaxTrainingRounds -> 3")):
        losses = []
        for device in ('{"CPU", 1}', '{"CPU", All}', '{"CPU", {1, 2, 3, 4}}'):
            out = s.evaluate(f'SeedRandom[7]; NetTrain[{net}, {data}, "BatchLossList", {opts}, '
                             f'TrainingProgressReporting -> None, TargetDevice -> {device}]')
            losses.append(out[-1].result.array)
        np.testing.assert_allclose(losses[1], losses[0], rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(losses[2], losses[1], rtol=1e-6, atol=1e-7)
    programs = [f.as_text() for f in CACHE._functions.values()]
    assert any("all-reduce" in p for p in programs), "no all-reduce"
    out = s.evaluate(f'NetTrain[{MLP}, xs -> ys, TargetDevice -> {{"CPU", 5}}]')[-1]
    assert [m.name for m in out.records] == ["NetTrain::trgdevcpumax"], out.records
    net = s.evaluate(f"net = NetInitialize[{MLP}]; net[xs[[;; 6]]]")[-1].result.array
    split = s.evaluate('net[xs[[;; 6]], TargetDevice -> {"CPU", All}]')[-1].result.array
    np.testing.assert_allclose(split, net, rtol=1e-5, atol=1e-6)
    return ""


GROUPS = {
    "single": [*(lambda name=name: same_as_numpy(name) for name in RUNS), measured, indices,
               reproducible, stopped_between_chunks, auxiliary_arrays, time_goal, evaluation,
               recurrent_one_loop, measurements_on_devices],
    "devices": [data_parallel],
}
NAMES = {"single": [*RUNS, "measured", "indices", "reproducible", "stopped_between_chunks",
                    "auxiliary_arrays", "time_goal", "evaluation", "recurrent_one_loop",
                    "measurements_on_devices"],
         "devices": ["data_parallel"]}


def main(group):
    out = {}
    for name, check in zip(NAMES[group], GROUPS[group]):
        try:
            out[name] = check()
        except Exception as problem:  # noqa: BLE001 (reported to the test, which fails)
            out[name] = f"{type(problem).__name__}: {problem}"
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
