"""Decoding a net's output arrays into Wolfram values, by the properties the decoders
offer: what ``dec[x, prop]`` and ``net[x, prop]`` give.

The numbers come from the runtime (``nets.coders``: the ranking of classes, the
entropy); this module makes the expressions (labels, associations, rules) and says
what is wrong with a property or an array (``NetDecoder::invprop``, ``::invarray``,
``::invrank``, ``::notarray``).
"""

from __future__ import annotations

import numpy as np

from ...expr import Expr, Integer, Real, S, String, Symbol, make_list
from ...format.nets import label_expr
from ...kernel.builtin import PROPERTY_NAMES
from ...format.outputform import linear_output_form
from ...nets.coders.classes import (ClassDecoder, decisions, entropy, ranked,
                                    top_probabilities)
from ...nets.coders.simple import BooleanDecoder, boolean_entropy
from ...nets.errors import NetError
from ...nets.shapes import matches
from .data import from_array, to_array, to_label
from .values import report, show

__all__ = ["decode", "decode_standalone", "property_spec", "properties_expr"]

PROPERTY_NAMES.update(("Decision", "Probabilities", "Probability", "TopProbabilities",
                       "TopDecisions", "Entropy", "RandomSample"))

TRUE, FALSE = Symbol("True"), Symbol("False")


def property_spec(e):
    """A decoder property as Python: "Decision", ("TopProbabilities", 3) or
    ("Probabilities", label); None for an expression that is not one."""
    if isinstance(e, String):
        return e.value
    if isinstance(e, Expr) and e.head is S.List and len(e.args) == 2 and \
            isinstance(e.args[0], String):
        arg = e.args[1]
        return (e.args[0].value, arg.value if isinstance(arg, Integer) else to_label(arg))
    return None


def properties_expr(decoder):
    """The properties a decoder offers, as Wolfram lists them."""
    return make_list(String(p) if isinstance(p, str) else
                     make_list([String(p[0]), Symbol(p[1])]) for p in decoder.properties)


def _invalid(decoder, prop_expr):
    names = linear_output_form(properties_expr(decoder)) if decoder.properties else "none"
    return NetError("NetDecoder", "invprop", f"{linear_output_form(prop_expr)} is not a "
                    f"property of {decoder.form()}; its properties are {names}.")


def decode(ev, decoder, batch: np.ndarray, single: bool, prop_expr=None):
    """The expression for a batch of arrays (batch axis first) decoded by ``decoder``
    with the property ``prop_expr`` (None: the default, "Decision"); one example's
    value when ``single``. NetError for a property the decoder does not have."""
    prop = "Decision" if prop_expr is None else property_spec(prop_expr)
    batch = np.asarray(batch, dtype=np.float64)
    if isinstance(decoder, ClassDecoder):
        if batch.ndim < 2 or batch.shape[-1] == 0:
            raise NetError("NetDecoder", "invarray", f"the input to {decoder.form()} should "
                           "be probability vectors of at least one class, not "
                           f"{_dims(batch.shape[1:])}.")
        values = _class_values(ev, decoder.fitted(batch.shape[1:]), batch, prop, prop_expr)
    elif isinstance(decoder, BooleanDecoder):
        values = _boolean_values(ev, decoder, batch, prop, prop_expr)
    elif prop == "Decision":
        values = [from_array(x[..., 0]) for x in batch]       # "Scalar": {x} -> x
    else:
        raise _invalid(decoder, prop_expr)
    return values[0] if single else make_list(values)


def _class_values(ev, decoder, batch, prop, prop_expr):
    """One value per example; arrays of probability vectors (InputDepth > 1) map."""
    labels = decoder.labels
    if prop == "Decision":
        return _mapped(decisions(batch), lambda i: label_expr(labels[i]))
    if prop == "TopProbabilities":
        return _rows(batch, lambda p: make_list(_rule(labels[i], q)
                                                for i, q in top_probabilities(p)))
    if prop == "Probabilities":
        return _rows(batch, lambda p: Expr.make(S.Association, [
            _rule(label, q) for label, q in zip(labels, p.tolist())]))
    if prop == "Entropy":
        return _mapped(entropy(batch), Real)
    if prop == "RandomSample":
        return _rows(batch, lambda p: label_expr(labels[_sample(ev, p)]))
    if isinstance(prop, tuple):
        name, arg = prop
        if name in ("Probabilities", "Probability") and decoder.index_of(arg) is not None:
            return _mapped(batch[..., decoder.index_of(arg)], Real)
        if name in ("TopProbabilities", "TopDecisions") and isinstance(arg, int) and \
                1 <= arg <= len(labels):
            if name == "TopDecisions":
                return _rows(batch, lambda p: make_list(label_expr(labels[i])
                                                        for i in ranked(p)[:arg]))
            return _rows(batch, lambda p: make_list(_rule(labels[i], p[i])
                                                    for i in ranked(p)[:arg]))
    raise _invalid(decoder, prop_expr)


