"""ListPlot, ListLinePlot and ListLogPlot: data and options read into a
``wlnet.format.plots.Plot``, given back as a Graphics value.

Data forms, as in Wolfram: ``{y1, y2, ...}`` (x is 1, 2, ...), ``{{x1, y1}, ...}``, and a
list of such datasets (each gets the next colour). Entries that are not numbers (such as
``Missing[]``) are left out, as Wolfram leaves them out. ``PlotRange -> Automatic`` shows
all points (Wolfram drops far outliers; see docs/decisions.md).
"""

from __future__ import annotations

import math

import numpy as np

from ...expr import FALSE, TRUE, Expr, Integer, PackedArray, Rational, Real, S, String, Symbol
from ...format.inputform import input_form
from ...format.plots import WIDTH_PX, Plot, Series, loss_plot
from ...kernel.builtin import builtin
from .value import GraphicsValue

NONE = Symbol("None")
FULL = Symbol("Full")

MESSAGES = {
    "lpn": "`1` is not a list of numbers or of pairs of numbers.",
    "prng": "Value of option PlotRange -> `1` is not All, Full, Automatic, a positive "
            "number, or a list of ranges {min, max} or {{xmin, xmax}, {ymin, ymax}}.",
    "imgsz": "Value of option ImageSize -> `1` is not Automatic or a positive number of "
             "pixels.",
}


def _options(joined):
    return {"PlotRange": S.Automatic, "PlotLabel": NONE, "AxesLabel": NONE,
            "Joined": joined, "PlotLegends": NONE, "ImageSize": S.Automatic}


@builtin(argc=(1, 1), messages=MESSAGES, options=_options(FALSE),
         usage="ListPlot[{y1, y2, ...}] plots the points {1, y1}, {2, y2}, "
               "...\nListPlot[{{x1, y1}, {x2, y2}, ...}] plots the given points, and "
               "ListPlot[{data1, data2, ...}] several sets of them.")
def ListPlot(ev, expr):
    """ListPlot[{y1, y2, ...}] plots points at x = 1, 2, ...; ListPlot[{{x1, y1}, ...}]
    at the given x; ListPlot[{data1, data2, ...}] several datasets in their own colours."""
    return _plot(ev, expr, log_y=False)


@builtin(argc=(1, 1), messages=MESSAGES, options=_options(TRUE),
         usage="ListLinePlot[{y1, y2, ...}] plots the values yi joined by a "
               "line.\nListLinePlot[{data1, data2, ...}] plots several lines.")
def ListLinePlot(ev, expr):
    """ListLinePlot[data]: like ListPlot, with the points of each dataset joined by lines."""
    return _plot(ev, expr, log_y=False)


@builtin(argc=(1, 1), messages=MESSAGES, options=_options(FALSE),
         usage="ListLogPlot[{y1, y2, ...}] plots the values yi with a logarithmic vertical "
               "axis.")
def ListLogPlot(ev, expr):
    """ListLogPlot[data]: like ListPlot, with a logarithmic y axis (values that are not
    positive are left out)."""
    return _plot(ev, expr, log_y=True)


def _plot(ev, expr, log_y: bool):
    name = expr.head.name
    split = ev.split_options(expr, name, first_option=1)
    if split is None:
        return None
    (data,), opts = split
    datasets = _datasets(data)
    if datasets is None:
        ev.message(name, "lpn", data)
        return None
    ranges = _plot_range(opts["PlotRange"], datasets)
    if ranges is None:
        ev.message(name, "prng", opts["PlotRange"])
        return None
    width = _image_width(opts["ImageSize"])
    if width is None:
        ev.message(name, "imgsz", opts["ImageSize"])
        return None
    joined = _per_dataset(opts["Joined"], len(datasets))
    labels = _legends(opts["PlotLegends"], len(datasets))
    series = tuple(Series(x, y, joined[i], labels[i]) for i, (x, y) in enumerate(datasets))
    x_label, y_label = _axes_labels(opts["AxesLabel"])
    plot = Plot(series, log_y=log_y, label=_text(opts["PlotLabel"]),
                axes_label=(x_label, y_label), x_range=ranges[0], y_range=ranges[1],
                legend=any(labels), size=(width, round(width / (1 + math.sqrt(5)) * 2)))
    return GraphicsValue(plot)


def loss_plot_value(round_losses, validation_losses=()) -> GraphicsValue:
    """A training run's LossPlot: the loss by round on a log scale, as Graphics."""
    return GraphicsValue(loss_plot(round_losses, validation_losses))


