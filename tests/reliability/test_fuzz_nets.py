"""Property tests for the net framework: whatever net a user builds, surgery they do or
device they ask for, the session answers with a net or a message and stays usable.

The grammar generator of ``test_fuzz`` calls every builtin with random arguments, which
almost never makes a net. These generators build nets on purpose: every registered
layer with arguments and options drawn from the kinds its definition declares (so a new
layer is fuzzed as soon as it is registered), good values mostly and a hostile one now
and then (zero and negative sizes, kernels of a million, 2^62, wrong types); NetChain,
NetGraph and the operators around them with input shapes and NetEncoder/NetDecoder
ports; then evaluation, NetTrain (also with TargetDevice), NetInformation, the surgery
functions, coders applied directly, and a .wlnet round trip in a temporary folder.
Each case runs under the watchdog of ``conftest`` (``test_fuzz.check``): no exception,
no ``General::interr``, interrupted after a moment if it runs on (training included),
everything it shows formats. ``WLNET_FUZZ_EXAMPLES`` sets the count, as in test_fuzz.
"""

from __future__ import annotations

import tempfile

from hypothesis import given
from hypothesis import strategies as st

from wlnet.nets.layer import layer_classes

from .test_fuzz import LONG, check, fuzz

# -- values by the kind of a parameter ---------------------------------------------------------

HOSTILE = ["0", "-1", "1.5", "\"a\"", "10^9", "2^62", "{}", "Infinity", "Indeterminate",
           "x", "None", "Automatic", "{1, {2}}", "-10^20", "f[1]", "{10^6, 10^6}"]

GOOD = {
    "Size": ["1", "2", "3", "4"],
    "Dims": ["1", "2", "3", "{2, 3}", "{}"],
    "Level": ["1", "2", "-1"],
    "Integer": ["0", "1", "2", "3"],
    "Real": ["0.1", "0.5", "0.", "0.9", "1.*^-5"],
    "Spatial": ["1", "2", "{1, 2}", "{2, 2}", "{1}", "{2, 1, 1}", "3"],
    "Padding": ["0", "1", "{1, 0}", "{{1, 0}, {0, 1}}", "{{0, 2}}", "2"],
    "Choice": ["\"Index\"", "\"Probabilities\"", "\"Vectors\"", "\"UnitVector\""],
    "SymbolChoice": ["Max", "Mean", "Total", "Min"],
    "Function": ["Tanh", "Ramp", "LogisticSigmoid", "\"ReLU\"", "\"SELU\"", "#^2 + 1 &",
                 "Sin", "Abs", "1/(1 + #) &", "Exp", "Log"],
    "ThreadFunction": ["Times", "Plus", "Max", "Subtract", "#1 - #2 &", "Divide"],
    "InputPorts": ["2", "{\"a\", \"b\"}", "3"],
    "Labels": ["{\"a\", \"b\"}", "{1, 2, 3}", "{x, y}"],
    "Boolean": ["True", "False"],
    "Strings": ["\"abc\"", "{\"a\", \"b\"}", "{\"hello\", \"world\"}"],
    "RecurrentDropout": ["0.1", "{\"VariationalInput\" -> 0.2}", "None",
                         "{\"VariationalWeights\" -> 0.5, \"StateUpdate\" -> 0.3}"],
    "Spec": ["1", "2", "-1", "{1, 2}", "{2, Automatic}", "2;;3", "2;;All", "1 <-> 2",
             "{{1, 1}, {0, 2}}", "{{0, 0}, {1, 1}, {1, 1}}", "All", "Infinity", "{3, 2}",
             "{2, 1}", "{{2}, {1}}", "{-1}", "{2, 3}", "3"],
}

SHAPES = ["{1, 4, 4}", "{2, 5, 5}", "{3}", "{2}", "{\"Varying\", 2}", "{\"Varying\", 3}",
          "\"Varying\"", "{4, 4, 2}", "{1, 6}", "{2, 3, 4, 5}", "{1, 3, 3, 3}", "\"Real\"",
          "{2, 3}", "{\"Varying\"}", "{4}"]
