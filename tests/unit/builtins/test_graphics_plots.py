"""ListPlot, ListLinePlot and ListLogPlot: data forms and options read as Wolfram reads
them, the Graphics value they give (``-Graphics-`` on a terminal), and the pictures Export
writes from it."""

import struct
import sys

import numpy as np
import pytest

from wlnet.format.outputform import output_form


def plot(wl, code):
    value = wl.value(code)
    assert value.head.name == "Graphics", code
    return value.payload


def test_a_list_of_numbers_is_plotted_at_one_two_three(wl):
    p = plot(wl, "ListPlot[{3, 1, 2}]")
    [s] = p.series
    assert s.x.tolist() == [1, 2, 3] and s.y.tolist() == [3, 1, 2] and not s.joined


def test_pairs_packed_arrays_and_several_datasets(wl):
    [s] = plot(wl, "ListLinePlot[{{0, 1}, {2, 5}, {3, 4}}]").series
    assert s.x.tolist() == [0, 2, 3] and s.y.tolist() == [1, 5, 4] and s.joined
    [s] = plot(wl, "ListPlot[N[Range[4]]^2]").series
    assert s.y.tolist() == [1, 4, 9, 16]
    a, b = plot(wl, "ListPlot[{{1, 2, 3}, {{1, 5}, {2, 6}}}]").series
    assert a.y.tolist() == [1, 2, 3] and b.x.tolist() == [1, 2]
    assert len(plot(wl, "ListPlot[{{1, 2, 3}, {4, 5, 6}}]").series) == 2


def test_entries_that_are_not_numbers_are_left_out(wl):
    [s] = plot(wl, "ListPlot[{1, Missing[], 3, x}]").series
    assert s.x.tolist() == [1, 3] and s.y.tolist() == [1, 3]


def test_options(wl):
    p = plot(wl, 'ListPlot[{1, 2}, PlotRange -> {0, 5}, PlotLabel -> "loss", '
                 'AxesLabel -> {"round", x^2}, Joined -> True]')
    assert p.y_range == (0, 5) and p.x_range is None and p.label == "loss"
    assert p.axes_label == ("round", "x^2") and p.series[0].joined
    assert plot(wl, "ListPlot[{1, 2}, PlotRange -> 3]").y_range == (0, 3)
    p = plot(wl, "ListPlot[{1, 2}, PlotRange -> {{0, 4}, {Automatic, 9}}]")
    assert p.x_range == (0, 4) and p.y_range == (None, 9)
    p = plot(wl, 'ListPlot[{{1, 2}, {3, 4, 5}}, PlotLegends -> {"a", "b"}]')
    assert [s.label for s in p.series] == ["a", "b"] and p.legend
    p = plot(wl, "ListLinePlot[{{1, 2, 3}, {3, 4, 5}}, Joined -> {True, False}]")
    assert [s.joined for s in p.series] == [True, False]
    assert plot(wl, "ListLogPlot[{1, 10, 100}]").log_y


@pytest.mark.parametrize("code, message", [
    ("ListPlot[5]", "ListPlot::lpn"),
    ("ListPlot[{{1, 2}, x}]", "ListPlot::lpn"),
    ("ListLogPlot[{1, 2}, PlotRange -> foo]", "ListLogPlot::prng"),
    ("ListPlot[{1, 2}, PlotRange -> {3, 1}]", "ListPlot::prng"),
    ("ListPlot[{1, 2}, ImageSize -> -4]", "ListPlot::imgsz"),
    ("ListPlot[{1, 2}, Colour -> Red]", "ListPlot::optx"),
    ("ListPlot[]", "ListPlot::argx"),
])
def test_bad_input_says_why_and_stays_unevaluated(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl.value(code).head.name != "Graphics"


def test_a_plot_prints_as_graphics_on_a_terminal(wl):
    assert output_form(wl.value("ListPlot[{1, 2}]")) == "-Graphics-"
    assert wl("Head[ListLinePlot[{1, 2}]]") == "Graphics"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_export_writes_png_svg_and_pdf(wl, tmp_path):
    pytest.importorskip("matplotlib")
    wl('p = ListLinePlot[{{1, 4, 2}, {2, 3, 1}}, PlotLabel -> "Loss curve", '
       'AxesLabel -> {"step", "value"}, PlotLegends -> {"train", "test"}];')
    for ext in ("png", "svg", "pdf"):
        assert wl.messages(f'Export["{tmp_path / ("p." + ext)}", p]') == []
    assert png_size((tmp_path / "p.png").read_bytes()) == (480, 297)
    svg = (tmp_path / "p.svg").read_text()
    assert all(text in svg for text in ("Loss curve", "step", "value", "train", "test"))
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    wl('Export["{}", ListPlot[{{1, 2}}, ImageSize -> 200]]'.format(tmp_path / "s.png"))
    assert png_size((tmp_path / "s.png").read_bytes()) == (200, 124)


def test_export_of_graphics_as_data_is_refused(wl, tmp_path):
    assert wl.messages(f'Export["{tmp_path / "p.csv"}", ListPlot[{{1, 2}}]]') == \
        ["Export::type"]


def test_a_log_plot_leaves_out_values_it_cannot_show(wl, tmp_path):
    pytest.importorskip("matplotlib")
    assert wl.messages(f'Export["{tmp_path / "l.svg"}", ListLogPlot[{{0, -1, 1, 10}}]]') == []


def test_without_the_plot_extra_export_says_what_is_missing(wl, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out = wl.output(f'Export["{tmp_path / "p.png"}", ListPlot[{{1, 2}}]]')
    assert [m.name for m in out.messages] == ["Export::noplot"]
    assert not (tmp_path / "p.png").exists()
    assert np.isfinite(plot(wl, "ListPlot[{1, 2}]").series[0].y).all()   # plotting still works
