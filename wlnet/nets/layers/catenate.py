"""CatenateLayer: its inputs joined along their first dimension."""
import numpy as np

from ..base import Kernel, add_grad, fit
from ..errors import ShapeConflict
from ..layer import Example, register
from ..shapes import VARYING
from .multi_input import MultiInputLayer


@register
class CatenateLayer(MultiInputLayer):
    """CatenateLayer[]: its inputs joined along their first dimension."""

    head = "CatenateLayer"
    usage = ("CatenateLayer[] is a net layer that joins its inputs together along their "
             "first dimension.")

    def shape_rule(self, ins, outs):
        shapes = list(ins.values())
        known = [s for s in shapes if s is not None]
        if any(len(s) == 0 for s in known):
            raise ShapeConflict("CatenateLayer cannot join real numbers.")
        if not known or len(known) < len(shapes):
            return ins, outs
        rest = outs["Output"][1:] if outs["Output"] is not None else None
        for p, s in ins.items():
            rest = fit(rest, s[1:], f"the input {p} of CatenateLayer and its other inputs")
        firsts = [s[0] for s in known]
        total = sum(firsts) if all(isinstance(d, int) for d in firsts) else \
            (VARYING if VARYING in firsts else None)
        new_ins = {p: (s[0],) + rest for p, s in ins.items()}
        return new_ins, {"Output": fit(outs["Output"], (total,) + rest,
                                       "the output of CatenateLayer")}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        return {"Output": xp.concatenate([inputs[p] for p in self._ins], axis=1)}

    def kernel(self, compiler):
        return CatenateKernel()

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input_ports=((2, 3), (4, 3))),
                        {"Input1": rng.standard_normal((2, 2, 3)),
                         "Input2": rng.standard_normal((2, 4, 3))})]


class CatenateKernel(Kernel):
    def run(self, r):
        r[self.outs[0]] = np.concatenate([r[i] for i in self.ins], axis=1)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        start = 0
        for i in self.ins:
            n = r[i].shape[1]
            add_grad(g, i, gy[:, start:start + n])
            start += n
