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


def picture_bytes(value, fmt: str) -> bytes | None:
    """``value`` drawn as ``fmt`` ("png", "svg" or "pdf"), or None when it is not a
    picture. Raises ModuleNotFoundError (``.name`` says which) without the ``plot``
    extra."""
    shown = picture(value)
    if shown is None:
        return None
    if isinstance(shown, plots.Plot):
        return plots.render(shown, fmt)
    return drawing.render(netpicture.diagram(shown), fmt)


__all__ = ["picture", "picture_bytes", "FORMATS"]
