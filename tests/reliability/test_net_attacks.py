"""Issue 11's promises for the layers that came after it: convolutions, recurrent
layers, batch normalisation, NetEncoder/NetDecoder ports.

Hostile .wlnet files holding them give ``Import::fmterr`` in words (a crafted file is
also mutated at random: whatever comes back is either that message or a net that
computes without an internal error); a convolution or LSTM whose evaluation or training
needs more than the memory budget gets ``General::mem`` before it runs; Ctrl-C during
NetTrain of such a net returns the net trained so far. The reproducers the net fuzzers
(test_fuzz_nets) found are here too.
"""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wlnet.format.inputform import input_form
from wlnet.kernel.session import Session

from .conftest import evaluate_guarded
from .test_budgets import interrupted_after
from .test_fuzz import fuzz

NETS = {
    "conv": ('NetInitialize[NetChain[{ConvolutionLayer[2, {2, 2}], BatchNormalizationLayer[], '
             'FlattenLayer[], LinearLayer[3], SoftmaxLayer[]}, "Input" -> {1, 4, 4}, '
             '"Output" -> NetDecoder[{"Class", {"a", "b", "c"}}]]]', "RandomReal[1, {1, 4, 4}]"),
    "lstm": ('NetInitialize[NetChain[{EmbeddingLayer[3, 4], LongShortTermMemoryLayer[4], '
             'SequenceLastLayer[], LinearLayer[2]}, "Input" -> NetEncoder[{"Characters", '
             '"abcd"}]]]', '"abca"'),
    "gru": ('NetInitialize[NetChain[{GatedRecurrentLayer[3], BasicRecurrentLayer[2]}, '
            '"Input" -> {"Varying", 2}]]', "{{1., 2.}, {3., 4.}}"),
}


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """{name: (net.json as a dict, {member: bytes})} of each net exported by wlnet."""
    folder = tmp_path_factory.mktemp("nets")
    session, out = Session(seed=3), {}
    for name, (code, _) in NETS.items():
        path = str(folder / f"{name}.wlnet").replace("\\", "/")
        session.evaluate(f'Export["{path}", {code}]')
        with zipfile.ZipFile(path) as z:
            out[name] = (json.loads(z.read("net.json")),
                         {m: z.read(m) for m in z.namelist() if m.startswith("arrays/")})
    return out


def _npy(array) -> bytes:
    b = io.BytesIO()
    np.save(b, np.asarray(array, np.float32))
    return b.getvalue()


def _wlnet(description, arrays) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("net.json", json.dumps(description))
        for member, data in arrays.items():
            z.writestr(member, data)
    return buffer.getvalue()


def _layer(d, i):
    return d["net"]["arguments"][0][i]


def _set(part, key, value):
    part[key] = value


