"""Subdivide (reference.wolfram.com/language/ref/Subdivide): exact for exact bounds,
machine reals for reals, symbolic bounds as Wolfram prints them."""

import pytest

from wlnet.expr import PackedArray


@pytest.mark.parametrize("code, expected", [
    ("Subdivide[10]", "{0, 1/10, 1/5, 3/10, 2/5, 1/2, 3/5, 7/10, 4/5, 9/10, 1}"),
    ("Subdivide[10, 5]", "{0, 2, 4, 6, 8, 10}"),
    ("Subdivide[-1., 1, 8]", "{-1., -0.75, -0.5, -0.25, 0., 0.25, 0.5, 0.75, 1.}"),
    ("Subdivide[a, b, 6]",
     "{a, (5*a)/6 + b/6, (2*a)/3 + b/3, a/2 + b/2, a/3 + (2*b)/3, a/6 + (5*b)/6, b}"),
    ("Subdivide[E, Pi, 2]", "{E, E/2 + Pi/2, Pi}"),
    ("Subdivide[1/2, 3]", "{0, 1/6, 1/3, 1/2}"),
    ("Subdivide[2, 4, 1]", "{2, 4}"),
    ("Subdivide[1, 3, 4] == Range[1, 3, 1/2]", "True"),
])
def test_reference_examples(wl, code, expected):
    assert wl(code) == expected


def test_reals_are_packed(wl):
    assert isinstance(wl.value("Subdivide[0., 1., 4]"), PackedArray)


@pytest.mark.parametrize("code, message", [
    ("Subdivide[0]", "Subdivide::intp"),
    ("Subdivide[1, 2.5]", "Subdivide::intp"),
    ("Subdivide[0, 1, n]", "Subdivide::intp"),
    ("Subdivide[1, 2, 3, 4]", "Subdivide::argb"),
])
def test_bad_arguments(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl(code) == code
