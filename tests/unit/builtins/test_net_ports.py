"""net[x, NetPort[...]]: the values at ports inside a net, as Wolfram's NetPort page
shows them (builtins/nets/probes.py over nets/probes.py), checked against NetTake and
the net's own outputs."""
import pytest

CHAIN = ('SeedRandom[1]; net = NetInitialize@NetChain[{LinearLayer[3], Ramp, '
         'LinearLayer[2]}, "Input" -> 2]; x = {1., 2.};')
GRAPH = ('SeedRandom[2]; g = NetInitialize@NetGraph[<|"a" -> LinearLayer[2], '
         '"b" -> NetChain[{LinearLayer[2], Tanh}], "c" -> TotalLayer[]|>, '
         '{NetPort["Input"] -> "a" -> "b", {"b", "a"} -> "c"}, "Input" -> 2]; x = {1., -2.};')


@pytest.mark.parametrize("spec", ['NetPort[{2, "Output"}]', 'NetPort[2, "Output"]',
                                  "NetPort[2]", "NetPort[{2}]"])
def test_a_layer_output_is_what_the_chain_up_to_it_gives(wl, spec):
    wl(CHAIN)
    assert wl(f"net[x, {spec}] == NetTake[net, 2][x]") == "True"
    assert wl(f"net[{{x, 2 x}}, {spec}] == NetTake[net, 2][{{x, 2 x}}]") == "True"


def test_several_ports_and_all_give_associations(wl):
    wl(CHAIN)
    assert wl("Keys[net[x, {NetPort[1], NetPort[{3, \"Output\"}]}]]") == \
        '{NetPort[1], NetPort[{3, "Output"}]}'
    assert wl("Keys[net[x, NetPort[All]]]") == \
        '{NetPort[{1, "Output"}], NetPort[{2, "Output"}], NetPort[{3, "Output"}]}'
    assert wl('net[x, NetPort[All]][NetPort[{3, "Output"}]] == net[x]') == "True"
    assert wl('net[x, NetPort["Output"]] == net[x]') == "True"
    assert wl("Min[Abs[net[x]]] > 0") == "True"     # Ramp let something through


def test_ports_inside_nested_nets(wl):
    wl(GRAPH)
    assert wl('g[x, NetPort[{"b", 2}]] == g[x, NetPort["b"]]') == "True"
    assert wl('Max[Abs[g[x, NetPort["b"]] - Tanh[g[x, NetPort[{"b", 1, "Output"}]]]]] '
              '< 10^-6') == "True"
    assert wl('Max[Abs[g[x, NetPort["b"]] + g[x, NetPort["a"]] - g[x]]] < 10^-6') == "True"
    assert wl('Keys[g[x, NetPort[All]]]') == \
        '{NetPort[{"a", "Output"}], NetPort[{"b", "Output"}], NetPort[{"c", "Output"}]}'


def test_final_states_of_recurrent_layers(wl):
    wl('SeedRandom[3]; r = NetInitialize@NetChain[{LongShortTermMemoryLayer[2], '
       'SequenceLastLayer[]}, "Input" -> {4, 3}]; s = RandomReal[1, {4, 3}];')
    assert wl('r[s, NetPort[{1, "State"}]] == r[s]') == "True"
    assert wl('Keys[r[s, NetPort[All, "States"]]]') == '{{1, "State"}, {1, "CellState"}}'
    assert wl('r[s, NetPort[All, "States"]][{1, "State"}] == r[s]') == "True"
    assert wl('NetInitialize[NetChain[{2}, "Input" -> 2]][{1., 2.}, '
              'NetPort[All, "States"]]') == "<||>"


@pytest.mark.parametrize("code, text", [
    ('net[x, NetPort[{1, "Input"}]]', '"Input" is an input of the layer 1'),
    ('net[x, NetPort[{4}]]', "4 is not a layer of the net"),
    ('g[x, NetPort[{"b", "x"}]]', 'has no output port "x"'),
    ('g[x, NetPort[{1, "Output"}]]', "cannot name a node of a NetGraph"),
    ('NetInitialize[NetMapOperator[LinearLayer[2], "Input" -> {3, 2}]][{{1., 2.}, {3., 4.}, '
     '{5., 6.}}, NetPort[{"Net", "Output"}]]', "is not a layer of the net"),
])
def test_ports_that_hold_no_value_are_refused_with_a_reason(wl, code, text):
    wl(CHAIN + GRAPH)
    out = wl.output(code)
    assert wl(code) == "$Failed" and text in str(out.messages[0].args[0].value)
