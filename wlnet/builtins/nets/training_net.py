"""The net NetTrain trains: the user's net with its loss attached, and the columns of
data that feed its ports."""

from __future__ import annotations

import math

import numpy as np

from ...expr import (Expr, Integer, PackedArray, Real, S, String, from_python, is_association,
                     make_list)
from ...nets.coders import CoderError
from ...nets.graph import Container, Graph
from ...nets.layer import Layer
from ...nets.layers.losses import CrossEntropyLossLayer, MeanSquaredLossLayer
from ...nets.layers.threading import TotalLayer
from ...nets.operators import Operator
from ...nets.shapes import VARYING, describe, matches
from ...train.measurements import Measurements, Tally
from .coders import encode_data, reason_text
from .data import to_array, to_sequences
from .operations import guarded_initialize
from .train_options import _Failed
from .values import as_net, compile_plan


# -- the training net: the user's net with its loss attached -----------------------------
class _Trainer:
    """The user's net inside a training graph <|"net" -> net, loss layers|> whose
    output "Loss" is the per-example loss; the net's array paths get the prefix "net"
    there (none when the net computes its own loss)."""

    def __init__(self, ev, net, loss_spec, symbol="NetTrain"):
        self.ev, self.net, self.symbol = ev, net, symbol
        self.loss_port = "Loss"
        self.classified = {}   # output -> (graph port of its probabilities, cross-entropy form)
        if loss_spec is S.Automatic and "Loss" in net.output_ports():
            self.graph, self.prefix = net, ()
            return
        if isinstance(loss_spec, String):
            if loss_spec.value not in net.output_ports():
                ev.message(self.symbol, "invloss", loss_spec)
                raise _Failed
            self.graph, self.prefix, self.loss_port = net, (), loss_spec.value
            return
        outputs = list(net.output_ports())
        losses = {o: (_automatic_loss(net, o) if loss_spec is S.Automatic
                      else _loss_layer(ev, symbol, loss_spec)) for o in outputs}
        self.prefix = ("net",)
        self._build(losses, _target_encoders(net, losses))

    def _build(self, losses, targets):
        """One loss layer per output, fed by that output and a target port of the same
        name (with the encoder ``targets`` gives it, for class labels); several losses
        are added up."""
        nodes = {"net": self.net}
        edges = [(("port", p), ("node", "net", p)) for p in self.net.input_ports()]
        for o, layer in losses.items():
            nodes[f"loss {o}"] = layer
            edges += [(("node", "net", o), ("node", f"loss {o}", "Input")),
                      (("port", o), ("node", f"loss {o}", "Target"))]
            if isinstance(layer, CrossEntropyLossLayer):   # measured: expose what it judges
                self.classified[o] = (f"{o} probabilities", layer.params["TargetForm"])
                edges.append((("node", "net", o), ("port", f"{o} probabilities")))
        ends = [("node", f"loss {o}", "Loss") for o in losses]
        if len(ends) > 1:
            nodes["total"] = TotalLayer()
            edges += [(end, ("node", "total")) for end in ends]
            ends = [("node", "total", "Output")]
        edges.append((ends[0], ("port", "Loss")))
        self.graph = Graph(nodes, edges, targets)

    def measurements(self, specs) -> Measurements | None:
        """A Measurements of ``specs`` for the (first) classification output, once the
        graph's shapes are known (after compile); None when nothing is classified."""
        if not self.classified:
            return None
        out, (port, form) = next(iter(self.classified.items()))
        shape = self.graph.output_ports()[port]
        tops = [k for s in specs if isinstance(s, tuple) for k in [s[1]]]
        tally = Tally(shape[-1] if form != "Binary" else 2, form == "Binary",
                      form == "Index", tops, entropies="Entropy" in specs)
        return Measurements(specs, {(port, out): tally})

    def class_labels(self) -> tuple:
        """The labels of the measured output's classes: its decoder's, or 1..n."""
        out, (port, form) = next(iter(self.classified.items()))
        if form == "Binary":
            return (False, True)
        decoder = self.net.port_coders().get(out)
        labels = getattr(decoder, "labels", None)
        return labels or tuple(range(1, self.graph.output_ports()[port][-1] + 1))

    def has_sequences(self) -> bool:
        return any(s and s[0] == VARYING for s in self.graph.input_ports().values() if s)

    def prefixed(self, rates: dict) -> dict:
        return {self.prefix + p: r for p, r in rates.items()}

    def unprefixed(self, arrays: dict) -> dict:
        n = len(self.prefix)
        return {p[n:]: a for p, a in arrays.items() if p[:n] == self.prefix}

    def trained(self, arrays):
        """The user's net (its shapes as training fixed them) with the given arrays."""
        net = self.graph.children()["net"] if self.prefix else self.graph
        return net.with_arrays(self.unprefixed(arrays))

    # -- data ----------------------------------------------------------------------
    def columns(self, data, dtype) -> dict:
        """{port: ndarray or list of sequences} for every input port of the graph."""
        ports = self.graph.input_ports()
        raw = _port_columns(self.ev, self.symbol, data, list(ports))
        missing = [p for p in ports if p not in raw]
        if missing:
            self.ev.message(self.symbol, "nodataport", String(missing[0]))
            raise _Failed
        out = {}
        encoders = self.graph.port_coders()
        for p, shape in ports.items():
            if p in encoders:
                out[p] = self._encoded(p, encoders[p], raw[p], dtype)
                continue
            sequence = shape is not None and len(shape) > 0 and shape[0] == VARYING
            col = None if sequence else to_array(raw[p], dtype)
            if col is None and (shape is None or sequence):
                col = to_sequences(raw[p], dtype)
                if col is not None and len({c.shape for c in col}) == 1 and not sequence:
                    col = np.stack(col)
            ok = col is not None and len(col) > 0 and (
                matches(shape, col.shape[1:]) if isinstance(col, np.ndarray)
                else all(matches(shape, c.shape) for c in col))
            if not ok:
                bad = _not_a_number(raw[p])
                if bad is not None:
                    self.ev.message("NetTrain", "notnum", String(p), bad)
                else:
                    self.ev.message(self.symbol, "invport", String(p), String(describe(shape)))
                raise _Failed
            out[p] = col
        counts = {len(c) for c in out.values()}
        if len(counts) != 1:
            self.ev.message(self.symbol, "datalen", from_python(sorted(counts)))
            raise _Failed
        return out

    def _encoded(self, port, encoder, column, dtype):
        """A column of Wolfram values (class labels, strings) through the port's encoder:
        an array, or a list of sequences."""
        if not (isinstance(column, Expr) and column.head is S.List and column.args):
            self.ev.message(self.symbol, "invport", String(port),
                            String(f"something {encoder.form()} can encode"))
            raise _Failed
        try:
            codes, _ = encode_data(encoder, column)
        except CoderError as e:
            self.ev.message(self.symbol, "invindata3", String(
                f"The data for the port {port} could not be encoded: {reason_text(e)}."))
            raise _Failed from None
        if isinstance(codes, list):
            return [c.astype(dtype) for c in codes]
        return codes.astype(dtype)

    def compile(self, data, rng, dtype):
        """prepare, then the NumPy plan (after the memory budget is asked)."""
        self.prepare(data, rng)
        return compile_plan(self.ev, S.NetTrain, self.graph, dtype)

    def prepare(self, data, rng):
        """Fix unknown port shapes from the data and initialise missing arrays (with the
        training generator)."""
        if self.graph.incomplete():
            shapes = {p: _shape_of(c) for p, c in data.items()}
            self.graph = self.graph.refine(shapes, {})
        if not self.graph.is_initialized():
            self.graph = guarded_initialize(self.ev, S.NetTrain, self.graph, rng)


