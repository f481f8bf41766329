"""NetInformation / Information properties and the net summary text."""

import pytest

from wlnet.kernel.builtin import PROPERTY_NAMES

CHAIN = 'c = NetChain[<|"a" -> LinearLayer[3, "Input" -> 2], "b" -> Ramp, "c" -> LinearLayer[1, "Biases" -> None]|>]'


@pytest.fixture
def chain(wl):
    wl(CHAIN)
    return wl


@pytest.mark.parametrize("prop, expected", [
    ("ArraysCount", "3"),
    ("ArraysTotalElementCount", "12"),
    ("ArraysPositionList", '{{"a", "Biases"}, {"a", "Weights"}, {"c", "Weights"}}'),
    ("ArraysDimensions", '<|{"a", "Biases"} -> {3}, {"a", "Weights"} -> {3, 2}, '
                         '{"c", "Weights"} -> {1, 3}|>'),
    ("ArraysElementCounts", '<|{"a", "Biases"} -> 3, {"a", "Weights"} -> 6, '
                            '{"c", "Weights"} -> 3|>'),
    ("Arrays", '<|{"a", "Biases"} -> Automatic, {"a", "Weights"} -> Automatic, '
               '{"c", "Weights"} -> Automatic|>'),
    ("LayersCount", "3"),
    ("LayerTypeCounts", "<|LinearLayer -> 2, ElementwiseLayer -> 1|>"),
    ("InputPorts", '<|"Input" -> 2|>'),
    ("OutputPorts", '<|"Output" -> 1|>'),
    ("InputPortNames", '{"Input"}'),
    ("OutputPortNames", '{"Output"}'),
    ("ArraysLearningRateMultipliers",
     '<|{"a", "Biases"} -> 1., {"a", "Weights"} -> 1., {"c", "Weights"} -> 1.|>'),
])
def test_properties(chain, prop, expected):
    assert chain(f'NetInformation[c, "{prop}"]') == expected
    assert chain(f'Information[c, "{prop}"]') == expected


def test_layers_are_keyed_by_path(chain):
    layers = chain.value('NetInformation[c, "Layers"]')
    assert [chain_key.args[0] for chain_key in layers.args] == \
        [chain.value('{"a"}'), chain.value('{"b"}'), chain.value('{"c"}')]
    assert len(chain.value('NetInformation[c, "LayersList"]').args) == 3


def test_several_properties_and_properties_list(chain):
    assert chain('NetInformation[c, {"LayersCount", "ArraysCount"}]') == "{3, 3}"
    props = chain.value('NetInformation[c, "Properties"]')
    names = [p.value for p in props.args]
    assert "Arrays" in names and names == sorted(names)
    assert set(names) <= PROPERTY_NAMES


def test_initialised_arrays_are_packed_lists(chain):
    chain("c = NetInitialize[c];")
    arrays = chain.value('NetInformation[c, "Arrays"]')
    assert [r.args[1].array.shape for r in arrays.args] == [(3,), (3, 2), (1, 3)]


def test_summary_text(chain):
    text = chain.value("NetInformation[c]").value
    assert text.splitlines()[0] == "NetChain (not initialized)"
    assert "arrays:  3 (12 elements, 48 bytes)" in text
    assert chain.value("Information[c]").value == text


def test_fold_layers_and_states(wl):
    wl('core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2]|>, '
       '{{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2"}]')
    wl("fold = NetFoldOperator[core]")
    assert wl('NetInformation[fold, "InputPorts"]') == '<|"Input" -> {"Varying", 2}|>'
    assert wl('NetInformation[fold, "ArraysPositionList"]') == \
        '{{"Net", "l2", "Biases"}, {"Net", "l2", "Weights"}}'
    assert "states:  State (2)" in wl.value("NetInformation[fold]").value


def test_summary_text_names_the_coders_on_ports(wl):
    wl('c = NetChain[{EmbeddingLayer[3], LongShortTermMemoryLayer[4], SequenceLastLayer[], '
       'LinearLayer[2], SoftmaxLayer[]}, "Input" -> NetEncoder[{"Characters", "ab"}], '
       '"Output" -> NetDecoder[{"Class", {"x", "y"}}]]')
    text = wl.value("NetInformation[c]").value
    assert 'inputs:  Input (string, NetEncoder[{"Characters", \u2026}])' in text
    assert 'outputs: Output (class, NetDecoder[{"Class", \u2026}])' in text
