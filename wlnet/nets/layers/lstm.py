"""LongShortTermMemoryLayer: Wolfram's LSTM.

    input gate   i_t = LogisticSigmoid[Wix.x_t + Wis.s_{t-1} + bi]
    output gate  o_t = LogisticSigmoid[Wox.x_t + Wos.s_{t-1} + bo]
    forget gate  f_t = LogisticSigmoid[Wfx.x_t + Wfs.s_{t-1} + bf]
    memory gate  m_t = Tanh[Wmx.x_t + Wms.s_{t-1} + bm]
    cell state   c_t = f_t * c_{t-1} + i_t * m_t
    state        s_t = o_t * Tanh[c_t]

NetInitialize sets "ForgetGateBiases" to 1 and the other biases to 0 (the paclet's rule).
"""
import numpy as np

from ..layer import Example, register
from ..recurrent import RecurrentKernel, RecurrentLayer, gate_arrays, gate_derivatives, sigmoid

GATES = ("InputGate", "OutputGate", "ForgetGate", "MemoryGate")


@register
class LongShortTermMemoryLayer(RecurrentLayer):
    """LongShortTermMemoryLayer[n]: the LSTM recurrence above over a sequence of vectors;
    state ports "State" and "CellState"."""

    head = "LongShortTermMemoryLayer"
    usage = ("LongShortTermMemoryLayer[n] is a trainable recurrent net layer that takes a "
             "sequence of vectors and gives the sequence of its states, vectors of size n, "
             "computed by long short-term memory gates.\nLongShortTermMemoryLayer[n, opts] "
             "gives options for its arrays, ports and dropout.")
    gates, sigmoid_gates = GATES, 3
    states = ("State", "CellState")
    array_specs = gate_arrays(GATES, ones=("ForgetGate",))

    def cell(self, xp, w, xt, states, masks, t):
        s, c = states["State"], states["CellState"]

        def pre(g):
            return xt[g] + self.recurrent_term(xp, w, g, s, masks, t)
        i, o, f = (sigmoid(xp, pre(g)) for g in GATES[:3])
        m = xp.tanh(pre("MemoryGate"))
        drop = masks.cell_update(t) if masks is not None else None
        c = f * c + i * (m if drop is None else m * drop)
        return {"State": o * xp.tanh(c), "CellState": c}

    def kernel(self, compiler):
        return LSTMKernel(self, compiler)

    @classmethod
    def examples(cls, rng):
        x = rng.standard_normal
        return [Example(cls(3, input=(4, 2)), {"Input": x((2, 4, 2)), "State": x((2, 3)),
                                               "CellState": x((2, 3))}),
                Example(cls(2, input=("Varying", 3)), {"Input": x((3, 5, 3))}),
                Example(cls(2, input=(3, 2), dropout={"VariationalWeights": 0.2,
                                                      "VariationalInput": 0.3,
                                                      "VariationalState": 0.3,
                                                      "StateUpdate": 0.2}),
                        {"Input": x((2, 3, 2))})]


class LSTMKernel(RecurrentKernel):
    """The gates packed as i, o, f, m; after the forward loop "Z" holds their values."""

    state_buffers = ("S", "C")

    def buffers(self, batch, length):
        n, e = self.n, self.empty
        return {"Z": e(batch, length, 4 * n), "S": e(batch, length + 1, n),
                "C": e(batch, length + 1, n), "TC": e(batch, length, n),
                "P": e(batch, 4 * n), "tmp": e(batch, n)}

    def grad_buffers(self, batch, length):
        n, e = self.n, self.empty
        dz = e(batch, length, 4 * n)
        return {"dZ": dz, "dP": dz, "D": e(batch, length, 4 * n),
                "DT": e(batch, length, n), "ds": e(batch, n), "dc": e(batch, n),
                "tmp2": e(batch, n)}

    def forward_loop(self, run):
        b, n, masks = run.b, self.n, run.masks
        z_all, s_all, c_all, tc_all, p, tmp = (b[k] for k in ("Z", "S", "C", "TC", "P", "tmp"))
        for t in range(run.length):
            z = z_all[:, t]
            self.product(run, s_all[:, t], t, p)
            z += p
            np.tanh(z, out=z)
            gates = z[:, :3 * n]
            gates *= 0.5
            gates += 0.5
            i, o, f, m = z[:, :n], z[:, n:2 * n], z[:, 2 * n:3 * n], z[:, 3 * n:]
            c = c_all[:, t + 1]
            np.multiply(f, c_all[:, t], out=c)
            np.multiply(i, m, out=tmp)
            drop = masks.cell_update(t) if masks is not None else None
            if drop is not None:
                tmp *= drop
            c += tmp
            tc = tc_all[:, t]
            np.tanh(c, out=tc)
            np.multiply(o, tc, out=s_all[:, t + 1])

    def backward_loop(self, run, dy, dstates):
        b, n, masks = run.b, self.n, run.masks
        z_all, c_all, tc_all = b["Z"], b["C"], b["TC"]
        dz_all, d_all, dt_all = b["dZ"], b["D"], b["DT"]
        ds, dc, tmp, tmp2 = b["ds"], b["dc"], b["tmp"], b["tmp2"]
        gate_derivatives(z_all, d_all, 3 * n)
        np.multiply(tc_all, tc_all, out=dt_all)
        np.subtract(1, dt_all, out=dt_all)
        for buffer, given in zip((ds, dc), dstates):
            if given is None:
                buffer.fill(0)
            else:
                np.copyto(buffer, given)
        for t in range(run.length - 1, -1, -1):
            if dy is not None:
                ds += dy[:, t]
            z, dz = z_all[:, t], dz_all[:, t]
            i, o, f, m = z[:, :n], z[:, n:2 * n], z[:, 2 * n:3 * n], z[:, 3 * n:]
            di, do, df, dm = dz[:, :n], dz[:, n:2 * n], dz[:, 2 * n:3 * n], dz[:, 3 * n:]
            np.multiply(ds, tc_all[:, t], out=do)
            np.multiply(ds, o, out=tmp)
            tmp *= dt_all[:, t]
            dc += tmp
            drop = masks.cell_update(t) if masks is not None else None
            if drop is None:
                np.multiply(dc, m, out=di)
                np.multiply(dc, i, out=dm)
            else:
                np.multiply(m, drop, out=tmp2)
                np.multiply(dc, tmp2, out=di)
                np.multiply(dc, i, out=dm)
                dm *= drop
            np.multiply(dc, c_all[:, t], out=df)
            dc *= f
            dz *= d_all[:, t]
            self.back_product(run, dz, t, ds)
        return [ds, dc]