BAD_SHAPES = ["{0}", "{-1, 2}", "{10^9, 10^9}", "{2, 10^6, 10^6}", "{1.5}", "{\"Varying\", -1}",
              "{}", "{\"Varying\", \"Varying\"}", "\"Foo\"", "{1, 10^5, 10^5}"]
ENCODERS = ["NetEncoder[{\"Characters\", \"abc\"}]", "NetEncoder[{\"Class\", {\"a\", \"b\"}}]",
            "NetEncoder[\"Boolean\"]", "NetEncoder[{\"Tokens\", {\"x\", \"y\"}}]",
            "NetEncoder[{\"Class\", {1, 2}, \"UnitVector\"}]", "NetEncoder[\"Scalar\"]",
            "NetEncoder[{\"Characters\", \"ab\", \"UnitVector\"}]",
            "NetEncoder[{\"Class\", {\"a\", \"b\"}, \"Dimensions\" -> {2}}]"]
DECODERS = ["NetDecoder[{\"Class\", {\"a\", \"b\", \"c\"}}]", "NetDecoder[\"Boolean\"]",
            "NetDecoder[\"Scalar\"]", "NetDecoder[{\"Class\", Automatic}]",
            "NetDecoder[{\"Class\", {1, 2}}]", "NetDecoder[\"Class\"]",
            "NetDecoder[{\"Class\", {\"a\", \"b\"}, \"InputDepth\" -> 2}]"]
BAD_CODERS = ["NetEncoder[{\"Class\", {}}]", "NetEncoder[{\"Class\", {1, 1}}]",
              "NetDecoder[{\"Class\", {\"a\", \"a\"}}]", "NetEncoder[{\"Characters\", 7}]",
              "NetEncoder[\"Foo\"]", "NetDecoder[{\"Class\", {\"a\"}, \"InputDepth\" -> -1}]",
              "NetEncoder[{\"Tokens\", {}}]", "NetDecoder[{\"Boolean\", 2}]",
              "NetEncoder[{\"Class\", {\"a\"}, \"Dimensions\" -> {0}}]", "NetEncoder[]",
              "NetDecoder[{\"Class\", Range[10^6]}]", "NetEncoder[{\"Class\", f[x]}]"]
ARRAYS = ["RandomReal[1, {2, 2}]", "RandomReal[1, {3}]", "RandomReal[1, {2, 1, 2, 2}]",
          "RandomReal[1, {4, 3}]", "{}", "None", "{1., 2.}", "RandomReal[1, {0, 2}]",
          "RandomReal[1, {2, 2, 2, 2, 2}]", "{{1., Infinity}}", "\"w\""]
DEVICES = ["\"CPU\"", "\"GPU\"", "{\"GPU\", 1}", "{\"GPU\", 2}", "{\"GPU\", All}",
           "{\"GPU\", {1, 2}}", "Automatic", "\"TPU\"", "{\"GPU\", -1}", "{\"GPU\", 1.5}",
           "1", "{}"]
if LONG:    # these start JAX, which the suite's later tests expect not to be loaded
    DEVICES += ["{\"CPU\", \"Compiled\"}", "{\"CPU\", 2}", "{\"CPU\", 10^9}"]
DATA = ["RandomReal[1, {1, 4, 4}]", "RandomReal[1, {2, 5, 5}]", "RandomReal[1, {3}]",
        "{1., 2.}", "{{1., 2.}, {3., 4.}, {5., 6.}}", "RandomReal[1, {4, 3}]", "\"abca\"",
        "\"\"", "True", "\"a\"", "1.5", "{1, 2, 3}", "RandomReal[1, {4, 4, 2}]",
        "RandomReal[1, {2, 3, 4, 5}]", "RandomReal[1, {1, 6}]", "{\"x\", \"y\"}",
        "{RandomReal[1, {3}], RandomReal[1, {3}]}", "RandomReal[1, {1, 3, 3, 3}]",
        "{{}}", "{Indeterminate, 1.}", "{{1., 2.}}", "RandomInteger[{1, 3}, 4]",
        "RandomReal[1, {2, 3}]", "{\"a\", \"b\"}", "3"]