CRAFTED = {   # name: (net, change of the description, {array member: array}, words)
    "huge kernel": ("conv", lambda d: _layer(d, 0)["arguments"].__setitem__(
        1, {"tuple": [10 ** 9, 10 ** 9]}), {}, "kernel size"),
    "negative stride": ("conv", lambda d: _set(_layer(d, 0)["options"], "Stride", -2), {},
                        "stride -2"),
    "negative stride per dimension": ("conv", lambda d: _set(
        _layer(d, 0)["options"], "Stride", {"tuple": [1, -1]}), {}, "stride {1, -1}"),
    "huge padding": ("conv", lambda d: _set(_layer(d, 0)["options"], "PaddingSize", 10 ** 9),
                     {}, "BatchNormalizationLayer"),
    "kernel named in options": ("conv", lambda d: _set(_layer(d, 0)["options"], "kernel", 1),
                                {}, "kernel"),
    "moving mean of the wrong size": ("conv", None, {"arrays/3.npy": np.ones(7)},
                                      "MovingMean should have dimensions [2]"),
    "moving variance of the wrong rank": ("conv", None, {"arrays/4.npy": np.ones((2, 2))},
                                          "MovingVariance"),
    "repeated labels": ("conv", lambda d: _set(d["net"]["options"]["Output"], "arguments",
                                               [{"tuple": ["a", "a", "b"]}]), {}, "distinct"),
    "labels of plain data": ("conv", lambda d: _set(
        d["net"]["options"]["Output"], "arguments", [{"tuple": [1.5, None, True]}]), {},
        "integers, strings or expressions"),
    "a symbol as a label": ("conv", lambda d: _set(
        d["net"]["options"]["Output"], "arguments", [{"tuple": ["a", {"symbol": "None"},
                                                                 "c"]}]), {}, "labels"),
    "too few labels": ("conv", lambda d: _set(d["net"]["options"]["Output"], "arguments",
                                              [{"tuple": ["a"]}]), {}, "size 1"),
    "a label that is not code": ("conv", lambda d: _set(
        d["net"]["options"]["Output"], "arguments", [{"tuple": ["a", {"wl": "f[["}, "c"]}]),
        {}, "not Wolfram code"),
    "LSTM state weights of the wrong shape": ("lstm", None, {"arrays/2.npy": np.ones((4, 3))},
                                              "State"),
    "LSTM weights of the wrong rank": ("lstm", None, {"arrays/1.npy": np.ones(4)}, "rank 2"),
    "LSTM of negative size": ("lstm", lambda d: _set(_layer(d, 1), "arguments", [-4]), {},
                              "output size -4"),
    "a repeated character": ("lstm", lambda d: _set(d["net"]["options"]["Input"], "arguments",
                                                    [{"tuple": ["a", "a"]}]), {}, "distinct"),
    "GRU gate biases of the wrong size": ("gru", None, {"arrays/2.npy": np.ones(5)}, "Biases"),
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_files_of_the_new_layers_give_fmterr(files, saved, name):
    net, change, arrays, words = CRAFTED[name]
    description, members = json.loads(json.dumps(saved[net][0])), dict(saved[net][1])
    if change:
        change(description)
    members.update({m: _npy(a) for m, a in arrays.items()})
    (files.dir / "c.wlnet").write_bytes(_wlnet(description, members))
    out = files.run('Import["c.wlnet"]')
    assert [m.name for m in out.messages] == ["Import::fmterr"], name
    assert words in out.messages[0].args[1].value and input_form(out.result) == "$Failed"


HOSTILE = [-1, 0, 10 ** 9, 2 ** 70, "x", None, [], 1.5, True, {"float": "nan"},
           {"tuple": [-1, -1]}, {"tuple": [10 ** 9, 10 ** 9]}, {"tuple": []},
           {"tuple": [1, 2, 3, 4]}, {"symbol": "None"}, {"symbol": "Automatic"},
           {"tuple": ["Varying", 10 ** 9]}, {"tuple": [1, 100000, 100000]}, {"dict": []},
           {"wl": "f[x]"}, {"call": ["Span", [1, -1]]}, {"tuple": ["a", "a"]}]
ARRAYS = [np.zeros(()), np.zeros(0), np.ones((2, 2)), np.ones(7), np.full(3, np.nan),
          np.ones((1, 1, 1, 1)), np.ones((4, 3)), np.ones((2, 3, 4, 5, 6))]


def _slots(x, path=()):
    """Every place in a JSON tree, as a path of keys and indices."""
    items = x.items() if isinstance(x, dict) else enumerate(x) if isinstance(x, list) else ()
    for key, v in items:
        yield path + (key,)
        yield from _slots(v, path + (key,))


@fuzz(share=10, least=60)
@given(st.sampled_from(sorted(NETS)), st.data())
def test_mutated_files_give_fmterr_or_a_working_net(saved, tmp_path_factory, name, data):
    """Any value anywhere in the description, or any array replaced: Import says
    fmterr, or the net it gives evaluates and initialises without an internal error."""
    description, members = json.loads(json.dumps(saved[name][0])), dict(saved[name][1])
    for _ in range(data.draw(st.integers(1, 2))):
        if data.draw(st.booleans()):
            path = data.draw(st.sampled_from(list(_slots(description["net"]))))
            place = description["net"]
            for key in path[:-1]:
                place = place[key]
            place[path[-1]] = json.loads(json.dumps(data.draw(st.sampled_from(HOSTILE))))
        else:
            members[data.draw(st.sampled_from(sorted(members)))] = \
                _npy(data.draw(st.sampled_from(ARRAYS)))
    path = tmp_path_factory.mktemp("m") / "m.wlnet"
    path.write_bytes(_wlnet(description, members))
    session = Session()
    where = str(path).replace("\\", "/")
    outs = evaluate_guarded(session, f'n = Import["{where}"]', 10)
    names = [m.name for o in outs for m in o.messages]
    if names:
        assert names == ["Import::fmterr"]
        return
    sample = NETS[name][1]
    evaluate_guarded(session, f'{{n[{sample}], NetInformation[n, "ArraysCount"], '
                              f'NetInitialize[n, All][{sample}], n}}', 10)


# -- the memory budget ---------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    # im2col of a 200x200 kernel over a 600x600 image: 25 GB of windows, a small output
    'n = NetInitialize[NetChain[{ConvolutionLayer[1, {200, 200}]}, "Input" -> {1, 600, 600}]]; '
    'n[RandomReal[1, {1, 600, 600}]]',
    # the gates of 2000 units at each of 50,000 steps
    'n = NetInitialize[LongShortTermMemoryLayer[2000, "Input" -> {"Varying", 2}]]; '
    'n[RandomReal[1, {50000, 2}]]',
    'NetTrain[NetChain[{ConvolutionLayer[1, {200, 200}], FlattenLayer[], LinearLayer[1]}, '
    '"Input" -> {1, 600, 600}], {RandomReal[1, {1, 600, 600}] -> {1.}}, MaxTrainingRounds -> 1]',
    'NetTrain[NetChain[{LongShortTermMemoryLayer[2000], SequenceLastLayer[], LinearLayer[1]}, '
    '"Input" -> {"Varying", 2}], {RandomReal[1, {50000, 2}] -> {1.}}, MaxTrainingRounds -> 1]',
])
def test_conv_and_lstm_passes_beyond_the_budget_are_refused(guarded, code):
    out, took = guarded.timed(code, seconds=30)
    assert [m.name for m in out.messages] == ["General::mem"] and took < 30
    assert input_form(out.result) == "$Aborted"


