"""The kernel of NetFoldOperator, by idea:

    kernel.py    FoldKernel: the step loop (generic path) and the choice of program
    program.py   a body lowered to straight-line code over (T, B, ...) buffers
    pairs.py     two linear layers in a row merged into one product per step
    buffers.py   the buffers of one (length, batch) shape
    backward.py  the backward pass's gradient flow and its generated code
    code.py      how generated source becomes functions

The operator itself (ports, shapes) is ``operators.Fold``.
"""
from .kernel import FoldKernel

__all__ = ["FoldKernel"]
