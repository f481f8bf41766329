"""Net surgery through the language: argument forms, Wolfram's messages (and nothing
lost after them), multipliers following their layers, the Take/Drop/Append/... up values
of nets, and Insert/Delete on lists."""
import pytest

CHAIN = 'c = NetChain[{LinearLayer[5], Ramp, LinearLayer[4], Tanh, LinearLayer[3]}, "Input" -> 2]'
NAMED = 'n = NetChain[<|"a" -> LinearLayer[3], "b" -> Ramp, "c" -> LinearLayer[2]|>, "Input" -> 2]'
GRAPH = ('g = NetGraph[<|"sq" -> ElementwiseLayer[#^2 &], "tr" -> ElementwiseLayer[3 # &]|>, '
         '{NetPort["Input"] -> "sq" -> NetPort["A"], NetPort["Input"] -> "tr" -> NetPort["B"]}, '
         '"Input" -> 2]')


@pytest.fixture
def nets(wl):
    for code in (CHAIN, NAMED, GRAPH):
        wl(code)
    return wl


@pytest.mark.parametrize("code, summary", [
    ("NetTake[c, 2]", "NetChain[<2 layers, 2 -> 5, uninitialized>]"),
    ("Take[c, {2, 4}]", "NetChain[<3 layers, 5 -> 4, uninitialized>]"),
    ("NetTake[c, 2 ;; 4]", "NetChain[<3 layers, 5 -> 4, uninitialized>]"),
    ("NetDrop[c, 2 ;; All]", "NetChain[<1 layer, 2 -> 5, uninitialized>]"),
    ("Drop[c, -1]", "NetChain[<4 layers, 2 -> 4, uninitialized>]"),
    ("NetDrop[c, {2, 3}, \"Output\" -> 3]", None),
    ("Append[c, SoftmaxLayer[]]", "NetChain[<6 layers, 2 -> 3, uninitialized>]"),
    ("Prepend[c, Sin]", "NetChain[<6 layers, 2 -> 3, uninitialized>]"),
    ("Insert[c, Sin, 3]", "NetChain[<6 layers, 2 -> 3, uninitialized>]"),
    ("Delete[c, 2]", "NetChain[<4 layers, 2 -> 3, uninitialized>]"),
    ("Flatten[NetChain[{c, Tanh}]]", "NetChain[<6 layers, 2 -> 3, uninitialized>]"),
    ("NetTake[g, NetPort[\"A\"]]", "NetGraph[<1 node, 2 edges, 2 -> A: 2>]"),
    ("NetFlatten[NetChain[{c, Tanh}], AllowedHeads -> NetGraph]",
     "NetGraph[<6 nodes, 7 edges, 2 -> 3, uninitialized>]"),
    ("NetFlatten[NetChain[{NetGraph[{Tanh}, {}], c}], AllowedHeads -> \"Same\"]",
     "NetChain[<6 layers, 2 -> 3, uninitialized>]"),
    ("NetFlatten[NetGraph[{Tanh, Sin}, {1 -> 2}, \"Input\" -> 2]]",
     "NetChain[<2 layers, 2 -> 2>]"),
    ("NetTake[c, 2, \"Output\" -> 5]", "NetChain[<2 layers, 2 -> 5, uninitialized>]"),
])
def test_forms(nets, code, summary):
    from wlnet.format.outputform import output_form
    out = nets.value(code)
    if summary is None:
        assert nets.messages(code) == ["NetDrop::tyfail"]
    else:
        assert output_form(out) == summary