def test_small_conv_and_lstm_passes_are_not_refused(guarded):
    assert guarded.names('n = NetInitialize[NetChain[{ConvolutionLayer[2, 3], Ramp}, '
                         '"Input" -> {1, 8, 8}]]; n[RandomReal[1, {1, 8, 8}]];') == []
    assert guarded.names('n = NetInitialize[LongShortTermMemoryLayer[8, "Input" -> '
                         '{"Varying", 2}]]; n[RandomReal[1, {100, 2}]];') == []


@pytest.mark.parametrize("net, example", [
    ('NetChain[{ConvolutionLayer[8, 3], Ramp, PoolingLayer[2], FlattenLayer[], LinearLayer[1]}, '
     '"Input" -> {1, 28, 28}]', "RandomReal[1, {1, 28, 28}]"),
    ('NetChain[{LongShortTermMemoryLayer[16], SequenceLastLayer[], LinearLayer[1]}, '
     '"Input" -> {"Varying", 3}]', "RandomReal[1, {20, 3}]"),
])
def test_ctrl_c_during_training_returns_the_net_so_far(net, example):
    session = Session(seed=2)
    session.evaluate(f"net = {net}; data = Table[{example} -> {{RandomReal[]}}, 200];")
    outs, took = interrupted_after(session, "t = NetTrain[net, data, MaxTrainingRounds -> "
                                   "10^5, TrainingProgressReporting -> None]; "
                                   "{Head[t], Length[t[data[[1, 1]]]]}", 2.0)
    assert [m.name for o in outs for m in o.messages] == ["NetTrain::interrupted"]
    assert input_form(outs[-1].result) == "{NetChain, 1}" and took < 2


# -- reproducers from the net fuzzers ----------------------------------------------------------

