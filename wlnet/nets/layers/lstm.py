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

from ..layer import register
from ..recurrent import RecurrentKernel, RecurrentLayer, gate_arrays, sigmoid

GATES = ("InputGate", "OutputGate", "ForgetGate", "MemoryGate")   # Wolfram's order
PACKED = ("OutputGate", "InputGate", "ForgetGate", "MemoryGate")  # the kernel's


@register
class LongShortTermMemoryLayer(RecurrentLayer):
    """LongShortTermMemoryLayer[n]: the LSTM recurrence above over a sequence of vectors;
    state ports "State" and "CellState"."""

    head = "LongShortTermMemoryLayer"
    usage = ("LongShortTermMemoryLayer[n] is a trainable recurrent net layer that takes a "
             "sequence of vectors and gives the sequence of its states, vectors of size n, "
             "computed by long short-term memory gates.\nLongShortTermMemoryLayer[n, opts] "
             "gives options for its arrays, ports and dropout.")
    gates, sigmoid_gates = PACKED, 3
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


class LSTMKernel(RecurrentKernel):
    """The gates stacked as o, i, f, m. Per step, "V" holds the gates' tanh values
    (o, i, f at half their pre-activation) followed by the cell state before the step,
    so that [i, f] * [m, c_{t-1}] is one product; "G" holds o, i, f; "TA" holds
    o (1 - tanh(c)^2), the part of ds that reaches dc (kept while training), and
    tanh(c)."""

    state_buffers = ("S", "C")

    def buffers(self, batch, length):
        n, e = self.n, self.empty
        v = e(length + 1, 5, batch, n)
        return {"V": v, "C": v[:, 4], "G": e(length, 3, batch, n),
                "TA": e(length, 2, batch, n), "S": e(length + 1, batch, n),
                "tmp": e(2, batch, n)}

    def grad_buffers(self, batch, length):
        n, e = self.n, self.empty
        dz = e(4, length, batch, n)
        return {"dZ": dz, "dP": dz, "ds": e(batch, n), "dc": e(batch, n),
                "tmp4": e(4, batch, n)}

    def forward_loop(self, run):
        b = run.b
        v_all, g_all, s_all, ta_all, xz = (b[k] for k in ("V", "G", "S", "TA", "XZ"))
        p, tmp, wsh = b["tmpG"], b["tmp"], run.w["wsh"]
        views = self.step_views(run, "forward", lambda t: (
            xz[:, t], v_all[t, :4], v_all[t, :3], g_all[t], g_all[t, 0], g_all[t, 1:3],
            v_all[t, 3:5], v_all[t + 1, 4], ta_all[t, 1], ta_all[t, 0], s_all[t],
            s_all[t + 1]))
        fast, drop = run.fast, run.drops
        training = run.training
        im, fc = tmp[0], tmp[1]
        mul, add, sub, tanh, matmul = np.multiply, np.add, np.subtract, np.tanh, np.matmul
        for t, (xzt, v, v3, g, o, if_, mc, c1, tc, a, s0, s1) in enumerate(views):
            if fast:
                matmul(s0, wsh, p)
            else:
                self.product(run, s0, t, p)
            add(xzt, p, v)
            tanh(v, v)
            mul(v3, 0.5, g)
            add(g, 0.5, g)
            mul(if_, mc, tmp)
            if drop is not None:
                mul(im, drop[t], im)
            add(im, fc, c1)
            tanh(c1, tc)
            mul(o, tc, s1)
            if training:
                mul(s1, tc, a)
                sub(o, a, a)

    def backward_loop(self, run, dy, dstates):
        b, length = run.b, run.length
        v_all, g_all, ta_all, dz_all = b["V"], b["G"], b["TA"], b["dZ"]
        ds, dc, tmp4 = b["ds"], b["dc"], b["tmp4"]
        tmp = tmp4[0]
        if not run.training:     # the forward pass did not keep A: o - s_t tanh(c_t)
            a = ta_all[:, 0]
            np.multiply(b["S"][1:], ta_all[:, 1], out=a)
            np.subtract(g_all[:, 0], a, out=a)
        views = self.step_views(run, "backward", lambda t: (
            ta_all[t, 0], ta_all[t, 1], dz_all[0, t], v_all[t, 3], v_all[t, 4], g_all[t, 1],
            g_all[t, 2], dz_all[1, t], dz_all[2, t], dz_all[3, t], v_all[t, :4], dz_all[:, t]))
        self.start_grads((ds, dc), dstates)
        fast, drop = run.fast, run.drops
        wsq, live, tmpg = run.w["wsq"], run.live, b["tmpG"]
        mul, add, sub, matmul, reduce = np.multiply, np.add, np.subtract, np.matmul, np.add.reduce
        for t in range(length - 1, -1, -1):
            a, tc, do, m, c0, i, f, di, df, dm, v, dz = views[t]
            if dy is not None and live[t]:
                add(ds, dy[t], ds)
            mul(ds, tc, do)
            mul(ds, a, tmp)
            add(dc, tmp, dc)
            mul(dc, m, di)
            mul(dc, c0, df)
            mul(dc, i, dm)
            if drop is not None:
                mul(di, drop[t], di)
                mul(dm, drop[t], dm)
            mul(dc, f, dc)
            mul(v, v, tmp4)
            sub(1, tmp4, tmp4)
            mul(dz, tmp4, dz)
            if fast:
                matmul(dz, wsq, tmpg)
                reduce(tmpg, axis=0, out=ds)
            else:
                self.back_product(run, dz, t, ds)
        return [ds, dc]
