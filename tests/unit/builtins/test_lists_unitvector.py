"""UnitVector (reference.wolfram.com/language/ref/UnitVector): exact by default, machine
reals with WorkingPrecision, nokun/intp for bad directions and dimensions."""

import pytest

from wlnet.expr import PackedArray


@pytest.mark.parametrize("code, expected", [
    ("UnitVector[2]", "{0, 1}"),
    ("UnitVector[3, 1]", "{1, 0, 0}"),
    ("UnitVector[3, 3]", "{0, 0, 1}"),
    ("Total[UnitVector[100, 7]]", "1"),
    ("Position[UnitVector[100, 7], 1]", "{{7}}"),
    ("UnitVector[2, 1, WorkingPrecision -> MachinePrecision]", "{1., 0.}"),
])
def test_reference_examples(wl, code, expected):
    assert wl(code) == expected


def test_result_is_packed(wl):
    assert isinstance(wl.value("UnitVector[5, 2]"), PackedArray)


@pytest.mark.parametrize("code, message", [
    ("UnitVector[3, 4]", "UnitVector::nokun"),
    ("UnitVector[3]", "UnitVector::nokun"),
    ("UnitVector[0, 1]", "UnitVector::intp"),
    ("UnitVector[x]", "UnitVector::intp"),
    ("UnitVector[2, 1.5]", "UnitVector::intp"),
    ("UnitVector[1, 2, 3]", "UnitVector::argt"),
    ("UnitVector[]", "UnitVector::argt"),
    ("UnitVector[2, 1, Foo -> 1]", "UnitVector::optx"),
])
def test_bad_arguments_say_so_and_stay_unevaluated(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl(code) == code


def test_attributes(wl):
    assert wl("Attributes[UnitVector]") == "{Protected}"