# -- layers from their definitions ---------------------------------------------------------------

LAYERS = layer_classes()


def value(kind: str, hostile: bool):
    """A Wolfram value for a parameter of this kind: good unless ``hostile``."""
    good = st.sampled_from(GOOD.get(kind, ["1"]))
    return st.one_of(good, st.sampled_from(HOSTILE)) if hostile else good


@st.composite
def layer(draw, hostile=None):
    """A call of a registered layer with arguments and options of its declared kinds."""
    head = draw(st.sampled_from(sorted(LAYERS)))
    cls = LAYERS[head]
    if hostile is None:
        hostile = draw(st.integers(0, 3)) == 0
    parts = [draw(value(type(p.kind).__name__, hostile)) for p in cls.arguments
             if draw(st.integers(0, 4)) or getattr(p, "required", False)]
    for p in cls.options:
        if draw(st.integers(0, 3)) == 0:
            name = p.name if p.symbol else f"\"{p.name}\""
            parts.append(f"{name} -> {draw(value(type(p.kind).__name__, hostile))}")
    for spec in cls.array_specs:
        if draw(st.integers(0, 7)) == 0:
            parts.append(f"\"{spec.name}\" -> {draw(st.sampled_from(ARRAYS))}")
    for port in cls.port_options:
        if draw(st.integers(0, 3)) == 0:
            pool = SHAPES + (BAD_SHAPES if hostile else []) + \
                (ENCODERS if port != "Output" else DECODERS)
            parts.append(f"\"{port}\" -> {draw(st.sampled_from(pool))}")
    if hostile and draw(st.booleans()):
        parts.append(f"\"Foo\" -> {draw(st.sampled_from(HOSTILE))}")
    return f"{head}[{', '.join(parts)}]"


SIMPLE = st.sampled_from(["LinearLayer[3]", "Tanh", "Ramp", "SoftmaxLayer[]", "2",
                          "FlattenLayer[]", "LongShortTermMemoryLayer[3]",
                          "ConvolutionLayer[2, 2]", "PoolingLayer[2]",
                          "BatchNormalizationLayer[]", "SequenceLastLayer[]",
                          "EmbeddingLayer[3, 4]", "GatedRecurrentLayer[2]",
                          "DeconvolutionLayer[2, 2]", "BasicRecurrentLayer[2]"])
LAYER = st.one_of(layer(), SIMPLE)


def _chain(layers, port_opts):
    return f"NetChain[{{{', '.join(layers)}}}{port_opts}]"


PORT_OPTS = st.lists(st.one_of(
    st.sampled_from(SHAPES + ENCODERS).map(lambda s: f"\"Input\" -> {s}"),
    st.sampled_from(DECODERS + ["{3}", "\"Real\"", "{2}"]).map(lambda s: f"\"Output\" -> {s}"),
    st.sampled_from(BAD_SHAPES + BAD_CODERS).map(lambda s: f"\"Input\" -> {s}"),
), max_size=2, unique_by=lambda s: s.split(" ->")[0]).map(
    lambda opts: "".join(", " + o for o in opts))


def _graph(layers, edges):
    names = ", ".join(f"\"l{i}\" -> {l}" for i, l in enumerate(layers))
    return f"NetGraph[<|{names}|>, {{{', '.join(edges)}}}]"


@st.composite
def graph(draw):
    layers = draw(st.lists(LAYER, min_size=1, max_size=3))
    n = len(layers)
    edges = [f"\"l{i}\" -> \"l{i + 1}\"" for i in range(n - 1)]
    if n > 1 and draw(st.booleans()):
        edges.append(f"NetPort[\"Input\"] -> \"l{n - 1}\"")
    if draw(st.booleans()):
        edges.append(draw(st.sampled_from(["\"l0\" -> \"l0\"", "\"l9\" -> \"l0\"",
                                           "NetPort[\"l0\", \"Foo\"] -> \"l0\"",
                                           f"\"l{n - 1}\" -> NetPort[\"Out\"]"])))
    return _graph(layers, edges)


