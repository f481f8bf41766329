"""PadLeft and PadRight (reference.wolfram.com/language/ref/PadLeft, PadRight): zeros, an
element, cyclic padding lists, margins, several levels, ragged arrays; packed arrays stay
packed."""

import pytest

from wlnet.expr import PackedArray


@pytest.mark.parametrize("code, expected", [
    ("PadLeft[{a, b, c}, 10]", "{0, 0, 0, 0, 0, 0, 0, a, b, c}"),
    ("PadLeft[{a, b, c}, 10, x]", "{x, x, x, x, x, x, x, a, b, c}"),
    ("PadLeft[{a, b, c}, 10, {x, y, z}]", "{z, x, y, z, x, y, z, a, b, c}"),
    ("PadLeft[{a, b, c}, 10, {x, y, z}, 2]", "{y, z, x, y, z, a, b, c, x, y}"),
    ("PadLeft[{{a, b}, {c}}, {3, 5}]",
     "{{0, 0, 0, 0, 0}, {0, 0, 0, a, b}, {0, 0, 0, 0, c}}"),
    ("PadLeft[{{a, b}, {c}}]", "{{a, b}, {0, c}}"),
    ("PadLeft[{a, b, c}, -5]", "{a, b, c, 0, 0}"),
    ("PadLeft[{1, 2, 3, 4, 5}, 3]", "{3, 4, 5}"),
    ("PadLeft[{1, 2, 3, 4, 5}, 7, x, -1]", "{x, x, x, 1, 2, 3, 4}"),
    ("PadLeft[{{a, b}, {c}}, {4, 4}, x, {1, 1}]",
     "{{x, x, x, x}, {x, a, b, x}, {x, x, c, x}, {x, x, x, x}}"),
    ("PadLeft[f[a, b], 4]", "f[0, 0, a, b]"),
    ("PadLeft[{1}, 5, {{x}}]", "{{x}, {x}, {x}, {x}, 1}"),
    ("PadLeft[{a, b}, 4, {}]", "{a, b}"),
    ("PadRight[{a, b, c}, 10]", "{a, b, c, 0, 0, 0, 0, 0, 0, 0}"),
    ("PadRight[{a, b, c}, 10, x]", "{a, b, c, x, x, x, x, x, x, x}"),
    ("PadRight[{a, b, c}, 10, {x, y, z}]", "{a, b, c, x, y, z, x, y, z, x}"),
    ("PadRight[{a, b, c}, 10, {x, y, z}, 2]", "{y, z, a, b, c, x, y, z, x, y}"),
    ("PadRight[{{a, b}, {c}}, {3, 4}]", "{{a, b, 0, 0}, {c, 0, 0, 0}, {0, 0, 0, 0}}"),
    ("PadRight[{{a, b}, {c}}]", "{{a, b}, {c, 0}}"),
    ("PadRight[{{a, b}, {c}}, Automatic, x]", "{{a, b}, {c, x}}"),
    ("PadRight[{a, b, c}, -5]", "{0, 0, a, b, c}"),
    ("PadRight[{}, 7, {x, y, z}]", "{x, y, z, x, y, z, x}"),
    ("PadRight[{{1}}, {2, 3}, {{a, b}, {c, d}}]", "{{1, b, a}, {c, d, c}}"),
    ("PadRight[{1., 2.}, 4]", "{1., 2., 0, 0}"),
    ("PadRight[{{1, 2}, {3, 4}}, {3, 3}, 9]", "{{1, 2, 9}, {3, 4, 9}, {9, 9, 9}}"),
    ("PadLeft[{{1, 2}, {3, 4}}, {3, 3}, 9, {0, 1}]", "{{9, 9, 9}, {1, 2, 9}, {3, 4, 9}}"),
])
def test_reference_examples(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code", ["PadRight[{1, 2, 3}, 5]", "PadLeft[{1., 2.}, 4, 0.]",
                                  "PadRight[{{1, 2}, {3, 4}}, {3, 3}, 9]",
                                  "PadLeft[Range[5], 3]"])
