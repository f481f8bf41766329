"""AssociationMap and MovingAverage (reference.wolfram.com/language/ref/AssociationMap,
MovingAverage)."""

import pytest

from wlnet.expr import PackedArray


@pytest.mark.parametrize("code, expected", [
    ("AssociationMap[f, {a, b, c}]", "<|a -> f[a], b -> f[b], c -> f[c]|>"),
    ("AssociationMap[StringLength, {\"cat\", \"horse\"}]", "<|\"cat\" -> 3, \"horse\" -> 5|>"),
    ("AssociationMap[Reverse, <|a -> 1, b -> 2|>]", "<|1 -> a, 2 -> b|>"),
    ("AssociationMap[f][{1, 2}]", "<|1 -> f[1], 2 -> f[2]|>"),
    ("AssociationMap[#^2 &, Range[3]]", "<|1 -> 1, 2 -> 4, 3 -> 9|>"),
    ("AssociationMap[Identity, {1, 1, 2}]", "<|1 -> 1, 2 -> 2|>"),
])
def test_association_map(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, message", [
    ("AssociationMap[f, <|a -> 1|>]", "AssociationMap::invrl"),
    ("AssociationMap[f, x]", "AssociationMap::list"),
    ("AssociationMap[f, {1}, 2]", "AssociationMap::argt"),
])
def test_association_map_bad_arguments(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl(code) == code


@pytest.mark.parametrize("code, expected", [
    ("MovingAverage[{a, b, c, d, e}, 2]", "{(a + b)/2, (b + c)/2, (c + d)/2, (d + e)/2}"),
    ("MovingAverage[{a, b, c}, {w1, w2}]", "{(a*w1 + b*w2)/(w1 + w2), (b*w1 + c*w2)/(w1 + w2)}"),
    ("MovingAverage[{1, 2, 3, 4}, 2]", "{3/2, 5/2, 7/2}"),
    ("MovingAverage[{1., 2., 3., 4.}, 3]", "{2., 3.}"),
    ("MovingAverage[{{1, 2}, {3, 4}, {5, 7}}, 2]", "{{2, 3}, {4, 11/2}}"),
    ("MovingAverage[{{1., 2.}, {3., 4.}, {5., 7.}}, 2]", "{{2., 3.}, {4., 5.5}}"),
    ("MovingAverage[{1., 2., 3., 4.}, {1., 3.}]", "{1.75, 2.75, 3.75}"),
    ("MovingAverage[{1, 2, 3, 4}, {1, 2, 3}]", "{7/3, 10/3}"),
    ("MovingAverage[Range[10], 10]", "{11/2}"),
    ("MovingAverage[{1, 2, 3}, 2] == MovingAverage[{1, 2, 3}, {1, 1}]", "True"),
])
def test_moving_average(wl, code, expected):
    assert wl(code) == expected


def test_moving_average_of_reals_is_packed(wl):
    assert isinstance(wl.value("MovingAverage[N[Range[100]], 5]"), PackedArray)
    assert wl("Length[MovingAverage[N[Range[100]], 5]]") == "96"


@pytest.mark.parametrize("code, message", [
    ("MovingAverage[{1, 2}, 3]", "MovingAverage::arg2"),
    ("MovingAverage[{1, 2}, 0]", "MovingAverage::arg2"),
    ("MovingAverage[{1, 2}, x]", "MovingAverage::arg2"),
    ("MovingAverage[x, 2]", "MovingAverage::list"),
    ("MovingAverage[{1, 2}]", "MovingAverage::argr"),
])
def test_moving_average_bad_arguments(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl(code) == code


@pytest.mark.parametrize("spec", ["2", "3", "{1, 2}", "{1, 2, 3}", "{2., 1.}"])
def test_moving_average_packed_and_general_paths_agree(wl, spec):
    """The NumPy path (packed integers, exact) gives what the general one (y unpacks)
    does, on vectors and matrices."""
    assert wl(f"MovingAverage[Range[7], {spec}]") == \
        wl(f"MovingAverage[Append[Range[6], y], {spec}] /. y -> 7")
    assert wl(f"MovingAverage[Partition[Range[8], 2], {spec}]") == \
        wl(f"MovingAverage[Append[Partition[Range[6], 2], {{7, y}}], {spec}] /. y -> 8")
