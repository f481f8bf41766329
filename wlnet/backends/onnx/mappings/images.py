"""Layers over images: ConvolutionLayer (Conv), DeconvolutionLayer (ConvTranspose),
PoolingLayer (MaxPool; AveragePool counting the padding, as wlnet's Mean divides by the
whole window; Total is that average times the window's size) and
BatchNormalizationLayer (BatchNormalization with the moving arrays: inference). Their
windows are the layer's own (``plan_windows``: kernel, stride, dilation, the padding
before and after each dimension); ONNX wants channels first, so a layer with
``Interleaving -> True`` is a Transpose before and after. Conv, MaxPool, AveragePool
and BatchNormalization of channels-first data read back as the layers."""
from math import prod

import numpy as np

from ....nets.layers.batchnorm import BatchNormalizationLayer
from ....nets.layers.convolution import ConvolutionLayer
from ....nets.layers.pooling import PoolingLayer
from . import Read, exports, reads


def _channels_first(b, layer, x, rank):
    if not layer.params.get("Interleaving"):
        return x
    return b.op("Transpose", [x], "channels_first", perm=[0, rank + 1, *range(1, rank + 1)])


def _channels_back(b, layer, y, rank):
    if not layer.params.get("Interleaving"):
        return y
    return b.op("Transpose", [y], "channels_last", perm=[0, *range(2, rank + 2), 1])


def _rank(layer):
    return len(layer.input_ports()["Input"]) - 1


def _pads(pairs):
    return [p[0] for p in pairs] + [p[1] for p in pairs]


@exports("ConvolutionLayer", "DeconvolutionLayer")
def convolution(b, layer, ins):
    rank, arrays = _rank(layer), layer.local_arrays()
    x = _channels_first(b, layer, ins["Input"], rank)
    args = [x, b.param("Weights", arrays["Weights"])]
    if arrays.get("Biases") is not None:
        args.append(b.param("Biases", arrays["Biases"]))
    if layer.head == "ConvolutionLayer":
        k, s, d, pairs, _ = layer.plan_windows(layer.params["KernelSize"])
        y = b.op("Conv", args, kernel_shape=list(k), strides=list(s), dilations=list(d),
                 pads=_pads(pairs), group=layer.params["ChannelGroups"])
    else:
        k, s, pairs, _ = layer.plan_windows(layer.params["KernelSize"])
        y = b.op("ConvTranspose", args, kernel_shape=list(k), strides=list(s),
                 pads=_pads(pairs), group=layer.params["ChannelGroups"])
    return {"Output": _channels_back(b, layer, y, rank)}


@exports("PoolingLayer")
def pooling(b, layer, ins):
    rank, f = _rank(layer), layer.params["Function"]
    k, s, _, pairs, _ = layer.plan_windows(layer.params["KernelSize"])
    x = _channels_first(b, layer, ins["Input"], rank)
    window = {"kernel_shape": list(k), "strides": list(s), "pads": _pads(pairs)}
    if f == "Max":
        y = b.op("MaxPool", [x], **window)
    else:
        y = b.op("AveragePool", [x], count_include_pad=1, **window)
        if f == "Total":
            y = b.op("Mul", [y, b.const(np.float32(prod(k)), "window_size")])
    return {"Output": _channels_back(b, layer, y, rank)}


@exports("BatchNormalizationLayer")
def batch_normalization(b, layer, ins):
    rank, arrays = len(layer.input_ports()["Input"]) - 1, layer.local_arrays()
    x = _channels_first(b, layer, ins["Input"], rank)
    args = [x] + [b.param(name, arrays[name]) for name in
                  ("Scaling", "Biases", "MovingMean", "MovingVariance")]
    y = b.op("BatchNormalization", args, epsilon=float(layer.params["Epsilon"]))
    return {"Output": _channels_back(b, layer, y, rank)}


# -- reading ------------------------------------------------------------------------------

def _window_options(r, node, rank):
    a = r.attrs(node)
    if a.get("auto_pad", "NOTSET") not in ("NOTSET", "VALID") or a.get("ceil_mode", 0):
        raise r.unsupported(node, "only explicit padding and windows that fit (no "
                                  "auto_pad, no ceil_mode) read as a layer")
    pads = a.get("pads", [0] * 2 * rank)
    return {"Stride": tuple(a.get("strides", [1] * rank)),
            "PaddingSize": tuple(zip(pads[:rank], pads[rank:]))}


@reads("Conv")
def read_conv(r, node):
    w = r.const(node.input[1])
    shape = r.shape(node.input[0])
    if w is None or shape is None or not 1 <= len(shape) - 1 <= 3:
        raise r.unsupported(node, "only a convolution of 1, 2 or 3 dimensions with "
                                  "constant weights reads as a ConvolutionLayer")
    rank = len(shape) - 1
    c = r.const(node.input[2]) if len(node.input) > 2 and node.input[2] else None
    a = r.attrs(node)
    layer = ConvolutionLayer.build([w.shape[0], tuple(w.shape[2:])], {
        **_window_options(r, node, rank), "Dilation": tuple(a.get("dilations", [1] * rank)),
        "ChannelGroups": a.get("group", 1), "Weights": w, "Biases": c, "Input": shape})
    return Read(layer, [("Input", node.input[0])])


@reads("MaxPool", "AveragePool")
def read_pool(r, node):
    shape, a = r.shape(node.input[0]), r.attrs(node)
    if shape is None or not 1 <= len(shape) - 1 <= 3 or len(node.output) > 1 or \
            any(d != 1 for d in a.get("dilations", [])) or a.get("storage_order", 0) or \
            (node.op_type == "AveragePool" and not a.get("count_include_pad", 0) and
             any(a.get("pads", []))):
        raise r.unsupported(node, "only pooling of 1, 2 or 3 dimensions without dilation "
                                  "(an average counting its padding) reads as a "
                                  "PoolingLayer")
    rank = len(shape) - 1
    layer = PoolingLayer.build([tuple(a["kernel_shape"])], {
        **_window_options(r, node, rank), "Input": shape,
        "Function": "Max" if node.op_type == "MaxPool" else "Mean"})
    return Read(layer, [("Input", node.input[0])])


@reads("BatchNormalization")
def read_batch_normalization(r, node):
    arrays = [r.const(x) for x in node.input[1:5]]
    if any(v is None for v in arrays) or r.attrs(node).get("training_mode", 0) or \
            len(node.output) > 1:
        raise r.unsupported(node, "only inference with constant arrays reads as a "
                                  "BatchNormalizationLayer")
    names = ("Scaling", "Biases", "MovingMean", "MovingVariance")
    layer = BatchNormalizationLayer.build([], {
        **dict(zip(names, arrays)), "Input": r.shape(node.input[0]),
        "Epsilon": r.number(r.attrs(node).get("epsilon", 1e-5))})
    return Read(layer, [("Input", node.input[0])])