def _not_a_number(data):
    """The first element of (nested lists of) data that is not a finite machine number
    (Indeterminate, Infinity, a symbol, 10^400), or None when there is none."""
    stack = [data]
    while stack:
        x = stack.pop()
        if isinstance(x, PackedArray):
            if x.array.dtype.kind == "f" and not np.isfinite(x.array).all():
                return Real(float(x.array[~np.isfinite(x.array)][0]))
        elif isinstance(x, Expr) and x.head is S.List:
            stack.extend(reversed(x.args))
        elif not (isinstance(x, (Integer, Real)) and math.isfinite(x.value) and
                  abs(x.value) < 3.4e38):
            return x
    return None


STEP_BYTES = 3    # a value of a training step is kept forward, backward and in between


def example_values(net) -> int:
    """The numbers one example of a batch occupies in a training step: every port of
    every layer (a sequence dimension counted once), for the memory budget."""
    children = net.children()
    if children:
        return sum(example_values(c) for c in children.values())
    shapes = [*net.input_ports().values(), *net.output_ports().values()]
    return max(1, sum(math.prod(d if isinstance(d, int) else 1 for d in s or ())
                      for s in shapes))


def _shape_of(col):
    if isinstance(col, np.ndarray):
        return tuple(col.shape[1:])
    dims = {c.shape[1:] for c in col}
    return (VARYING,) + dims.pop() if len(dims) == 1 else None


