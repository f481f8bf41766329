"""net[x, NetPortGradient[...]] through the language: Wolfram's documented examples, the
forms (inputs, arrays by name and by position, All, lists, imposed output gradients,
batches, operators), the messages, and the values against central differences of the
net's own outputs in float64."""
import numpy as np
import pytest

from wlnet.builtins.nets.data import to_array
from wlnet.nets.plan import compile

CHAIN = ('c = NetChain[{LinearLayer[2, "Weights" -> {{1., -1.}, {0.5, 2.}}, "Biases" -> '
         '{0., 1.}], Tanh, LinearLayer[1, "Weights" -> {{1., 1.}}, "Biases" -> {0.}]}]')


def numbers(wl, code):
    return to_array(wl.value(code), np.float64)


def test_documented_examples(wl):
    wl("ramp = ElementwiseLayer[Ramp]")
    assert wl('ramp[{1, 2, 3}, NetPortGradient["Input"]]') == "{1., 1., 1.}"
    assert wl('ramp[{-1, -2, -3}, NetPortGradient["Input"]]') == "{0., 0., 0.}"
    wl('loss = CrossEntropyLossLayer["Binary"]')
    for p, slope in [(0.2, -1.875), (0.8, 1.875), (0.5, 0.)]:
        got = numbers(wl, f'loss[<|"Input" -> {p}, "Target" -> 0.5|>, NetPortGradient["Input"]]')
        assert abs(got - slope) < 1e-5
    wl("SeedRandom[7]; linear = NetInitialize[LinearLayer[{}, \"Input\" -> 3]]")
    grad = numbers(wl, 'linear[{1, 2, 3}, NetPortGradient["Input"]]')
    assert np.allclose(grad, numbers(wl, 'NetExtract[linear, "Weights"]')[0])


def test_forms(wl):
    wl(CHAIN)
    assert wl('c[{1, 2}, NetPortGradient[{1, "Biases"}]]') == \
        wl('c[{1, 2}, NetPortGradient[{-3, "Biases"}]]')
    every = wl.value('c[{1, 2}, NetPortGradient[All]]')
    assert [wl_key(r.args[0]) for r in every.args] == [
        'NetPortGradient["Input"]', 'NetPortGradient[{1, "Biases"}]',
        'NetPortGradient[{1, "Weights"}]', 'NetPortGradient[{3, "Biases"}]',
        'NetPortGradient[{3, "Weights"}]']
    twice = numbers(wl, 'c[<|"Input" -> {1, 2}, NetPortGradient["Output"] -> {2}|>, '
                        'NetPortGradient["Input"]]')
    assert np.allclose(twice, 2 * numbers(wl, 'c[{1, 2}, NetPortGradient["Input"]]'))
    batch = numbers(wl, 'c[{{1, 2}, {3, -1}}, NetPortGradient["Input"]]')
    assert batch.shape == (2, 2) and np.allclose(batch[1], numbers(
        wl, 'c[{3, -1}, NetPortGradient["Input"]]'))
    summed = numbers(wl, 'c[{{1, 2}, {3, -1}}, NetPortGradient[{1, "Weights"}]]')
    assert np.allclose(summed, numbers(wl, 'c[{1, 2}, NetPortGradient[{1, "Weights"}]]') +
                       numbers(wl, 'c[{3, -1}, NetPortGradient[{1, "Weights"}]]'))
    assert wl('Keys[c[{1, 2}, {"Output", NetPortGradient["Input"]}]]') == \
        '{"Output", NetPortGradient["Input"]}'
    assert wl('c[<|"Input" -> {1, 2}, NetPortGradient["Output"] -> {1}|>]') == \
        wl("c[{1, 2}]")


def test_a_decoded_output_has_the_gradient_of_its_numbers(wl):
    wl(CHAIN)
    wl('c = NetTake[c, 2]; d = NetReplacePart[c, "Output" -> NetDecoder[{"Class", {"a", "b"}}]]')
    assert wl('d[{1, 2}]') == '"b"'
    assert wl('d[{1, 2}, NetPortGradient["Input"]]') == wl('c[{1, 2}, NetPortGradient["Input"]]')
    assert wl('d[{1, 2}, NetPortGradient["Input"]]') != "{0., 0.}"
    assert wl('d[{1, 2}, {"Output", NetPortGradient["Input"]}]["Output"]') == wl('d[{1, 2}]')
    assert wl('d[{{1, 2}, {0, 1}}, {NetPortGradient[{1, "Weights"}], "Output"}]["Output"]') \
        == wl('d[{{1, 2}, {0, 1}}]')
    wl('s = NetChain[{LinearLayer[3, "Input" -> 2], SoftmaxLayer[]}, "Output" -> '
       'NetDecoder[{"Class", {"a", "b", "c"}}]]; SeedRandom[1]; s = NetInitialize[s]')
    grad = numbers(wl, 's[{1., 2.}, NetPortGradient["Input"]]')     # the outputs sum to 1
    assert grad.shape == (2,) and np.allclose(grad, 0, atol=1e-6)


def wl_key(e):
    from wlnet.format.inputform import input_form
    return input_form(e)


