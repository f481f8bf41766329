"""Which values are pictures, and their bytes: a plot (``plots.Plot``) or a net (a value
whose payload is a runtime net) as PNG, SVG or PDF. Export and the notebook kernel both
come here, so a picture looks the same in a file and in a notebook."""

from __future__ import annotations

from ..expr import ObjectAtom
from ..nets.base import Net
from . import drawing, netpicture, plots

FORMATS = ("png", "svg", "pdf")


def picture(value):
    """The plot or net a value shows, or None if it is not a picture."""
    payload = value.payload if isinstance(value, ObjectAtom) else None
    return payload if isinstance(payload, (plots.Plot, Net)) else None


def picture_files(value, formats) -> dict | None:
    """``value`` drawn once and saved in each of ``formats`` ("png", "svg", "pdf"):
    {format: bytes}, or None when it is not a picture. Raises ModuleNotFoundError
    (``.name`` says which) without the ``plot`` extra."""
    shown = picture(value)
    if shown is None:
        return None
    if isinstance(shown, plots.Plot):
        fig, png_dpi = plots.figure(shown), None
    else:
        fig, png_dpi = drawing.figure(netpicture.diagram(shown)), drawing.PNG_DPI
    return {fmt: plots.save(fig, fmt, png_dpi if fmt == "png" else None) for fmt in formats}


def picture_bytes(value, fmt: str) -> bytes | None:
    """``value`` drawn as ``fmt``, or None when it is not a picture."""
    files = picture_files(value, (fmt,))
    return None if files is None else files[fmt]


__all__ = ["picture", "picture_files", "picture_bytes", "FORMATS"]