NETS = st.one_of(
    LAYER,
    st.tuples(st.lists(LAYER, min_size=1, max_size=4), PORT_OPTS).map(lambda t: _chain(*t)),
    graph(),
    LAYER.map(lambda l: f"NetMapOperator[{l}]"),
    LAYER.map(lambda l: f"NetFoldOperator[{l}]"),
    st.tuples(LAYER, st.sampled_from(["1", "3", "0", "-1", "10^9"])).map(
        lambda t: f"NetNestOperator[{t[0]}, {t[1]}]"),
    st.tuples(st.sampled_from(["LongShortTermMemoryLayer[2]", "GatedRecurrentLayer[3]",
                               "BasicRecurrentLayer[2]", "{GatedRecurrentLayer[2], "
                               "LongShortTermMemoryLayer[2]}", "LinearLayer[2]"]),
              st.sampled_from(["", ", Total", ", Mean", ", Catenate", ", Foo", ", 3"])).map(
        lambda t: f"NetBidirectionalOperator[{t[0]}{t[1]}]"),
)

# -- what is done with a net -----------------------------------------------------------------

WLNET_FILE = tempfile.mkdtemp(prefix="wlnet-fuzz-nets-").replace("\\", "/") + "/n.wlnet"
IN = st.sampled_from(DATA)
SPEC = st.sampled_from(["1", "2", "-1", "\"l0\"", "{1, 2}", "0", "10", "All", "2;;3",
                        "\"Input\"", "\"Output\"", "{\"l0\", \"Weights\"}", "\"Foo\"",
                        "{1, \"Weights\"}", "{-1, \"Biases\"}", "1;;-1", "{}", "x"])
PROPERTIES = st.sampled_from([
    "\"ArraysCount\"", "\"Layers\"", "\"LayerTypeCounts\"", "\"InputPorts\"",
    "\"OutputPorts\"", "\"Properties\"", "\"SummaryGraphic\"", "\"ArraysTotalElementCount\"",
    "\"ArraysDimensions\"", "\"TopologicalOrder\"", "\"Foo\"", "\"LayersCount\"",
    "\"MXNetNodeGraph\"", "\"FullSummaryGraphic\"", "\"ArraysTotalSize\""])
TRAIN_OPTS = st.lists(st.one_of(
    st.sampled_from(DEVICES).map(lambda d: f"TargetDevice -> {d}"),
    st.sampled_from(["1", "2", "10^8", "0", "-1"]).map(lambda b: f"BatchSize -> {b}"),
    st.sampled_from(["\"ADAM\"", "\"SGD\"", "\"RMSProp\"", "Foo"]).map(lambda m: f"Method -> {m}"),
    st.sampled_from(["0.1", "10.", "-1"]).map(lambda r: f"LearningRate -> {r}"),
), max_size=3).map(lambda opts: "".join(", " + o for o in opts))

