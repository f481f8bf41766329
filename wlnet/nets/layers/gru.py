"""GatedRecurrentLayer: Wolfram's GRU (the variant of Chung et al. 2014).

    input gate   i_t = LogisticSigmoid[Wix.x_t + Wis.s_{t-1} + bi]
    reset gate   r_t = LogisticSigmoid[Wrx.x_t + Wrs.s_{t-1} + br]
    memory gate  m_t = Tanh[Wmx.x_t + r_t * (Wms.s_{t-1}) + bm]
    state        s_t = (1 - i_t) * m_t + i_t * s_{t-1}

The reset gate multiplies the memory gate's state product (after the product, before
the bias is added to it), as PyTorch's GRU does with a zero hidden bias.
"""
import numpy as np

from ..layer import register
from ..recurrent import RecurrentKernel, RecurrentLayer, gate_arrays, sigmoid, tanh_derivative

GATES = ("InputGate", "ResetGate", "MemoryGate")


@register
class GatedRecurrentLayer(RecurrentLayer):
    """GatedRecurrentLayer[n]: the GRU recurrence above over a sequence of vectors."""

    head = "GatedRecurrentLayer"
    usage = ("GatedRecurrentLayer[n] is a trainable recurrent net layer that takes a "
             "sequence of vectors and gives the sequence of its states, vectors of size n, "
             "computed by gated recurrent units.\nGatedRecurrentLayer[n, opts] gives "
             "options for its arrays, ports and dropout.")
    gates, sigmoid_gates = GATES, 2
    array_specs = gate_arrays(GATES)

    def cell(self, xp, w, xt, states, masks, t):
        s = states["State"]

        def term(g):
            return self.recurrent_term(xp, w, g, s, masks, t)
        i = sigmoid(xp, xt["InputGate"] + term("InputGate"))
        r = sigmoid(xp, xt["ResetGate"] + term("ResetGate"))
        m = xp.tanh(xt["MemoryGate"] + r * term("MemoryGate"))
        drop = masks.cell_update(t) if masks is not None else None
        m = m if drop is None else m * drop
        return {"State": (1 - i) * m + i * s}

    def kernel(self, compiler):
        return GRUKernel(self, compiler)


class GRUKernel(RecurrentKernel):
    """The gates stacked as i, r, m. Per step, "V" holds the gates' tanh values (i and r
    at half their pre-activation, and m), "G" the values of i and r, "PP" the state
    products (the memory gate's, Wms.s_{t-1}, is what the reset gate multiplies). The
    memory gate's pre-activation gradient ("DM") differs from its state product's (the
    last of "dP")."""

    own_state_grads = (2,)

    def buffers(self, batch, length):
        n, e = self.n, self.empty
        return {"V": e(length, 3, batch, n), "G": e(length, 2, batch, n),
                "S": e(length + 1, batch, n), "PP": e(length, 3, batch, n),
                "tmp": e(batch, n), "ME": e(length, batch, n)}

    def grad_buffers(self, batch, length):
        n, e = self.n, self.empty
        dp, dm = e(3, length, batch, n), e(length, batch, n)
        return {"dP": dp, "DM": dm, "dZ": [dp[0], dp[1], dm], "ds": e(batch, n),
                "direct": e(batch, n), "tmp2": e(2, batch, n)}

    def forward_loop(self, run):
        b = run.b
        v_all, g_all, s_all, pp_all, xz, me_all = (b[k] for k in ("V", "G", "S", "PP", "XZ",
                                                                   "ME"))
        tmp, wsh = b["tmp"], run.w["wsh"]
        views = self.step_views(run, "forward", lambda t: (
            xz[:2, t], xz[2, t], pp_all[t], pp_all[t, :2], pp_all[t, 2], v_all[t, :2],
            v_all[t, 2], g_all[t], g_all[t, 0], g_all[t, 1], s_all[t], s_all[t + 1],
            me_all[t]))
        fast, drop = run.fast, run.drops
        mul, add, sub, tanh, matmul = np.multiply, np.add, np.subtract, np.tanh, np.matmul
        for t, (xzr, xm, pp, pzr, hm, v2, m, g, i, r, s0, s1, me) in enumerate(views):
            if fast:
                matmul(s0, wsh, pp)
            else:
                self.product(run, s0, t, pp)
            add(xzr, pzr, v2)
            tanh(v2, v2)
            mul(v2, 0.5, g)
            add(g, 0.5, g)
            mul(r, hm, tmp)
            add(xm, tmp, m)
            tanh(m, m)
            value = m if drop is None else mul(m, drop[t], me)
            sub(s0, value, tmp)
            mul(tmp, i, tmp)
            add(value, tmp, s1)

    def backward_loop(self, run, dy, dstates):
        b, length = run.b, run.length
        v_all, g_all, s_all, pp_all = b["V"], b["G"], b["S"], b["PP"]
        dm_all, dp_all = b["DM"], b["dP"]
        ds, direct, tmp2 = b["ds"], b["direct"], b["tmp2"]
        drop = run.drops
        values = v_all[:, 2] if drop is None else b["ME"]
        views = self.step_views(run, "backward", lambda t: (
            v_all[t, :2], v_all[t, 2], values[t], g_all[t, 0], g_all[t, 1], pp_all[t, 2],
            s_all[t], dp_all[:, t], dp_all[:2, t], dp_all[0, t], dp_all[1, t], dp_all[2, t],
            dm_all[t]))
        self.start_grads((ds,), dstates)
        tmp = tmp2[0]
        fast = run.fast
        wsq, live, tmpg = run.w["wsq"], run.live, b["tmpG"]
        mul, add, sub, matmul, reduce = np.multiply, np.add, np.subtract, np.matmul, np.add.reduce
        for t in range(length - 1, -1, -1):
            v2, m, value, i, r, hm, s0, dp, dp2, di, dr, dpm, dm = views[t]
            if dy is not None and live[t]:
                add(ds, dy[t], ds)
            sub(s0, value, tmp)
            mul(ds, tmp, di)
            mul(ds, i, direct)
            sub(ds, direct, dm)
            if drop is not None:
                mul(dm, drop[t], dm)
            tanh_derivative(m, tmp, dm)
            mul(dm, hm, dr)
            mul(dm, r, dpm)
            tanh_derivative(v2, tmp2, dp2)
            if fast:
                matmul(dp, wsq, tmpg)
                reduce(tmpg, axis=0, out=ds)
            else:
                self.back_product(run, dp, t, ds)
            add(ds, direct, ds)
        return [ds]