# -- data ---------------------------------------------------------------------------------

def _number(e) -> float | None:
    if isinstance(e, (Integer, Real)) and not isinstance(e.value, bool):
        return float(e.value)
    if isinstance(e, Rational):
        return float(e.value)
    return None


def _is_list(e) -> bool:
    return isinstance(e, Expr) and e.head is S.List


def _datasets(data):
    """[(x array, y array), ...] or None when ``data`` is not plot data."""
    if isinstance(data, PackedArray):
        a = data.array.astype(float)
        if a.ndim == 1:
            return [_ys(a)]
        if a.ndim == 2:
            return [(a[:, 0], a[:, 1])] if a.shape[1] == 2 else [_ys(row) for row in a]
        if a.ndim == 3 and a.shape[2] == 2:
            return [(d[:, 0], d[:, 1]) for d in a]
        return None
    if not _is_list(data):
        return None
    one = _dataset(data)
    if one is not None:
        return [one]
    sets = [_dataset(d) if _is_list(d) else None for d in data.args]
    return None if not sets or any(s is None for s in sets) else sets


def _dataset(data):
    """One dataset: y values or {x, y} pairs (non-numeric entries dropped), else None."""
    items = data.args
    if isinstance(data, PackedArray) and data.array.ndim == 1:
        return _ys(data.array.astype(float))
    if items and all(_is_list(p) and len(p.args) == 2 for p in items):
        pairs = [(_number(p.args[0]), _number(p.args[1])) for p in items]
        pairs = [(x, y) for x, y in pairs if x is not None and y is not None]
        return np.array([x for x, _ in pairs]), np.array([y for _, y in pairs])
    if any(_is_list(p) for p in items):
        return None
    ys = [(i + 1, _number(y)) for i, y in enumerate(items)]
    ys = [(x, y) for x, y in ys if y is not None]
    return np.array([x for x, _ in ys], float), np.array([y for _, y in ys], float)


def _ys(a):
    keep = np.isfinite(a)
    return np.arange(1.0, len(a) + 1)[keep], a[keep]


# -- options ------------------------------------------------------------------------------

def _plot_range(spec, datasets):
    """((x range or None), (y range or None)), or None when the spec is not valid."""
    if spec in (S.All, S.Automatic, FULL):
        return None, None
    value = _number(spec)
    if value is not None:
        return (None, (0.0, value)) if value > 0 else None
    if _is_list(spec) and len(spec.args) == 2:
        if all(_is_list(r) or r in (S.All, S.Automatic, FULL) for r in spec.args):
            x, y = (_range(r) for r in spec.args)
            return None if x is False or y is False else (x, y)
        y = _range(spec)
        return None if y is False else (None, y)
    return None


def _range(spec):
    """(low, high) with None for an automatic end; None if all automatic; False if bad."""
    if spec in (S.All, S.Automatic, FULL):
        return None
    if not (_is_list(spec) and len(spec.args) == 2):
        return False
    ends = [None if e in (S.All, S.Automatic, FULL) else _number(e) for e in spec.args]
    if any(e is None and a not in (S.All, S.Automatic, FULL) for e, a in zip(ends, spec.args)):
        return False
    if None not in ends and ends[0] >= ends[1]:
        return False
    return tuple(ends)


def _image_width(spec) -> int | None:
    if spec is S.Automatic:
        return WIDTH_PX
    value = _number(spec)
    return round(value) if value is not None and 16 <= value <= 4000 else None


def _per_dataset(spec, n: int) -> list[bool]:
    if _is_list(spec):
        flags = [a is TRUE for a in spec.args]
        return (flags + flags[-1:] * n)[:n] if flags else [False] * n
    return [spec is TRUE] * n


def _legends(spec, n: int) -> list[str | None]:
    if spec is S.Automatic:
        return [str(i + 1) for i in range(n)] if n > 1 else [None]
    if _is_list(spec):
        labels = [_text(a) for a in spec.args]
        return (labels + [None] * n)[:n]
    if spec is NONE:
        return [None] * n
    return ([_text(spec)] + [None] * n)[:n]


def _axes_labels(spec):
    if _is_list(spec) and len(spec.args) == 2:
        return _text(spec.args[0]), _text(spec.args[1])
    return None, _text(spec)


def _text(e) -> str | None:
    """A label as text (a string without its quotes); None for None."""
    if e is NONE or e is S.Automatic:
        return None
    return e.value if isinstance(e, String) else input_form(e)


__all__ = ["ListPlot", "ListLinePlot", "ListLogPlot", "loss_plot_value"]
