"""A layer or net function wlnet lacks (ResizeLayer, a Wolfram one) or that exists
nowhere (NetFoo) gets a message in every place a net is expected: as a node of NetChain
and NetGraph, given to NetInitialize, NetTrain and NetExtract, and applied to data."""
import pytest

UNKNOWN = {"ResizeLayer[{2, 2}]": "wlnetni", "NetFoo[2]": None}
PLACES = {
    "NetChain[{LinearLayer[3], %s}]": ("NetChain", "$Failed"),
    "NetGraph[{%s}, {}]": ("NetGraph", "$Failed"),
    "NetGraph[<|\"a\" -> %s|>, {}]": ("NetGraph", "$Failed"),
    "NetInitialize[%s]": ("NetInitialize", None),
    "NetTrain[%s, {1 -> 2}]": ("NetTrain", "$Failed"),
    "NetExtract[%s, \"Weights\"]": ("NetExtract", None),
}


@pytest.mark.parametrize("unknown", UNKNOWN)
@pytest.mark.parametrize("place", PLACES)
def test_every_place_that_takes_a_net_says_what_is_wrong(wl, unknown, place):
    wl("Null")
    symbol, result = PLACES[place]
    names = wl.messages(place % unknown)
    own = [n for n in names if n.startswith(symbol + "::")]
    assert len(own) == 1, names
    if UNKNOWN[unknown]:        # a Wolfram layer: said to be one wlnet does not implement
        assert own[0] == f"{symbol}::{UNKNOWN[unknown]}"
    if result is not None:
        assert wl(place % unknown) == result


@pytest.mark.parametrize("unknown, tag", [("ResizeLayer[{2, 2}]", "General::wlnetni"),
                                          ("NetFoo[2]", "General::wlnetnn"),
                                          ("FooLayer[]", "General::wlnetnn")])
def test_applying_one_to_data_says_so_and_stays_unevaluated(wl, unknown, tag):
    assert wl.messages(f"{unknown}[{{1, 2}}]") == [tag]
    assert wl(f"{unknown}[{{1, 2}}]") == f"{unknown}[{{1, 2}}]"


def test_a_users_own_layer_function_is_not_reported(wl):
    wl("MyLayer[n_] := NetInitialize[LinearLayer[n, \"Input\" -> 2]]")
    assert wl.messages("MyLayer[3][{1, 2}]") == []