def _port_columns(ev, symbol, data, ports):
    """Raw column expressions by port name from any of the four data forms; the rule
    forms give the first port the inputs and the second the targets."""
    if is_association(data):
        return {r.args[0].value: r.args[1] for r in data.args if isinstance(r.args[0], String)}
    if isinstance(data, Expr) and data.head is S.Rule and len(ports) == 2:
        return {ports[0]: data.args[0], ports[1]: data.args[1]}
    if isinstance(data, Expr) and data.head is S.List and data.args and \
            not isinstance(data, PackedArray):
        first = data.args[0]
        if is_association(first) and all(is_association(d) for d in data.args):
            names = [r.args[0] for r in first.args]
            return {n.value: make_list([_lookup(d, n) for d in data.args]) for n in names
                    if isinstance(n, String)}
        if len(ports) == 2 and all(isinstance(d, Expr) and d.head is S.Rule and
                                   len(d.args) == 2 for d in data.args):
            return {ports[0]: make_list([d.args[0] for d in data.args]),
                    ports[1]: make_list([d.args[1] for d in data.args])}
    ev.message(symbol, "invdata", from_python(ports))
    raise _Failed


def _lookup(assoc, key):
    for r in assoc.args:
        if r.args[0] == key:
            return r.args[1]
    return S.Missing


def _feeding_layer(net, port):
    """The layer whose output becomes the net's output ``port`` (through containers and
    operators), or None."""
    while not isinstance(net, Layer):
        if isinstance(net, Operator):
            net = net.net
        elif isinstance(net, Container):
            src = [s for s, d in net.connections() if d == (None, port)]
            if not src or src[0][0] is None:
                return None
            key, port = src[0]
            net = net.children()[key]
        else:
            return None
    return net


def _automatic_loss(net, port):
    """Wolfram's choice: the loss the layer feeding the output asks for
    (``Layer.automatic_loss``: CrossEntropyLossLayer["Index"] after a SoftmaxLayer,
    ["Binary"] after a LogisticSigmoid), else MeanSquaredLossLayer[]."""
    layer = _feeding_layer(net, port)
    loss = layer.automatic_loss() if layer is not None else None
    return loss if loss is not None else MeanSquaredLossLayer()


def _target_encoders(net, losses) -> dict:
    """{target port: encoder} for the outputs that have a decoder: NetTrain encodes
    their targets as the decoder's matching encoder does (class labels to indices for a
    loss taking indices, to unit vectors otherwise)."""
    decoders = net.port_coders()
    return {o: decoders[o].encoder(getattr(layer, "index_target", False))
            for o, layer in losses.items() if o in decoders}


def _loss_layer(ev, symbol, spec):
    layer = as_net(spec)
    if layer is None or set(layer.input_ports()) != {"Input", "Target"} or \
            "Loss" not in layer.output_ports():
        ev.message(symbol, "invloss", spec)
        raise _Failed
    return layer
