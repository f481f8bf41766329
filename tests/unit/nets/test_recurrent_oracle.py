"""PyTorch as an independent oracle for the recurrent layers (issue 13): the same arrays
mapped to torch.nn.LSTM / GRU / RNN, a batch of sequences of different lengths with given
initial states, and the outputs, final states and every gradient (arrays, inputs, initial
states) equal to 1e-5 in float32. PyTorch runs each example on its own (its sequence at
its own length), as Wolfram ends each sequence at its own last step.

Mapping: torch packs the gates as LSTM (i, f, g, o) and GRU (r, z, n); Wolfram's gates are
LSTM input, forget, memory, output and GRU reset, input (= torch's z), memory. Wolfram has
one bias per gate, so torch's hidden biases are held at zero; its GRU applies the reset
gate to W_hn.h + b_hn, which with b_hn = 0 is Wolfram's r * (Wms.s)."""
import numpy as np
import pytest

from wlnet.nets.initialize import initialize
from wlnet.nets.layers.basic_recurrent import BasicRecurrentLayer
from wlnet.nets.layers.gru import GatedRecurrentLayer
from wlnet.nets.layers.lstm import LongShortTermMemoryLayer
from wlnet.nets.plan import compile

torch = pytest.importorskip("torch", reason="PyTorch (the bench extra) is the oracle")

K, N = 3, 4
LENGTHS = [5, 2, 5, 1, 4]

# Wolfram's gates in torch's packing order
TORCH_GATES = {LongShortTermMemoryLayer: ("InputGate", "ForgetGate", "MemoryGate", "OutputGate"),
               GatedRecurrentLayer: ("ResetGate", "InputGate", "MemoryGate"),
               BasicRecurrentLayer: ("",)}
TORCH_MODULE = {LongShortTermMemoryLayer: "LSTM", GatedRecurrentLayer: "GRU",
                BasicRecurrentLayer: "RNN"}


def _torch_net(cls, arrays):
    module = getattr(torch.nn, TORCH_MODULE[cls])(K, N, batch_first=True)
    gates = TORCH_GATES[cls]
    with torch.no_grad():
        for name, part in (("weight_ih_l0", "InputWeights"), ("weight_hh_l0", "StateWeights"),
                           ("bias_ih_l0", "Biases")):
            getattr(module, name).copy_(torch.from_numpy(
                np.concatenate([arrays[(g + part,)] for g in gates])))
        module.bias_hh_l0.zero_()
    return module


def _unpack(cls, packed):
    """Torch's packed gradient as {Wolfram array name: gradient}."""
    return {g + part: block for part, array in packed.items()
            for g, block in zip(TORCH_GATES[cls], np.split(array, len(TORCH_GATES[cls])))}


@pytest.mark.parametrize("cls", [LongShortTermMemoryLayer, GatedRecurrentLayer,
                                 BasicRecurrentLayer], ids=lambda c: c.head)
@pytest.mark.parametrize("with_states", [True, False])
def test_outputs_and_gradients_equal_pytorchs_on_a_batch_of_several_lengths(cls, with_states):
    rng = np.random.default_rng(3)
    net = initialize(cls(N, input=("Varying", K)), rng)
    net = net.with_arrays({p: a + 0.3 * rng.standard_normal(a.shape).astype(np.float32)
                           for p, a in net.arrays().items()})
    states = list(net.state_ports())
    xs = [rng.standard_normal((t, K)).astype(np.float32) for t in LENGTHS]
    s0 = {p: rng.standard_normal((len(xs), N)).astype(np.float32) for p in states}
    gy = [rng.standard_normal((t, N)).astype(np.float32) for t in LENGTHS]
    gs = {p: rng.standard_normal((len(xs), N)).astype(np.float32) for p in states}

    plan = compile(net, np.float32)
    out = plan.forward({"Input": xs, **(s0 if with_states else {})})
    finals = dict(plan.final_states)
    grads = {p[0]: g.copy() for p, g in plan.backward({"Output": gy, **gs}).items()}
    input_grads = dict(plan.input_grads)

    module = _torch_net(cls, net.arrays())
    x_grads, s_grads = [], {p: [] for p in states}
    for i, x in enumerate(xs):
        xt = torch.tensor(x[None], requires_grad=True)
        init = {p: torch.tensor(s0[p][i][None, None] if with_states else
                                np.zeros((1, 1, N), np.float32), requires_grad=True)
                for p in states}
        h0 = (init["State"], init["CellState"]) if len(states) == 2 else init["State"]
        y, h = module(xt, h0)
        finals_t = dict(zip(states, h if isinstance(h, tuple) else (h,)))
        np.testing.assert_allclose(out["Output"][i], y[0].detach().numpy(), atol=1e-5, rtol=1e-5)
        for p in states:
            np.testing.assert_allclose(finals[p][i], finals_t[p][0, 0].detach().numpy(),
                                       atol=1e-5, rtol=1e-5)
        loss = (y[0] * torch.from_numpy(gy[i])).sum() + sum(
            (finals_t[p][0, 0] * torch.from_numpy(gs[p][i])).sum() for p in states)
        loss.backward()
        x_grads.append(xt.grad[0].numpy())
        for p in states:
            s_grads[p].append(init[p].grad[0, 0].numpy())

    want = _unpack(cls, {"InputWeights": module.weight_ih_l0.grad.numpy(),
                         "StateWeights": module.weight_hh_l0.grad.numpy(),
                         "Biases": module.bias_ih_l0.grad.numpy()})
    assert want.keys() == grads.keys()
    for name, g in want.items():
        np.testing.assert_allclose(grads[name], g, atol=1e-5, rtol=1e-5, err_msg=name)
    for got, g in zip(input_grads["Input"], x_grads):
        np.testing.assert_allclose(got, g, atol=1e-5, rtol=1e-5)
    for p in states if with_states else ():
        np.testing.assert_allclose(input_grads[p], np.stack(s_grads[p]), atol=1e-5, rtol=1e-5)