OPERATIONS = st.one_of(
    IN.map(lambda x: f"n[{x}]"),
    IN.map(lambda x: f"NetInitialize[n][{x}]"),
    st.tuples(IN, st.sampled_from(DEVICES)).map(
        lambda t: f"NetInitialize[n][{t[0]}, TargetDevice -> {t[1]}]"),
    st.tuples(IN, st.sampled_from(["\"Train\"", "\"Test\"", "Foo"])).map(
        lambda t: f"NetInitialize[n][{t[0]}, NetEvaluationMode -> {t[1]}]"),
    st.tuples(IN, IN, TRAIN_OPTS).map(
        lambda t: f"NetTrain[n, {{{t[0]} -> {t[1]}, {t[0]} -> {t[1]}}}, MaxTrainingRounds -> 2, "
                  f"TrainingProgressReporting -> None{t[2]}]"),
    st.tuples(IN, TRAIN_OPTS).map(
        lambda t: f"NetTrain[n, <|\"Input\" -> {{{t[0]}, {t[0]}}}|>, MaxTrainingRounds -> 1, "
                  f"TrainingProgressReporting -> None{t[1]}]"),
    PROPERTIES.map(lambda p: f"NetInformation[n, {p}]"),
    st.just("NetInformation[n]"),
    SPEC.map(lambda s: f"NetExtract[n, {s}]"),
    SPEC.map(lambda s: f"NetTake[n, {s}]"),
    SPEC.map(lambda s: f"NetDrop[n, {s}]"),
    SPEC.map(lambda s: f"NetDelete[n, {s}]"),
    LAYER.map(lambda l: f"NetAppend[n, {l}]"),
    LAYER.map(lambda l: f"NetPrepend[n, {l}]"),
    st.tuples(LAYER, SPEC).map(lambda t: f"NetInsert[n, {t[0]}, {t[1]}]"),
    st.tuples(SPEC, LAYER).map(lambda t: f"NetReplacePart[n, {t[0]} -> {t[1]}]"),
    st.tuples(SPEC, st.sampled_from(ARRAYS)).map(lambda t: f"NetReplacePart[n, {t[0]} -> {t[1]}]"),
    st.tuples(SPEC, SPEC).map(lambda t: f"NetRename[n, {t[0]} -> {t[1]}]"),
    st.sampled_from(["", ", 1", ", 0", ", -1", ", Infinity", ", AllowedHeads -> NetChain"]).map(
        lambda a: f"NetFlatten[n{a}]"),
    st.tuples(st.sampled_from(["_LinearLayer", "_", "ConvolutionLayer[___]", "x_ :> x",
                               "\"l0\""]), LAYER).map(lambda t: f"NetReplace[n, {t[0]} -> {t[1]}]"),
    st.sampled_from(["n", "InputForm[n]", "FullForm[n]", "Normal[n]", "n === n", "Head[n]",
                     "Information[n]", "NetInitialize[n, All]", "NetUnfold[n]",
                     "NetInitialize[n, Method -> {\"Random\", \"Weights\" -> 2}]",
                     "NetArrayLayer[\"Array\" -> {1., 2.}][]", "n[]", "n[[1]]",
                     "Take[n, 1]", "Length[n]"]),
    st.just(f"Export[\"{WLNET_FILE}\", NetInitialize[n], \"WLNet\"]; "
            f"Import[\"{WLNET_FILE}\"] === NetInitialize[n]"),
)

CODER_USE = st.one_of(
    st.tuples(st.sampled_from(ENCODERS + BAD_CODERS), IN).map(lambda t: f"{t[0]}[{t[1]}]"),
    st.tuples(st.sampled_from(DECODERS + BAD_CODERS), IN).map(lambda t: f"{t[0]}[{t[1]}]"),
    st.tuples(st.sampled_from(DECODERS), IN, st.sampled_from([
        "\"Probabilities\"", "\"TopProbabilities\"", "{\"TopDecisions\", 2}", "\"Entropy\"",
        "{\"Probabilities\", \"a\"}", "\"Foo\"", "{\"TopProbabilities\", -1}",
        "\"RandomSample\"", "{\"TopDecisions\", 10^9}"])).map(
        lambda t: f"{t[0]}[{t[1]}, {t[2]}]"),
    st.sampled_from(ENCODERS + DECODERS + BAD_CODERS).map(lambda c: f"InputForm[{c}]"),
)


@fuzz(share=2, least=100)
@given(NETS, st.lists(OPERATIONS, min_size=1, max_size=3))
def test_nets_and_what_is_done_with_them(net, operations):
    check(f"SeedRandom[1]; n = {net}; " + "; ".join(f"r = {op}" for op in operations))


@fuzz(share=10, least=30)
@given(st.lists(CODER_USE, min_size=1, max_size=3))
def test_coders(uses):
    check("; ".join(uses))


def test_every_layer_kind_has_values():
    """A parameter kind with no good values of its own would be fuzzed with "1" only."""
    kinds = {type(p.kind).__name__ for c in LAYERS.values() for p in c.arguments + c.options}
    assert kinds <= set(GOOD), kinds - set(GOOD)

