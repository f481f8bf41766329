"""Bad input: each gives a Wolfram-style message with its tag, returns what Wolfram
returns ($Failed or the unevaluated expression), and the session goes on."""

import pytest

CORE = ('core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2], '
        '"l3" -> LinearLayer[2]|>, {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}]')


@pytest.mark.parametrize("code, tag", [
    ("LinearLayer[-1]", "LinearLayer::invarg"),
    ("LinearLayer[{2, -3}]", "LinearLayer::invarg"),
    ("LinearLayer[x]", "LinearLayer::invarg"),
    ('LinearLayer[2, "Foo" -> 3]', "LinearLayer::optx"),
    ('LinearLayer[2, Foo -> 3]', "LinearLayer::optx"),
    ('LinearLayer[2, "Weights" -> {{a, b}}]', "LinearLayer::invarg"),
    ('LinearLayer[2, "Weights" -> {1, 2}]', "LinearLayer::invarg"),
    ('LinearLayer[2, "Weights" -> {{1, 2}}]', "LinearLayer::tyfail"),
    ('LinearLayer[2, "Input" -> -4]', "LinearLayer::invarg"),
    ('LinearLayer[2, "Input" -> "Foo"]', "LinearLayer::invarg"),
    ('LinearLayer[2, LearningRateMultipliers -> x]', "LinearLayer::invarg"),
    ("ElementwiseLayer[Foo]", "ElementwiseLayer::invscf"),
    ("ElementwiseLayer[#^2 + Zeta[#] &]", "ElementwiseLayer::invscf"),
    ("ElementwiseLayer[#1 + #2 &]", "ElementwiseLayer::invscf"),
    ("ThreadingLayer[Foo]", "ThreadingLayer::invscf"),
    ("DropoutLayer[2]", "DropoutLayer::invarg"),
    ('CrossEntropyLossLayer["Foo"]', "CrossEntropyLossLayer::invarg"),
    ("NetChain[{foo}]", "NetChain::invarg"),
    ("NetChain[3]", "NetChain::invarg"),
    ('NetChain[{LinearLayer[3, "Input" -> 2], LinearLayer[2, "Input" -> 4]}]', "NetChain::tyfail"),
    ('NetChain[{2, 3}, "Foo" -> 1]', "NetChain::optx"),
    ("NetGraph[{LinearLayer[2], Ramp}, {1 -> 2, 2 -> 1}]", "NetGraph::cyclic"),
    ("NetGraph[{LinearLayer[2], Ramp}, {1 -> 3}]", "NetGraph::invedge"),
    ('NetGraph[<|"a" -> Ramp|>, {"b" -> "a"}]', "NetGraph::invedge"),
    ("NetGraph[{Ramp}, {1 -> f[2]}]", "NetGraph::invedge"),
    ('NetGraph[{LinearLayer[2, "Input" -> 3], LinearLayer[2, "Input" -> 3]}, {1 -> 2}]',
     "NetGraph::tyfail"),
    ("NetGraph[{Ramp}, {}, Foo -> 1]", "NetGraph::optx"),
    ("NetFoldOperator[LinearLayer[2]]", "NetFoldOperator::invnet"),
    ("NetNestOperator[LinearLayer[2], -1]", "NetNestOperator::invarg"),
    ("NetInitialize[LinearLayer[2]]", "NetInitialize::nninit"),
    ('NetInitialize[LinearLayer[2, "Input" -> 2], Method -> "Foo"]', "NetInitialize::optspec"),
    ('NetInitialize[LinearLayer[2, "Input" -> 2], RandomSeeding -> x]', "NetInitialize::seed"),
    ('LinearLayer[2, "Input" -> 3][{1, 2, 3}]', "LinearLayer::notinit"),
    ('NetChain[{2, Ramp}, "Input" -> 3][{1, 2, 3}]', "NetChain::notinit"),
    ('NetInitialize[LinearLayer[2, "Input" -> 3]][{1, 2}]', "LinearLayer::invinput"),
    ('NetInitialize[LinearLayer[2, "Input" -> 3]][{{{1, 2, 3}}}]', "LinearLayer::invinput"),
    ('NetInitialize[LinearLayer[2, "Input" -> 3]][x]', "LinearLayer::invinput"),
    ('NetInitialize[LinearLayer[2, "Input" -> 3]][{1, 2, 3}, "Foo"]', "LinearLayer::invport"),
    ('NetInitialize[LinearLayer[2, "Input" -> 3]][<|"Foo" -> {1, 2, 3}|>]',
     "LinearLayer::invinput"),
    ('NetInitialize[LinearLayer[2, "Input" -> 3]][]', "LinearLayer::invinput"),
    ('LinearLayer[2, "Input" -> 3][["Foo"]]', "NetExtract::netnopart"),
    ('NetExtract[LinearLayer[2], {"Weights", 3}]', "NetExtract::netnopart"),
    ("NetExtract[LinearLayer[2], x]", "NetExtract::invspec"),
    ('NetReplacePart[LinearLayer[2, "Input" -> 2], "Weights" -> {{1, 2, 3}}]',
     "LinearLayer::tyfail"),
    ('NetReplacePart[LinearLayer[2, "Input" -> 2], "Weights" -> x]', "NetReplacePart::invarg"),
    ('NetInformation[LinearLayer[2], "Foo"]', "NetInformation::notprop"),
    ("NetInformation[3]", "NetInformation::invnet"),
])
def test_bad_input_gives_the_tagged_message_and_failed(wl, code, tag):
    assert wl.messages(code) == [tag]
    out = wl.output(code)
    assert out.value is not None


@pytest.mark.parametrize("code, tag, unevaluated", [
    ("NetInitialize[3]", "NetInitialize::arg1", "NetInitialize[3]"),
    ('NetExtract[3, "x"]', "NetExtract::arg1", 'NetExtract[3, "x"]'),
    ("LinearLayer[1, 2]", "LinearLayer::argt", "LinearLayer[1, 2]"),
    ("NetChain[]", "NetChain::argx", "NetChain[]"),
])
def test_non_nets_and_argument_counts_stay_unevaluated(wl, code, tag, unevaluated):
    assert wl.messages(code) == [tag]
    assert wl(code) == unevaluated


def test_failed_results_and_the_session_goes_on(wl):
    assert wl("LinearLayer[-1]") == "$Failed"
    assert wl('NetInitialize[LinearLayer[2, "Input" -> 3]][{1, 2}]') == "$Failed"
    assert wl("1 + 1") == "2"


def test_int_part_of_association_graph(wl):
    wl(CORE)
    assert wl.messages("core[[2]]") == ["NetGraph::intpartassoc"]
    assert wl.messages('core[["zz"]]') == ["NetExtract::netnopart"]


def test_fold_input_mismatch(wl):
    wl(CORE)
    wl('fold = NetInitialize@NetFoldOperator[core, "Input" -> {"Varying", 2}]')
    assert wl.messages("fold[{{1, 2, 3}}]") == ["NetFoldOperator::invinput"]
    assert wl.messages('fold[<|"Input" -> {{1, 2}}, "State" -> {{1, 2}, {3, 4}}|>]') == \
        ["NetFoldOperator::invinput"]
    assert wl.messages('fold[{{1, 2}}, "Output"]') == []


def test_message_text_names_layer_and_shapes(wl):
    out = wl.output('NetChain[{LinearLayer[3, "Input" -> 2], LinearLayer[2, "Input" -> 4]}]')
    text = out.messages[0].args[0].value
    assert "node 2 (LinearLayer)" in text and "size 3" in text and "size 4" in text