@pytest.mark.parametrize("code, message", [
    ("NetTake[c, 0]", "NetTake::netempty"),
    ("NetTake[c, {1, 2, 3}]", "NetTake::invchtakespec"),
    ("NetTake[c, \"q\"]", "NetTake::invchlayername"),
    ("NetTake[c, NetPort[{2, \"Foo\"}]]", "NetTake::invportname"),
    ("NetTake[c, 2, \"Foo\" -> 3]", "NetTake::noioport"),
    ("NetTake[5, 2]", "NetTake::arg1net"),
    ("NetDrop[g, 1]", "NetGraph::notsupp"),
    ("NetAppend[n, Tanh]", "NetAppend::invnetchpend1"),
    ("NetAppend[c, \"x\" -> Tanh]", "NetAppend::invnetchpend2"),
    ("NetAppend[g, Tanh]", "NetAppend::multiport"),
    ("NetAppend[c, LinearLayer[2, \"Input\" -> 7]]", "NetAppend::tyfail"),
    ("NetInsert[g, Tanh, 1]", "NetInsert::arg1"),
    ("NetInsert[n, Tanh, 1]", "NetInsert::invnetins1"),
    ("NetInsert[c, \"x\" -> Tanh, 1]", "NetInsert::invnetins2"),
    ("NetInsert[n, \"a\" -> Tanh, 1]", "NetInsert::invnetins3"),
    ("NetInsert[c, Tanh, 0]", "NetInsert::invnetins4"),
    ("NetDelete[c, 9]", "NetDelete::invchdspec"),
    ("NetDelete[g, \"zz\"]", "NetDelete::invnetvertex"),
    ("NetDelete[g, NetPort[\"Q\"]]", "NetDelete::nodelport"),
    ("NetDelete[g, NetPort[\"Input\"]]", "NetDelete::invdelport"),
    ("NetDelete[g, {NetPort[\"A\"], \"sq\"}]", "NetDelete::nomix"),
    ("NetRename[n, \"a\" -> \"b\"]", "NetRename::dupnames"),
    ("NetRename[LinearLayer[2], \"a\" -> \"b\"]", "NetRename::invarg1"),
    ("NetRename[g, NetPort[\"Q\"] -> NetPort[\"R\"]]", "NetRename::inviopath"),
    ("NetReplace[c, 3]", "NetReplace::invrules"),
    ("NetReplace[c, _SoftmaxLayer -> Tanh]", "NetReplace::norep"),
    ("NetReplace[c, _ElementwiseLayer -> LinearLayer[7]]", "NetReplace::invnetrep"),
    ("NetFlatten[c, 0]", "NetFlatten::flev"),
    ("NetFlatten[c, AllowedHeads -> Foo]", "NetFlatten::heads"),
    ("NetFlatten[NetGraph[{Tanh, Sin, ThreadingLayer[Plus]}, {NetPort[\"Input\"] -> 1, "
     "NetPort[\"Input\"] -> 2, {1, 2} -> 3}], AllowedHeads -> NetChain]",
     "NetFlatten::notchained"),
])
def test_messages(nets, code, message):
    assert nets.messages(code) == [message]
    assert nets("c[{1, 2}]") == "$Failed"           # uninitialised, but still a net
    assert nets("Length[NetExtract[c, All]]") == "5"  # and nothing changed


def test_unevaluated_forms(nets):
    assert nets("NetTake[c]") == "NetTake[NetChain[{LinearLayer[5, \"Input\" -> 2], " \
        "ElementwiseLayer[Ramp, \"Input\" -> 5], LinearLayer[4, \"Input\" -> 5], " \
        "ElementwiseLayer[Tanh, \"Input\" -> 4], LinearLayer[3, \"Input\" -> 4]}]]"
    assert nets("Take[LinearLayer[2], 1]").startswith("Take[")


def test_names_after_surgery(nets):
    keys = "Keys[NetExtract[%s, All]]"
    assert nets(keys % 'NetAppend[n, "t" -> Tanh]') == '{"a", "b", "c", "t"}'
    assert nets(keys % 'NetInsert[n, "s" -> Sin, "b"]') == '{"a", "s", "b", "c"}'
    assert nets(keys % 'NetDelete[n, {"a", "c"}]') == '{"b"}'
    assert nets(keys % 'NetRename[n, {"a" -> "x", "c" -> "z"}]') == '{"x", "b", "z"}'
    assert nets(keys % 'NetRename[n, StringJoin["L", #] &]') == '{"La", "Lb", "Lc"}'
    assert nets('Length[NetExtract[NetRename[NetChain[{n}], ToUpperCase, {2}], All]]') == "1"
    assert nets('Keys[NetExtract[NetExtract[NetRename[NetChain[{n}], ToUpperCase, {2}], 1], '
                'All]]') == '{"A", "B", "C"}'
    assert nets(keys % 'NetFlatten[NetChain[<|"in" -> n, "t" -> Tanh|>]]') == \
        '{"in/a", "in/b", "in/c", "t"}'


def test_values_survive_surgery(wl):
    wl("SeedRandom[4]; c = NetInitialize[" + CHAIN.split("= ", 1)[1] + "]")
    assert wl("NetTake[c, {3, 5}][NetTake[c, 2][{1., 2.}]] == c[{1., 2.}]") == "True"
    assert wl("NetFlatten[NetChain[{NetTake[c, 2], NetDrop[c, 2]}]][{1., 2.}] == c[{1., 2.}]") \
        == "True"
    assert wl("NetReplace[c, _ElementwiseLayer -> Nothing][{1., 2.}] == "
              "NetDelete[c, {2, 4}][{1., 2.}]") == "True"
    wl("r = NetReplace[c, ElementwiseLayer[Ramp] :> ElementwiseLayer[LogisticSigmoid]]")
    assert wl("NetExtract[r, {2, \"Function\"}]") != "Ramp"
    assert wl("NetExtract[r, {3, \"Weights\"}] == NetExtract[c, {3, \"Weights\"}]") == "True"