@pytest.mark.parametrize("code, message", [
    # an encoder that fits its port, but whose sequence the next layer cannot take
    ('NetChain[{LinearLayer[3]}, "Input" -> NetEncoder[{"Characters", "abc"}]]',
     "NetChain::tyfail"),
    ('NetGraph[{LinearLayer[3]}, {}, "Input" -> NetEncoder[{"Characters", "abc"}]]',
     "NetGraph::tyfail"),
    # a class decoder of unknown labels given vectors of no classes
    ('NetDecoder[{"Class", Automatic}][{{}}]', "NetDecoder::invarray"),
    ('NetDecoder["Class"][{{}, {}}]', "NetDecoder::invarray"),
    ('ElementwiseLayer[Tanh, "Output" -> NetDecoder[{"Class", Automatic}], '
     '"Input" -> 2][{{.5, .5}}]', None),
    # data with a dimension of size 0 gave a net ports of size 0 (SoftmaxLayer failed)
    ('SoftmaxLayer[][{{}}]', "SoftmaxLayer::invinput"),
    ('NetMapOperator[Tanh][{{}}]', "NetMapOperator::invinput"),
    ('NetMapOperator[SequenceLastLayer[]][{{}}]', "NetMapOperator::invinput"),
    # the last element of an empty sequence, fixed or found only when the net runs
    ('SequenceLastLayer["Input" -> {0}]', "SequenceLastLayer::invarg"),
    ('l = NetInitialize[NetChain[{EmbeddingLayer[3, 4], LongShortTermMemoryLayer[4], '
     'SequenceLastLayer[], LinearLayer[2]}, "Input" -> NetEncoder[{"Characters", "abcd"}]]]; '
     'l[""]', "SequenceLastLayer::invinput"),
    # the memory budget of a convolution whose kernel size is not known yet
    ('ConvolutionLayer["Output" -> {1, 4, 4}][RandomReal[1, {1, 4, 4}]]',
     "ConvolutionLayer::notinit"),
    # a LinearLayer giving a sequence (its size could not be printed)
    ('LinearLayer["Output" -> {"Varying", 2}]', "LinearLayer::tyfail"),
    # a sequence out and a target sequence of another length
    ('NetTrain[NetChain[{GatedRecurrentLayer[2]}], {{{1., 2., 3.}, {1., 2., 3.}} -> '
     '{{1., 2.}, {3., 4.}, {5., 6.}}}, MaxTrainingRounds -> 2]', "MeanSquaredLossLayer::invindata2"),
    # training data of empty vectors gave weights of no columns (a division by zero)
    ('NetTrain[GatedRecurrentLayer[2], {{{}} -> {{1., 2.}, {3., 4.}}}, MaxTrainingRounds -> 2]',
     "NetTrain::invport"),
    ('NetTrain[LinearLayer[2], {{} -> {1., 2.}}, MaxTrainingRounds -> 2]', "NetTrain::invport"),
    # a span whose ends name the same layer
    ('NetDelete[NetChain[{LinearLayer[3]}], 1;;-1]', "NetDelete::netempty"),
    # an input and an output of different ranks
    ('TransposeLayer["Input" -> {1, 4, 4}, "Output" -> {3}]', "TransposeLayer::tyfail"),
    # a port given a string that is neither a shape nor a coder's kind
    ('NetReplacePart[EmbeddingLayer[], "Input" -> "w"]', "EmbeddingLayer::invarg"),
    ('NetReplacePart[LinearLayer[2], "Input" -> "w"]', "LinearLayer::invarg"),
    # a billion input ports never finished building (and took 14 GB)
    ('CatenateLayer[InputPorts -> 10^9]', "CatenateLayer::invarg"),
    # arrays whose dimensions a layer computes, given with the wrong rank
    ('ConvolutionLayer[2, 2, "Biases" -> -1, "Input" -> {1, 4, 4}]', "ConvolutionLayer::invarg"),
    ('DeconvolutionLayer[2, 2, "Biases" -> {{1., 2.}}, "Input" -> {1, 4, 4}]',
     "DeconvolutionLayer::invarg"),
    ('BatchNormalizationLayer["MovingMean" -> 3., "Input" -> {2, 3}]',
     "BatchNormalizationLayer::invarg"),
    # a packed array's element (a NumPy integer) named in a coder's message
    ('NetEncoder[{"Class", {"a", "b"}}][RandomInteger[{3, 3}, 4]]', "NetEncoder::invencin"),
])
def test_fuzz_reproducers(guarded, code, message):
    assert guarded.names(code) == ([message] if message else [])

