"""The Graphics value: an opaque picture (a plot) as an expression.

It prints as Wolfram's terminal prints graphics, ``-Graphics-``; its payload is a
``wlnet.format.plots.Plot`` that Export and the notebook kernel draw.
"""

from __future__ import annotations

from ...expr import ObjectAtom, Symbol


class GraphicsValue(ObjectAtom):
    """A plot; ``payload`` is the format's Plot (data and labels, not pixels)."""

    head = Symbol("Graphics")
    __slots__ = ()

    def output_form(self) -> str:
        return "-Graphics-"

    input_form = output_form


__all__ = ["GraphicsValue"]