def test_pattern_rules_bind(wl):
    wl("c = NetChain[{LinearLayer[3], LinearLayer[2]}, \"Input\" -> 2]")
    out = wl("InputForm[NetReplace[c, l_LinearLayer :> NetChain[{l, Tanh}]]]")
    assert out.count("ElementwiseLayer[Tanh") == 2 and out.count("LinearLayer[") == 2


def test_multipliers_follow_layers(wl):
    wl('c = NetChain[{LinearLayer[3, LearningRateMultipliers -> 0.5], Ramp, '
       'LinearLayer[2, LearningRateMultipliers -> 0]}, "Input" -> 2]')
    rates = 'NetInformation[%s, "ArraysLearningRateMultipliers"]'
    assert wl(rates % "NetDrop[c, 1]") == "<|{2, \"Biases\"} -> 0., {2, \"Weights\"} -> 0.|>"
    assert "{4, \"Weights\"} -> 3." in wl(rates % "NetAppend[c, LinearLayer[4, "
                                                   "LearningRateMultipliers -> 3]]")
    assert "{1, \"Weights\"} -> 0.5" in wl(rates % "NetFlatten[NetChain[{c, Tanh}]]")
    assert "{1, \"Weights\"} -> 0.5" in wl(rates % "NetAppend[LinearLayer[3, \"Input\" -> 2, "
                                                   "LearningRateMultipliers -> 0.5], Tanh]")


def test_muted_outputs_round_trip(wl, tmp_path):
    wl(GRAPH)
    wl("d = NetDelete[g, NetPort[\"B\"]]")
    assert wl("d[{1, 2}]") == "{1., 4.}"
    assert wl("ToExpression[ToString[InputForm[d]]][{1, 2}]") == "{1., 4.}"
    path = (tmp_path / "d.wlnet").as_posix()
    wl(f'Export["{path}", d]')
    assert wl(f'Import["{path}"][{{1, 2}}]') == "{1., 4.}"
    assert wl('NetGraph[{Tanh}, {NetPort["Input"] -> None}]') == "$Failed"


@pytest.mark.parametrize("code, result", [
    ("Insert[{a, b, c}, x, 2]", "{a, x, b, c}"),
    ("Insert[{a, b, c}, x, -1]", "{a, b, c, x}"),
    ("Insert[{{a}, {b}}, x, {2, 1}]", "{{a}, {x, b}}"),
    ("Insert[{a, b, c}, x, {{1}, {3}}]", "{x, a, b, x, c}"),
    ("Insert[{1, 2}, 3, 3]", "{1, 2, 3}"),
    ("Delete[{a, b, c}, 2]", "{a, c}"),
    ("Delete[{a, b, c}, -1]", "{a, b}"),
    ("Delete[{{a, b}, {c}}, {1, 2}]", "{{a}, {c}}"),
    ("Delete[{a, b, c, d}, {{1}, {3}}]", "{b, d}"),
    ("Delete[f[a, b], 1]", "f[b]"),
])
def test_insert_delete_lists(wl, code, result):
    assert wl(code) == result


def test_insert_delete_messages(wl):
    assert wl.messages("Insert[{a}, x, 5]") == ["Insert::ins"]
    assert wl.messages("Delete[{a}, 3]") == ["Delete::partw"]
    assert wl.messages("Delete[{a}, x]") == ["Delete::psl"]
    assert wl("Delete[{a}, 3]") == "Delete[{a}, 3]"


def test_coders_on_ports_go_along(wl):
    wl('SeedRandom[2]; c = NetInitialize[NetChain[{LinearLayer[2], SoftmaxLayer[]}, '
       '"Input" -> NetEncoder[{"Class", {"a", "b", "c"}, "UnitVector"}], '
       '"Output" -> NetDecoder[{"Class", {"x", "y"}}]]]')
    assert wl('NetDrop[c, -1]["b"] == NetTake[c, 1]["b"]') == "True"     # encoded, numbers
    assert wl('Length[NetDrop[c, -1]["b"]]') == "2"
    assert wl('NetAppend[NetDrop[c, -1], SoftmaxLayer[]]["b", None] == c["b", None]') == "True"
    assert wl('NetAppend[NetDrop[c, -1], SoftmaxLayer[], "Output" -> NetExtract[c, "Output"]]'
              '["b"] == c["b"]') == "True"
    assert wl('NetExtract[NetAppend[c, SoftmaxLayer[]], "Input"] === NetExtract[c, "Input"]') \
        == "True"
    assert wl('NetExtract[NetRename[c, NetPort["Output"] -> NetPort["label"]], "label"] === '
              'NetExtract[c, "Output"]') == "True"
    # a port given after the specification takes the coder's place
    assert wl('InputForm[NetTake[c, 2, "Output" -> 2]]').count("NetDecoder") == 0
    assert wl('NetTake[c, 2, "Output" -> NetDecoder[{"Class", {"p", "q"}}]]["a"]') in \
        ('"p"', '"q"')
