"""PyTorch as an independent oracle for the structural and sequence layers, EmbeddingLayer
and the activation functions: the same inputs and arrays through the layer (float32) and
through the torch operation that means the same thing; outputs and the gradients of
sum(output * g), for every input and array, agree to 1e-5. The torch side is written
from what the Wolfram layer means, not from wlnet's code."""
import zlib

import numpy as np
import pytest

from wlnet.nets.structured import Call, Sym
from wlnet.nets.graph import Graph
from wlnet.nets.layers.aggregation import AggregationLayer
from wlnet.nets.layers.catenate import CatenateLayer
from wlnet.nets.layers.constant import ConstantArrayLayer
from wlnet.nets.layers.dot import DotLayer
from wlnet.nets.layers.elementwise import ElementwiseLayer
from wlnet.nets.layers.embedding import EmbeddingLayer
from wlnet.nets.layers.padding import PaddingLayer
from wlnet.nets.layers.part import PartLayer
from wlnet.nets.layers.replicate import ReplicateLayer
from wlnet.nets.layers.reshape import FlattenLayer, ReshapeLayer
from wlnet.nets.layers.sequence_parts import (SequenceMostLayer, SequenceRestLayer,
                                              SequenceReverseLayer)
from wlnet.nets.layers.softmax import SoftmaxLayer
from wlnet.nets.layers.threading import ThreadingLayer
from wlnet.nets.layers.transpose import TransposeLayer
from wlnet.nets.plan import compile

torch = pytest.importorskip("torch", reason="PyTorch is the oracle (the optional extra bench)")
F = torch.nn.functional
B = 3
SPAN, SWAP, ALL = (lambda a, b: Call("Span", (a, b))), (lambda a, b: Call("TwoWayRule", (a, b))), \
    Sym("All")
INHERITED, AUTOMATIC = Sym("Inherited"), Sym("Automatic")


def x(*dims):
    return {"Input": (B,) + dims}


def xs(*shapes):
    return {f"Input{i}": (B,) + s for i, s in enumerate(shapes, 1)}