def _boolean_values(ev, decoder, batch, prop, prop_expr):
    if prop == "Decision":
        return _mapped(batch >= 0.5, lambda b: TRUE if b else FALSE)
    if prop == "Probability":
        return _mapped(batch, Real)
    if prop == "Entropy":
        return _mapped(boolean_entropy(batch), Real)
    if prop == "RandomSample":
        return _mapped(batch, lambda p: TRUE if ev.rng.random() < p else FALSE)
    raise _invalid(decoder, prop_expr)


def _rule(label, p):
    return Expr(S.Rule, label_expr(label), Real(float(p)))


def _mapped(values: np.ndarray, f) -> list:
    """f of every element of each example's array, nested as the array is."""
    def build(v):
        return f(v.item()) if v.ndim == 0 else make_list(build(x) for x in v)
    return [build(np.asarray(v)) for v in values]


def _rows(batch: np.ndarray, f) -> list:
    """f of every probability vector (the last axis) of each example, nested."""
    def build(v):
        return f(v) if v.ndim == 1 else make_list(build(x) for x in v)
    return [build(v) for v in batch]


def _sample(ev, p):
    p = np.clip(np.asarray(p, dtype=np.float64), 0, None)
    total = p.sum()
    p = p / total if total > 0 else np.full_like(p, 1 / len(p))
    return int(ev.rng.choice(len(p), p=p))


def decode_standalone(ev, decoder, data, prop_expr=None):
    """NetDecoder[...][data] and [data, prop]: one array or a list of them."""
    if prop_expr == String("Properties"):
        return properties_expr(decoder)
    if prop_expr is Symbol("None"):
        return data
    a = to_array(data, np.float64)
    try:
        if a is None:
            raise NetError("NetDecoder", "notarray", "the input to a NetDecoder should be "
                           "a numeric array.")
        rank = len(decoder.shape)
        if a.ndim not in (rank, rank + 1):
            raise NetError("NetDecoder", "invrank", f"the input to {decoder.form()} should "
                           f"have rank {rank} (or {rank + 1} for a list of them), not "
                           f"{a.ndim}.")
        single = a.ndim == rank
        batch = a[None] if single else a
        if not matches(decoder.shape, batch.shape[1:]):
            raise NetError("NetDecoder", "invarray", f"the input to {decoder.form()} "
                           f"should have dimensions {_dims(decoder.shape)}, not "
                           f"{_dims(batch.shape[1:])}.")
        return decode(ev, decoder, batch, single, prop_expr)
    except NetError as e:
        return report(ev, e)


def _dims(shape) -> str:
    return "{" + ", ".join("n" if d is None else str(d) for d in shape) + "}"


RAW = object()    # net[x, None]: the output arrays, not decoded


def output_request(net, spec):
    """(output port or None for all, property) of net[x, spec]: a port name, None (RAW),
    "port" -> prop, or a property of the decoder on the net's output."""
    if spec is None:
        return None, None
    if spec is Symbol("None"):
        return None, RAW
    outputs = {**net.output_ports(), **net.state_ports()}
    if isinstance(spec, String) and spec.value in outputs:
        return spec.value, None
    if isinstance(spec, Expr) and spec.head is S.Rule and isinstance(spec.args[0], String) \
            and spec.args[0].value in outputs:
        prop = spec.args[1]
        return spec.args[0].value, RAW if prop is Symbol("None") else prop
    decoded = [p for p in net.port_coders() if p in net.output_ports()]
    if len(decoded) == 1:
        return decoded[0], spec
    if isinstance(spec, String) and not decoded:
        raise NetError(net.head, "invport", f"the net has no output port {spec.value}; its "
                       f"outputs are {', '.join(net.output_ports())}.")
    raise NetError(net.head, "invprop", f"{show(spec)} is neither an output port of the net "
                   f"nor a property of a decoder on its output; give \"port\" -> property "
                   f"or one of the ports {', '.join(net.output_ports())}.")


def decoded_outputs(ev, net, outs: dict, single: bool, prop,
                    numeric: bool = False) -> dict:
    """{port: expression}: each output array decoded by the port's decoder (with the
    property ``prop``), or as numbers where there is none or RAW is asked for (as
    NumericArrays when ``numeric``: the data held one)."""
    coders = net.port_coders()
    values = {}
    for p, v in outs.items():
        decoder = coders.get(p)
        if decoder is not None and prop is not RAW:
            values[p] = decode(ev, decoder, v, single, prop)
        elif prop is not None and prop is not RAW:
            raise NetError(net.head, "invprop", f"the output {p} has no decoder, so it has "
                           f"no property {show(prop)}.")
        else:
            values[p] = from_array(v[0] if single else v, numeric)
    return values