def test_packed_arrays_stay_packed(wl, code):
    assert isinstance(wl.value(code), PackedArray)


def test_packed_and_general_paths_agree(wl):
    """The NumPy path (a packed matrix) gives what the general one (y unpacks it) does."""
    wl("m = {{1, 2, 3}, {4, 5, 6}}; g = {{1, 2, 3}, {4, 5, y}}")
    for name in ("PadLeft", "PadRight"):
        for spec in ("{4, 5}", "{1, 2}", "{-4, 5}", "{4, 5}, 7, {1, 2}", "{3, 4}, 0, {-1, 2}"):
            assert wl(f"{name}[m, {spec}]") == wl(f"{name}[g, {spec}] /. y -> 6")


@pytest.mark.parametrize("code, message", [
    ("PadRight[x, 3]", "PadRight::normal"),
    ("PadLeft[{1}, a]", "PadLeft::ilsmn"),
    ("PadLeft[{1}, 3, 0, a]", "PadLeft::ilsmn"),
    ("PadRight[{{1}}, {2, 2}, {a, b}]", "PadRight::padlist"),
    ("PadRight[]", "PadRight::argb"),
    ("PadRight[Range[3], 10^9]", "General::mem"),
    ("PadLeft[{a}, {10^5, 10^5}]", "General::mem"),
])
def test_bad_arguments(wl, code, message):
    assert wl.messages(code) == [message]
    if message != "General::mem":        # too big: the evaluation is aborted
        assert wl(code) == code


# -- RotateLeft and RotateRight -------------------------------------------------------------

@pytest.mark.parametrize("code, expected", [
    ("RotateLeft[{a, b, c, d, e}, 2]", "{c, d, e, a, b}"),
    ("RotateLeft[{a, b, c}]", "{b, c, a}"),
    ("RotateLeft[{a, b, c, d, e}, -1]", "{e, a, b, c, d}"),
    ("RotateLeft[Range[5], 7]", "{3, 4, 5, 1, 2}"),
    ("RotateLeft[{{a, b, c}, {d, e, f}, {g, h, i}}, {1, 2}]",
     "{{f, d, e}, {i, g, h}, {c, a, b}}"),
    ("RotateRight[{a, b, c, d, e}, 2]", "{d, e, a, b, c}"),
    ("RotateRight[{a, b, c}]", "{c, a, b}"),
    ("RotateRight[{{a, b, c}, {d, e, f}, {g, h, i}}, {1, 2}]",
     "{{h, i, g}, {b, c, a}, {e, f, d}}"),
    ("RotateRight[{{1, 2, 3}, {4, 5, 6}}, {1, 1}]", "{{6, 4, 5}, {3, 1, 2}}"),
    ("RotateRight[f[a, b, c]]", "f[c, a, b]"),
    ("RotateLeft[<|a -> 1, b -> 2, c -> 3|>]", "<|b -> 2, c -> 3, a -> 1|>"),
    ("RotateRight[{}]", "{}"),
])
def test_rotate_reference_examples(wl, code, expected):
    assert wl(code) == expected


def test_rotate_keeps_packed_arrays_packed(wl):
    assert isinstance(wl.value("RotateRight[Range[10], 3]"), PackedArray)
    assert isinstance(wl.value("RotateLeft[{{1., 2.}, {3., 4.}}, {1, 1}]"), PackedArray)


def test_rotate_bad_arguments(wl):
    assert wl.messages("RotateLeft[x]") == ["RotateLeft::normal"]
    assert wl.messages("RotateRight[{1}, 1, 2]") == ["RotateRight::argt"]


def test_attributes(wl):
    for name in ("PadLeft", "PadRight", "RotateLeft", "RotateRight"):
        assert wl(f"Attributes[{name}]") == "{Protected}"
