"""BasicRecurrentLayer: s_t = Tanh[Wx.x_t + Ws.s_{t-1} + b], arrays "InputWeights",
"StateWeights" and "Biases". Its "StateUpdate" dropout masks the state s_{t-1} that
multiplies Ws, with a new mask at every step (the paclet's rule)."""
import numpy as np

from ..layer import Example, register
from ..recurrent import RecurrentKernel, RecurrentLayer, gate_arrays


@register
class BasicRecurrentLayer(RecurrentLayer):
    """BasicRecurrentLayer[n]: the simplest recurrence, one Tanh gate."""

    head = "BasicRecurrentLayer"
    usage = ("BasicRecurrentLayer[n] is a trainable recurrent net layer that takes a "
             "sequence of vectors and gives the sequence of its states, vectors of size n, "
             "s_t = Tanh[wx . x_t + ws . s_(t-1) + b].\nBasicRecurrentLayer[n, opts] gives "
             "options for its arrays, ports and dropout.")
    gates, sigmoid_gates = ("",), 0
    update_on_state = True
    array_specs = gate_arrays(("",))

    def cell(self, xp, w, xt, states, masks, t):
        return {"State": xp.tanh(xt[""] + self.recurrent_term(xp, w, "", states["State"],
                                                               masks, t))}

    def kernel(self, compiler):
        return BasicRecurrentKernel(self, compiler)

    @classmethod
    def examples(cls, rng):
        x = rng.standard_normal
        return [Example(cls(3, input=(4, 2)), {"Input": x((2, 4, 2)), "State": x((2, 3))}),
                Example(cls(2, input=("Varying", 3)), {"Input": x((3, 5, 3))}),
                Example(cls(2, input=(3, 2), dropout={"VariationalWeights": 0.2,
                                                      "VariationalInput": 0.3,
                                                      "VariationalState": 0.3,
                                                      "StateUpdate": 0.2}),
                        {"Input": x((2, 3, 2))})]


class BasicRecurrentKernel(RecurrentKernel):
    def buffers(self, batch, length):
        n, e = self.n, self.empty
        return {"Z": e(batch, length, n), "S": e(batch, length + 1, n), "P": e(batch, n)}

    def grad_buffers(self, batch, length):
        n, e = self.n, self.empty
        dz = e(batch, length, n)
        return {"dZ": dz, "dP": dz, "D": e(batch, length, n), "ds": e(batch, n)}

    def forward_loop(self, run):
        z_all, s_all, p = run.b["Z"], run.b["S"], run.b["P"]
        for t in range(run.length):
            self.product(run, s_all[:, t], t, p)
            p += z_all[:, t]
            np.tanh(p, out=s_all[:, t + 1])

    def backward_loop(self, run, dy, dstates):
        b = run.b
        dz_all, d_all, ds = b["dZ"], b["D"], b["ds"]
        np.multiply(b["S"][:, 1:], b["S"][:, 1:], out=d_all)
        np.subtract(1, d_all, out=d_all)
        if dstates[0] is None:
            ds.fill(0)
        else:
            np.copyto(ds, dstates[0])
        for t in range(run.length - 1, -1, -1):
            if dy is not None:
                ds += dy[:, t]
            dz = dz_all[:, t]
            np.multiply(ds, d_all[:, t], out=dz)
            self.back_product(run, dz, t, ds)
        return [ds]