@pytest.mark.parametrize("code, message", [
    ('c[{1, 2}, NetPortGradient["Weights"]]', "NetChain::badportd"),
    ('c[{1, 2}, NetPortGradient[{9, "Weights"}]]', "NetChain::badportd"),
    ('c[{1, 2}, NetPortGradient[{2, "Input"}]]', "NetChain::badportd"),
    ('c[{1, 2}, NetPortGradient[3]]', "NetChain::invppspec"),
    ('c[{1, 2}, NetPortGradient[]]', "NetChain::invppspec"),
    ('c[{1, 2}, {NetPortGradient["Input"], "Nope"}]', "NetChain::invoutport"),
    ('c[<|"Input" -> {1, 2}, NetPortGradient["X"] -> {1}|>, NetPortGradient["Input"]]',
     "NetChain::invoutport"),
    ('c[<|"Input" -> {1, 2}, NetPortGradient["Output"] -> {1, 1}|>, NetPortGradient["Input"]]',
     "NetChain::invinput"),
    ('c[{1, 2, 3}, NetPortGradient["Input"]]', "NetChain::invinput"),
    ('c[<|NetPortGradient["Output"] -> {1}|>, NetPortGradient["Input"]]', "NetChain::invinput"),
    ('CrossEntropyLossLayer["Index", "Input" -> 3][<|"Input" -> {0.2, 0.3, 0.5}, '
     '"Target" -> 2|>, NetPortGradient["Target"]]', "CrossEntropyLossLayer::nointgrad"),
])
def test_messages(wl, code, message):
    wl(CHAIN)
    assert wl.messages(code) == [message]
    assert wl(code) == "$Failed"
    assert wl("c[{1, 2}]").startswith("{0.238372")


def test_aux_arrays_have_no_gradient():
    """An auxiliary array (BatchNormalization's moving mean; here the test layer of
    container_examples) gets auxnograd, and NetPortGradient[All] leaves it out."""
    import importlib.util
    from pathlib import Path
    where = Path(__file__).parents[1] / "nets" / "container_examples.py"
    spec = importlib.util.spec_from_file_location("layer_definition_for_gradients", where)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    GainLayer = module.GainLayer
    from wlnet.builtins.nets.gradients import _wants
    from wlnet.expr import Expr, S, String
    from wlnet.nets.errors import NetError
    net = GainLayer(input=3)
    with pytest.raises(NetError) as e:
        _wants(net, Expr(S.NetPortGradient, String("Steps")))
    assert e.value.tag == "auxnograd"
    keys = [w[2] for w in _wants(net, Expr(S.NetPortGradient, S.All))]
    assert keys == ["Input", ("Gain",)]


NETS = [
    ('NetChain[{LinearLayer[3], Tanh, LinearLayer[2], LogisticSigmoid}, "Input" -> 2]',
     "{0.5, -1.}"),
    ('NetGraph[{LinearLayer[3], Ramp, ThreadingLayer[Times], TotalLayer[]}, '
     '{NetPort["Input"] -> 1 -> 2, {1, 2} -> 3, {3, 1} -> 4}, "Input" -> 2]', "{0.3, 0.7}"),
    ('NetMapOperator[LinearLayer[2, "Input" -> 2]]', "{{1., 2.}, {0.5, -1.}, {0., 3.}}"),
    ('NetFoldOperator[NetGraph[{LinearLayer[2], ThreadingLayer[Plus], Tanh}, '
     '{NetPort["Input"] -> 1, {1, NetPort["State"]} -> 2 -> 3}], "Input" -> {"Varying", 2}]',
     "{{1., 2.}, {0.5, -1.}, {0., 3.}}"),
]


@pytest.mark.parametrize("net, x", NETS)
def test_against_central_differences(wl, net, x):
    wl(f"SeedRandom[2]; net = NetInitialize[{net}]")
    payload = wl.value("net").payload
    plan = compile(payload, np.float64)
    data = to_array(wl.value(x), np.float64)

    def total(inputs):
        return sum(float(np.sum(v)) for v in plan.forward(inputs).values())
    grad = numbers(wl, f'net[{x}, NetPortGradient["Input"]]')
    fd = np.zeros_like(data)
    for i in np.ndindex(data.shape):
        for step in (1e-6, -1e-6):
            moved = data.copy()
            moved[i] += step
            fd[i] += np.sign(step) * total({"Input": moved[None]}) / 2e-6
    assert np.allclose(grad, fd, rtol=1e-4, atol=1e-5)
    for path in payload.trainable_paths():
        spec = "{" + ", ".join(f'"{k}"' if isinstance(k, str) else str(k) for k in path) + "}"
        got = numbers(wl, f"net[{x}, NetPortGradient[{spec}]]")
        buf = plan.arrays[path]
        fd = np.zeros_like(buf)
        for i in np.ndindex(buf.shape):
            old = buf[i]
            for step in (1e-6, -1e-6):
                buf[i] = old + step
                fd[i] += np.sign(step) * total({"Input": data[None]}) / 2e-6
            buf[i] = old
        assert np.allclose(got, fd, rtol=1e-4, atol=1e-5), path
