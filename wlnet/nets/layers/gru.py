"""GatedRecurrentLayer: Wolfram's GRU (the variant of Chung et al. 2014).

    input gate   i_t = LogisticSigmoid[Wix.x_t + Wis.s_{t-1} + bi]
    reset gate   r_t = LogisticSigmoid[Wrx.x_t + Wrs.s_{t-1} + br]
    memory gate  m_t = Tanh[Wmx.x_t + r_t * (Wms.s_{t-1}) + bm]
    state        s_t = (1 - i_t) * m_t + i_t * s_{t-1}

The reset gate multiplies the memory gate's state product (after the product, before
the bias is added to it), as PyTorch's GRU does with a zero hidden bias.
"""
import numpy as np

from ..layer import Example, register
from ..recurrent import RecurrentKernel, RecurrentLayer, gate_arrays, gate_derivatives, sigmoid

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


class GRUKernel(RecurrentKernel):
    """The gates packed as i, r, m; "HM" keeps each step's Wms.s_{t-1}."""

    def buffers(self, batch, length):
        n, e = self.n, self.empty
        return {"Z": e(batch, length, 3 * n), "S": e(batch, length + 1, n),
                "HM": e(batch, length, n), "P": e(batch, 3 * n), "tmp": e(batch, n),
                "tmp2": e(batch, n)}

    def grad_buffers(self, batch, length):
        n, e = self.n, self.empty
        return {"dZ": e(batch, length, 3 * n), "dP": e(batch, length, 3 * n),
                "D": e(batch, length, 3 * n), "ds": e(batch, n), "tmp3": e(batch, n)}

    def forward_loop(self, run):
        b, n, masks = run.b, self.n, run.masks
        z_all, s_all, hm_all, p, tmp, me = (b[k] for k in ("Z", "S", "HM", "P", "tmp", "tmp2"))
        for t in range(run.length):
            s, z = s_all[:, t], z_all[:, t]
            self.product(run, s, t, p)
            gates = z[:, :2 * n]
            gates += p[:, :2 * n]
            np.tanh(gates, out=gates)
            gates *= 0.5
            gates += 0.5
            hm = hm_all[:, t]
            np.copyto(hm, p[:, 2 * n:])
            i, r, m = z[:, :n], z[:, n:2 * n], z[:, 2 * n:]
            np.multiply(r, hm, out=tmp)
            m += tmp
            np.tanh(m, out=m)
            drop = masks.cell_update(t) if masks is not None else None
            if drop is not None:
                m = np.multiply(m, drop, out=me)
            np.subtract(s, m, out=tmp)
            tmp *= i
            np.add(m, tmp, out=s_all[:, t + 1])

    def backward_loop(self, run, dy, dstates):
        b, n, masks = run.b, self.n, run.masks
        z_all, s_all, hm_all = b["Z"], b["S"], b["HM"]
        dz_all, dp_all, d_all = b["dZ"], b["dP"], b["D"]
        ds, tmp, direct, me = b["ds"], b["tmp"], b["tmp2"], b["tmp3"]
        gate_derivatives(z_all, d_all, 2 * n)
        if dstates[0] is None:
            ds.fill(0)
        else:
            np.copyto(ds, dstates[0])
        for t in range(run.length - 1, -1, -1):
            if dy is not None:
                ds += dy[:, t]
            z, dz, dp, d = z_all[:, t], dz_all[:, t], dp_all[:, t], d_all[:, t]
            i, r, m = z[:, :n], z[:, n:2 * n], z[:, 2 * n:]
            di, dr, dm = dz[:, :n], dz[:, n:2 * n], dz[:, 2 * n:]
            drop = masks.cell_update(t) if masks is not None else None
            value = m if drop is None else np.multiply(m, drop, out=me)
            np.subtract(s_all[:, t], value, out=tmp)
            np.multiply(ds, tmp, out=di)
            np.multiply(ds, i, out=direct)
            np.subtract(ds, direct, out=dm)
            if drop is not None:
                dm *= drop
            dm *= d[:, 2 * n:]
            np.multiply(dm, hm_all[:, t], out=dr)
            gates = dz[:, :2 * n]
            gates *= d[:, :2 * n]
            np.copyto(dp[:, :2 * n], gates)
            np.multiply(dm, r, out=dp[:, 2 * n:])
            self.back_product(run, dp, t, ds)
            ds += direct
        return [ds]
