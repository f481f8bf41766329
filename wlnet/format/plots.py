"""Plots: what ListPlot, ListLinePlot, ListLogPlot and a training run's LossPlot draw, and
drawing it with matplotlib (the optional ``plot`` extra) as PNG, SVG or PDF.

A ``Plot`` is plain data (points, labels, ranges), made by the builtins in
``wlnet.builtins.graphics`` and read here; nothing is evaluated. The look follows
Wolfram's defaults where they are known: the first colours of its default plot theme, a
plot 360 points wide with the golden ratio as aspect ratio, axes on the left and bottom,
points for ListPlot and lines for ListLinePlot.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np

# Wolfram's default colours ("97" scheme), in the order datasets get them.
COLORS = ("#5E81B5", "#E19C24", "#8FB032", "#EB6235", "#8778B3", "#C56E1A", "#5D9EC7",
          "#FFBF00", "#A5609D", "#929600")
WIDTH_PX, HEIGHT_PX, DPI = 480, 297, 100     # 360 pt at 4/3 px per pt, golden ratio


@dataclass(frozen=True, eq=False)
class Series:
    """One dataset: x and y values of the same length (float arrays)."""
    x: np.ndarray
    y: np.ndarray
    joined: bool = False
    label: str | None = None


@dataclass(frozen=True, eq=False)
class Plot:
    """Everything a plot shows. A range is None for automatic, else (low, high), with
    None for an automatic end."""
    series: tuple
    log_y: bool = False
    label: str | None = None
    axes_label: tuple = (None, None)
    x_range: tuple | None = None
    y_range: tuple | None = None
    legend: bool = False
    size: tuple = field(default=(WIDTH_PX, HEIGHT_PX))


def figure(plot: Plot):
    """The plot as a matplotlib Figure (raises ModuleNotFoundError without matplotlib)."""
    from matplotlib.figure import Figure
    width, height = plot.size
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    draw(ax, plot)
    return fig


def save(fig, fmt: str, dpi=None) -> bytes:
    """The figure's bytes in ``fmt`` ("png", "svg" or "pdf"; PNG at ``dpi``, else at the
    figure's own): text stays text in SVG, so labels can be searched and read, and files
    carry no creation date."""
    from matplotlib import rc_context
    out = io.BytesIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "wlnet"}):
        fig.savefig(out, format=fmt, metadata=_metadata(fmt), dpi=dpi or "figure")
    return out.getvalue()


def _metadata(fmt: str) -> dict:
    """Reproducible files: no creation date where the format would put one."""
    if fmt == "svg":
        return {"Date": None}
    if fmt == "pdf":
        return {"CreationDate": None}
    return {}


def draw(ax, plot: Plot) -> None:
    """Draw the plot into matplotlib axes (also used for the small curve of a live
    training panel)."""
    for i, s in enumerate(plot.series):
        color = COLORS[i % len(COLORS)]
        x, y = s.x, s.y
        if plot.log_y:
            keep = y > 0
            x, y = x[keep], y[keep]
        if s.joined:
            ax.plot(x, y, color=color, linewidth=1.4, label=s.label)
        else:
            ax.plot(x, y, linestyle="none", marker="o", markersize=3.5, color=color,
                    label=s.label)
    if plot.log_y:
        from matplotlib.ticker import LogFormatter
        ax.set_yscale("log")
        for axis_formatter in (ax.yaxis.set_major_formatter, ax.yaxis.set_minor_formatter):
            axis_formatter(LogFormatter(labelOnlyBase=False, minor_thresholds=(2, 0.6)))
    if plot.x_range:
        ax.set_xlim(*plot.x_range)
    if plot.y_range:
        ax.set_ylim(*plot.y_range)
    if plot.label:
        ax.set_title(plot.label, fontsize=10)
    xlabel, ylabel = plot.axes_label
    if xlabel:
        ax.set_xlabel(xlabel, fontsize=9)
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=9)
    if plot.legend and any(s.label for s in plot.series):
        ax.legend(fontsize=8, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#999999")
    ax.tick_params(which="both", colors="#555555", labelsize=8)


def loss_plot(round_losses, validation_losses=()) -> Plot:
    """A training run's loss by round on a log scale (validation in the second colour)."""
    series = [Series(np.arange(1.0, len(round_losses) + 1), np.asarray(round_losses, float),
                     joined=True, label="training")]
    if len(validation_losses):
        series.append(Series(np.arange(1.0, len(validation_losses) + 1),
                             np.asarray(validation_losses, float), joined=True,
                             label="validation"))
    return Plot(tuple(series), log_y=True, axes_label=("round", "loss"),
                legend=len(series) > 1)


__all__ = ["Plot", "Series", "figure", "draw", "save", "loss_plot", "COLORS"]