# name: (layer, {input port: batch shape}, torch function of (inputs, arrays))
CASES = {
    "Flatten[]": (FlattenLayer(input=(3, 4, 5)), x(3, 4, 5), lambda i, a: i["Input"].flatten(1)),
    "Flatten[1]": (FlattenLayer(1, input=(3, 4, 5)), x(3, 4, 5),
                   lambda i, a: i["Input"].flatten(1, 2)),
    "Flatten[-1]": (FlattenLayer(-1, input=(3, 4, 5)), x(3, 4, 5),
                    lambda i, a: i["Input"].flatten(2, 3)),
    "Reshape": (ReshapeLayer((INHERITED, 2, AUTOMATIC), input=(2, 3, 4)), x(2, 3, 4),
                lambda i, a: i["Input"].reshape(B, 2, 2, 6)),
    "Transpose[]": (TransposeLayer(input=(2, 3)), x(2, 3), lambda i, a: i["Input"].transpose(1, 2)),
    "Transpose[{3,1,2}]": (TransposeLayer((3, 1, 2), input=(2, 3, 4)), x(2, 3, 4),
                           lambda i, a: i["Input"].permute(0, 2, 3, 1)),
    "Transpose[2->4]": (TransposeLayer(Call("Rule", (2, 4)), input=(2, 3, 4, 5)), x(2, 3, 4, 5),
                        lambda i, a: i["Input"].permute(0, 1, 3, 4, 2)),
    "Part[{2,1;;3,-2;;-1}]": (PartLayer((2, SPAN(1, 3), SPAN(-2, -1)), input=(4, 5, 2)),
                              x(4, 5, 2), lambda i, a: i["Input"][:, 1, 0:3, -2:]),
    "Part[{All,-1}]": (PartLayer((ALL, -1), input=(3, 4)), x(3, 4),
                       lambda i, a: i["Input"][:, :, -1]),
    "Replicate[{2,3},2]": (ReplicateLayer((2, 3), 2, input=(4, 5)), x(4, 5),
                           lambda i, a: i["Input"][:, :, None, None, :].expand(B, 4, 2, 3, 5)),
    "Padding[2.5]": (PaddingLayer(((1, 2), (0, 1)), padding=2.5, input=(3, 4)), x(3, 4),
                     lambda i, a: F.pad(i["Input"], (0, 1, 1, 2), value=2.5)),
    "Padding[Fixed]": (PaddingLayer(((0, 0), (1, 2), (2, 1)), padding="Fixed", input=(2, 4, 5)),
                       x(2, 4, 5), lambda i, a: F.pad(i["Input"], (2, 1, 1, 2), mode="replicate")),
    "Padding[Reflected]": (PaddingLayer(((0, 0), (2, 1)), padding="Reflected", input=(3, 5)),
                           x(3, 5), lambda i, a: F.pad(i["Input"], (2, 1), mode="reflect")),
    "Padding[Periodic]": (PaddingLayer(((0, 0), (3, 2)), padding="Periodic", input=(2, 4)),
                          x(2, 4), lambda i, a: F.pad(i["Input"], (3, 2), mode="circular")),
    "Dot[matrix, vector]": (DotLayer(input_ports=((2, 3), (3,))), xs((2, 3), (3,)),
                            lambda i, a: torch.bmm(i["Input1"], i["Input2"][:, :, None])[:, :, 0]),
    "Dot[3 matrices]": (DotLayer(input_ports=((2, 3), (3, 4), (4, 2))), xs((2, 3), (3, 4), (4, 2)),
                        lambda i, a: i["Input1"] @ i["Input2"] @ i["Input3"]),
    "Dot[{1<->2, None}]": (DotLayer((SWAP(1, 2), Sym("None")), input_ports=((3, 2), (3, 4))),
                           xs((3, 2), (3, 4)),
                           lambda i, a: i["Input1"].transpose(1, 2) @ i["Input2"]),
    "Softmax[1]": (SoftmaxLayer(1, input=(3, 4)), x(3, 4), lambda i, a: torch.softmax(i["Input"], 1)),
    "Softmax[2]": (SoftmaxLayer(2, input=(2, 3, 2)), x(2, 3, 2),
                   lambda i, a: torch.softmax(i["Input"], 2)),
    "Catenate[2]": (CatenateLayer(2, input_ports=((3, 2), (3, 4))), xs((3, 2), (3, 4)),
                    lambda i, a: torch.cat([i["Input1"], i["Input2"]], 2)),
    "Catenate[broadcast]": (CatenateLayer(input_ports=((3, 2), (4,))), xs((3, 2), (4,)),
                            lambda i, a: torch.cat([i["Input1"], i["Input2"][:, None, :]
                                                    .expand(B, 3, 4)], 2)),
    "Aggregation[Max,{1,3}]": (AggregationLayer("Max", (1, 3), input=(2, 3, 4)), x(2, 3, 4),
                               lambda i, a: torch.amax(i["Input"], dim=(1, 3))),
    "Aggregation[Min]": (AggregationLayer("Min", input=(3, 4)), x(3, 4),
                         lambda i, a: torch.amin(i["Input"], dim=2)),
    "Aggregation[Mean]": (AggregationLayer("Mean", input=(3, 4)), x(3, 4),
                          lambda i, a: i["Input"].mean(2)),
    "Aggregation[Total,1]": (AggregationLayer("Total", 1, input=(3, 4)), x(3, 4),
                             lambda i, a: i["Input"].sum(1)),
    "Aggregation[Times,All]": (AggregationLayer("Times", ALL, input=(2, 3)), x(2, 3),
                               lambda i, a: i["Input"].flatten(1).prod(1)),
    "SequenceMost": (SequenceMostLayer(input=(4, 2)), x(4, 2), lambda i, a: i["Input"][:, :-1]),
    "SequenceRest": (SequenceRestLayer(input=(4, 2)), x(4, 2), lambda i, a: i["Input"][:, 1:]),
    "SequenceReverse": (SequenceReverseLayer(input=(4, 2)), x(4, 2),
                        lambda i, a: torch.flip(i["Input"], [1])),
    "Embedding": (EmbeddingLayer(4, 5, input=(6,)), x(6),
                  lambda i, a: F.embedding(i["Input"].long() - 1, a[("Weights",)])),
    "ConstantArray + input": (
        Graph([ConstantArrayLayer(output=(2, 3)), ThreadingLayer("Plus")],
              [(("port", "Input"), ("node", 2)), (1, ("node", 2))], {"Input": (2, 3)}),
        x(2, 3), lambda i, a: i["Input"] + a[(1, "Array")]),
}
ACTIVATIONS = {"Erf": torch.erf, "InverseErf": torch.erfinv, "LogGamma": torch.lgamma,
               "GaussianErrorLinearUnit": F.gelu, "ScaledExponentialLinearUnit": F.selu,
               "ExponentialLinearUnit": F.elu, "SoftPlus": F.softplus, "Mish": F.mish,
               "HardSwish": F.hardswish, "HardTanh": F.hardtanh, "SoftSign": F.softsign,
               "Swish": F.silu, "LogisticSigmoid": torch.sigmoid, "Ramp": F.relu}
for _name, _f in ACTIVATIONS.items():
    CASES[_name] = (ElementwiseLayer(_name, input=(7,)), x(7), lambda i, a, f=_f: f(i["Input"]))


@pytest.mark.parametrize("name", CASES)
def test_layer_agrees_with_torch(name):
    net, shapes, torch_f = CASES[name]
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    integer = isinstance(net, EmbeddingLayer)
    inputs = {p: (rng.integers(1, 6, s) if integer else
                  rng.uniform(0.1, 0.9, s) * rng.choice([-1, 1], s)
                  if name in ("InverseErf",) else rng.uniform(0.3, 3, s)
                  if name == "LogGamma" else rng.standard_normal(s)).astype(np.float32)
              for p, s in shapes.items()}
    arrays = {p: rng.standard_normal(s).astype(np.float32)
              for p, s in net.array_shapes().items()}
    plan = compile(net.with_arrays(arrays) if arrays else net, np.float32)
    ours = plan.forward(inputs)
    seeds = {p: rng.standard_normal(v.shape).astype(np.float32) for p, v in ours.items()}
    our_grads = plan.backward(seeds)

    t_in = {p: torch.tensor(v, requires_grad=not integer) for p, v in inputs.items()}
    t_arrays = {p: torch.tensor(v, requires_grad=True) for p, v in arrays.items()}
    out = torch_f(t_in, t_arrays)
    np.testing.assert_allclose(ours["Output"], out.detach().numpy(), rtol=1e-5, atol=1e-5)
    (out * torch.tensor(seeds["Output"])).sum().backward()
    for p, t in ([] if integer else list(t_in.items())) + list(t_arrays.items()):
        want = t.grad.numpy()
        got = plan.input_grads[p] if isinstance(p, str) else our_grads[p]
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5, err_msg=f"gradient of {p}")
