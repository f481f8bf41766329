"""BasicRecurrentLayer: s_t = Tanh[Wx.x_t + Ws.s_{t-1} + b], arrays "InputWeights",
"StateWeights" and "Biases". Its "StateUpdate" dropout masks the state s_{t-1} that
multiplies Ws, with a new mask at every step (the paclet's rule)."""
import numpy as np

from ..layer import register
from ..recurrent import RecurrentKernel, RecurrentLayer, gate_arrays, tanh_derivative


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


class BasicRecurrentKernel(RecurrentKernel):
    """One gate: the state sequence "S" holds every step's value."""

    def buffers(self, batch, length):
        return {"S": self.empty(length + 1, batch, self.n)}

    def grad_buffers(self, batch, length):
        n, e = self.n, self.empty
        dz = e(1, length, batch, n)
        return {"dZ": dz, "dP": dz, "ds": e(batch, n), "tmp": e(batch, n)}

    def forward_loop(self, run):
        xz, s_all = run.b["XZ"][0], run.b["S"]
        fast = run.fast
        ws, add, tanh, matmul = run.w["wsh"][0], np.add, np.tanh, np.matmul
        for t in range(run.length):
            s1 = s_all[t + 1]
            if fast:
                matmul(s_all[t], ws, s1)
            else:
                self.product(run, s_all[t], t, s1[None])
            add(s1, xz[t], s1)
            tanh(s1, s1)

    def backward_loop(self, run, dy, dstates):
        b = run.b
        dz_all, ds, tmp, s_all = b["dZ"], b["ds"], b["tmp"], b["S"]
        self.start_grads((ds,), dstates)
        fast = run.fast
        ws, live = run.w["wsq"][0], run.live
        add, matmul = np.add, np.matmul
        for t in range(run.length - 1, -1, -1):
            if dy is not None and live[t]:
                add(ds, dy[t], ds)
            dz = dz_all[:, t]
            np.copyto(dz[0], ds)
            tanh_derivative(s_all[t + 1], tmp, dz[0])
            if fast:
                matmul(dz[0], ws, ds)
            else:
                self.back_product(run, dz, t, ds)
        return [ds]
