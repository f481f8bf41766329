"""LossPlot: a Graphics value (``-Graphics-`` in the terminal) that Export draws as PNG, SVG
or PDF with the plot extra, and a message saying how to install it when it is missing."""

import sys

import pytest

from wlnet import Session

TRAIN = ('res = NetTrain[LinearLayer[1, "Input" -> 1], {{1} -> {2}, {2} -> {4}}, All, '
         'MaxTrainingRounds -> 20, TrainingProgressReporting -> None];')


@pytest.mark.parametrize("ext, magic", [("png", b"\x89PNG"), ("svg", b"<?xml"),
                                        ("pdf", b"%PDF")])
def test_export_loss_plot_writes_a_picture(tmp_path, ext, magic):
    pytest.importorskip("matplotlib")
    target = tmp_path / f"loss.{ext}"
    s = Session(seed=1)
    s.evaluate(TRAIN)
    [out] = s.evaluate(f'Export["{target}", res["LossPlot"]]')
    assert out.messages == [] and target.read_bytes().startswith(magic)


def test_export_without_matplotlib_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)   # import now fails
    s = Session(seed=1)
    s.evaluate(TRAIN)
    [out] = s.evaluate(f'Export["{tmp_path / "loss.png"}", res["LossPlot"]]')
    assert [m.name for m in out.messages] == ["Export::noplot"]
    assert out.messages[0].args[0].value == "matplotlib"
    assert out.result.name == "$Failed"


def test_loss_plot_shows_as_graphics_in_the_terminal():
    s = Session(seed=1)
    s.evaluate(TRAIN)
    [out] = s.evaluate('res["LossPlot"]')
    from wlnet.format.session_text import result_text
    assert result_text(out) == f"Out[{out.line}]= -Graphics-"
    plot = out.result.payload
    assert plot.log_y and len(plot.series[0].y) == 20
