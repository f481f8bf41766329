"""NumericArray: types, inference, the conversion methods, messages, printing, list
functions on it, equality, files, and nets taking and giving NumericArrays."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wlnet.builtins.structure.numericarray import (INTEGER_ORDER, TYPES, _Unconvertible,
                                                   convert, inferred_type)
from wlnet.expr import NumericArray
from wlnet.format.inputform import input_form, script_form
from wlnet.format.outputform import output_form


@pytest.mark.parametrize("values, expected", [
    ([1, 2, 255], "UnsignedInteger8"), ([-1, 127], "Integer8"), ([300], "UnsignedInteger16"),
    ([-300, 5], "Integer16"), ([2 ** 20], "UnsignedInteger32"), ([-2 ** 20], "Integer32"),
    ([2 ** 40], "UnsignedInteger64"), ([-2 ** 40], "Integer64"), ([1.5, 2], "Real64"),
])
def test_inferred_type(values, expected):
    assert inferred_type(np.array(values)) == expected


@pytest.mark.parametrize("values, type_name, method, expected", [
    ([-5, 100, 300], "UnsignedInteger8", "ClipAndRound", [0, 100, 255]),
    ([-1.5, 0.5, 2.5, 2.6], "Integer8", "ClipAndRound", [-2, 0, 2, 3]),
    ([-1.7, 2.6], "Integer8", "Coerce", [-1, 2]),
    ([300], "UnsignedInteger8", "Coerce", [44]),
    ([-200, 200], "Integer8", "ClipAndCoerce", [-128, 127]),
    ([2.4], "Integer8", "Round", [2]),
    ([2.0, 3], "Integer8", "Check", [2, 3]),
    ([1e300], "Real32", "ClipAndRound", [np.finfo(np.float32).max]),
    ([0.1], "Real32", "Check", [np.float32(0.1)]),
])
def test_conversion_methods(values, type_name, method, expected):
    out = convert(np.array(values), type_name, method)
    assert out.dtype == TYPES[type_name] and out.tolist() == np.array(
        expected, dtype=TYPES[type_name]).tolist()


@pytest.mark.parametrize("values, type_name, method", [
    ([300], "Integer8", "Check"), ([1.5], "Integer8", "Check"),
    ([1.5], "Integer8", "ClipAndCheck"), ([300], "Integer8", "Round"),
    ([1e300], "Real32", "Check"), ([1e300], "Real32", "Round"),
])
def test_conversion_refused(values, type_name, method):
    with pytest.raises(_Unconvertible):
        convert(np.array(values), type_name, method)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-2 ** 40, 2 ** 40), min_size=1, max_size=8),
       st.sampled_from(INTEGER_ORDER))
def test_clip_and_round_is_numpy_clip(values, type_name):
    info = np.iinfo(TYPES[type_name])
    out = convert(np.array(values), type_name, "ClipAndRound")
    assert out.tolist() == np.clip(values, info.min, info.max).tolist()


def test_the_atom():
    a = NumericArray(np.array([[1, 2], [3, 4]], np.uint8), "UnsignedInteger8")
    b = NumericArray(np.array([[1, 2], [3, 4]], np.uint8), "UnsignedInteger8")
    assert a == b and hash(a) == hash(b) and not a.array.flags.writeable
    assert a != NumericArray(np.array([[1, 2], [3, 4]], np.int8), "Integer8")
    assert output_form(a) == script_form(a) == "NumericArray[<2,2>, UnsignedInteger8]"
    assert input_form(a) == 'NumericArray[{{1, 2}, {3, 4}}, "UnsignedInteger8"]'
    with pytest.raises(ValueError):
        NumericArray(np.array([1.0]), "Real32")
    big = NumericArray(np.array([2 ** 64 - 1], np.uint64), "UnsignedInteger64")
    assert input_form(big.normal()) == "{18446744073709551615}"


def test_language(wl):
    wl('a = NumericArray[{{1, 2, 3}, {4, 5, 6}}, "Integer16"]')
    assert wl("{Dimensions[a], ArrayDepth[a], Length[a], NumericArrayType[a]}") == \
        '{{2, 3}, 2, 2, "Integer16"}'
    assert wl("Normal[a]") == "{{1, 2, 3}, {4, 5, 6}}"
    assert wl("a[[2]]") == 'NumericArray[{4, 5, 6}, "Integer16"]'
    assert wl("a[[2, 3]]") == "6"
    assert wl("a[[0]]") == "NumericArray"
    assert wl("a[[All, 1]]") == 'NumericArray[{1, 4}, "Integer16"]'
    assert wl("Rest[a]") == 'NumericArray[{{4, 5, 6}}, "Integer16"]'
    assert wl("Drop[a, None, 1]") == 'NumericArray[{{2, 3}, {5, 6}}, "Integer16"]'
    assert wl("{AtomQ[a], NumericArrayQ[a], NumericArrayQ[a, \"Integer16\", 2], "
              "NumericArrayQ[a, _, 1], NumericArrayQ[{1}]}") == "{True, True, True, False, False}"
    assert wl("a == {{1, 2, 3}, {4, 5, 6}}") == "True"
    assert wl("{Total[a], Max[a], Min[a], Mean[a]}") == "{{5, 7, 9}, 6, 1, {5/2, 7/2, 9/2}}"
    assert wl("a === NumericArray[Normal[a], \"Integer16\"]") == "True"
    assert wl("NumericArray[a, \"Real32\"]") == \
        'NumericArray[{{1., 2., 3.}, {4., 5., 6.}}, "Real32"]'
    assert wl("NumericArray[a]") == wl("a")
    assert wl("a[[5]]") == 'NumericArray[{{1, 2, 3}, {4, 5, 6}}, "Integer16"][[5]]'
    assert wl.messages("a[[5]]") == ["Part::partw"]


@pytest.mark.parametrize("code, message", [
    ('NumericArray[{1000}, "Integer8", "Check"]', "NumericArray::nconvss"),
    ('NumericArray[{1, x}, "Real32"]', "NumericArray::nconvss"),
    ('NumericArray[{{1, 2}, {3}}, "Real32"]', "NumericArray::nconvss"),
    ('NumericArray[5, "Real32"]', "NumericArray::nconvss"),
    ('NumericArray[{1}, "Complex"]', "NumericArray::type"),
    ('NumericArray[{1}, "Real32", "Scale"]', "NumericArray::method"),
    ("NumericArray[{a}]", "NumericArray::nconvss"),
])
def test_messages_leave_it_unevaluated(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl(code).startswith("NumericArray[") and wl(f"NumericArrayQ[{code}]") == "False"


def test_files(wl, tmp_path):
    wl('a = NumericArray[{{0.1, 2.5}, {-3., 4.}}, "Real32"]')
    for name, back in [("a.wl", "True"), ("a.json", "False"), ("a.csv", "False")]:
        path = (tmp_path / name).as_posix()
        assert wl(f'Export["{path}", a]') == f'"{path}"'
        assert wl(f'Import["{path}"] === a') == back
    assert wl(f'Import["{(tmp_path / "a.csv").as_posix()}"] == Normal[a]') == "True"
    assert wl(f'Import["{(tmp_path / "a.json").as_posix()}"] == Normal[a]') == "True"


def test_nets_take_and_give_numeric_arrays(wl):
    wl('l = LinearLayer[2, "Weights" -> NumericArray[{{1, 2}, {3, 4}}, "Integer8"], '
       '"Biases" -> None]')
    assert wl('l[NumericArray[{1, 1}, "UnsignedInteger8"]]') == \
        'NumericArray[{3., 7.}, "Real32"]'
    assert wl('l[{NumericArray[{1, 0}, "Real64"], NumericArray[{0, 1}, "Real64"]}]') == \
        'NumericArray[{{1., 3.}, {2., 4.}}, "Real32"]'
    assert wl("l[{1, 1}]") == "{3., 7.}"
    assert wl('NetExtract[l, "Weights"]') == "{{1., 2.}, {3., 4.}}"
    assert wl('NetReplacePart[l, "Weights" -> NumericArray[{{0, 1}, {1, 0}}, "Real32"]]'
              '[{1, 2}]') == "{2., 1.}"
