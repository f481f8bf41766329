"""NetEncoder and NetDecoder: the coder values, their builtins, and encoding Wolfram
data for a net's input ports.

The runtime's coders (``wlnet/nets/coders``) hold class labels as opaque Python values
and take Python inputs of one sort each (``Encoder.takes``); this module turns Wolfram
values into those (``data.to_label``: integers and strings become ints and strs, other
labels stay expressions) and back. Decoding by property is ``decoding.py``.

Messages (Wolfram's tags, our words): ``NetEncoder::badtype`` (no such coder),
``::invcdrarg`` (a bad parameter), ``NetEncoder::invencin`` (an input the encoder
cannot take), and in a net ``Head::invindata3`` (a port's data cannot be encoded).
"""

from __future__ import annotations

import numpy as np

from ...expr import Expr, Integer, ObjectAtom, PackedArray, Real, S, String, Symbol, make_list
from ...format.inputform import input_form
from ...format.nets import coder_expr, label_expr
from ...format.outputform import linear_output_form
from ...kernel.builtin import builtin
from ...nets.coders import Coder, CoderError, Decoder, Encoder, coder_class
from ...nets.errors import NetError
from .data import from_array, to_array, to_label
from .layers import read_argument
from .values import FAILED, NET_MESSAGES, report

__all__ = ["CoderValue", "as_coder", "encode_port", "reason_text", "labels_expr"]

CODER_MESSAGES = {**NET_MESSAGES, "invencin": "`1`"}
BOOLEANS = {"True": True, "False": False}


class CoderValue(ObjectAtom):
    """NetEncoder[...] or NetDecoder[...] as a value: applied to data it encodes or
    decodes, coder[["param"]] and Normal[coder] give its parameters."""

    __slots__ = ()

    @property
    def head(self) -> Symbol:
        return Symbol(self.payload.head)

    def __eq__(self, other):             # coders are values: equal parameters, same coder
        return isinstance(other, CoderValue) and other.payload == self.payload

    def __hash__(self):
        return hash(self.payload)

    def output_form(self) -> str:
        return self.payload.form()

    def input_form(self) -> str:
        return input_form(coder_expr(self.payload))

    def apply(self, ev, expr):
        from .decoding import decode_standalone
        coder = self.payload
        try:
            if isinstance(coder, Decoder):
                if len(expr.args) not in (1, 2):
                    return None
                return decode_standalone(ev, coder, *expr.args)
            if len(expr.args) != 1:
                return None
            values, single = encode_data(coder, expr.args[0])
        except NetError as e:
            return report(ev, e)
        except CoderError as e:
            ev.message("NetEncoder", "invencin",
                       String(f"The input cannot be encoded: {reason_text(e)}."))
            return FAILED
        return codes_expr(values[0] if single else values)

    def part(self, ev, spec):
        return self._parameter(ev, spec, "NetExtract")

    def normal(self):
        return Expr.make(S.Association, [Expr(S.Rule, String(k), parameter_expr(v))
                                         for k, v in self.payload.parameters().items()])

    def information(self, ev, props):
        if not props:
            return self.normal()
        values = [self._parameter(ev, p, "Information") for p in props]
        if any(v is None for v in values):
            return FAILED
        return values[0] if len(values) == 1 else make_list(values)

    def _parameter(self, ev, spec, symbol):
        params = self.payload.parameters()
        if isinstance(spec, String) and spec.value in params:
            return parameter_expr(params[spec.value])
        ev.message(symbol, "netnopart", String(f"{linear_output_form(spec)} is not a "
                                               f"parameter of {self.payload.form()}; it has "
                                               f"{', '.join(params)}."))
        return None


def as_coder(expr) -> Coder | None:
    return expr.payload if isinstance(expr, CoderValue) else None


def parameter_expr(value):
    """A coder parameter as Wolfram shows it."""
    if isinstance(value, (tuple, list)):
        return make_list(parameter_expr(v) for v in value)
    if value is None:
        return S.Automatic
    if isinstance(value, np.generic):   # an element of a packed array of data
        value = value.item()
    return label_expr(value)


def labels_expr(labels):
    return make_list(label_expr(v) for v in labels)


def reason_text(error: CoderError) -> str:
    """A CoderError's words with its values in the terminal's notation (no quotes)."""
    parts = error.template.split("``")
    text = parts[0]
    for value, rest in zip(error.values, parts[1:]):
        text += linear_output_form(parameter_expr(value)) + rest
    return text


# -- building coders ------------------------------------------------------------------

def _coder_spec(head: str, e):
    """(kind, positional argument expressions, {option: expression}) of a coder spec:
    "kind" or {"kind", args..., "opt" -> value, ...}."""
    if isinstance(e, String):
        return e.value, [], {}
    if isinstance(e, Expr) and e.head is S.List and e.args and isinstance(e.args[0], String):
        args, options = [], {}
        for a in e.args[1:]:
            if isinstance(a, Expr) and a.head in (S.Rule, S.RuleDelayed) and \
                    isinstance(a.args[0], (String, Symbol)):
                key = a.args[0]
                options[key.value if isinstance(key, String) else key.name] = a.args[1]
            elif options:
                raise NetError(head, "invcdrarg", f"{input_form(a)} comes after the "
                               "options; give the positional arguments first.")
            else:
                args.append(a)
        return e.args[0].value, args, options
    raise NetError(head, "invcdrarg", f"{input_form(e)} is not a coder specification: give "
                   "\"kind\" or {\"kind\", arguments..., options...}.")


def build_coder(head: str, spec) -> Coder:
    """The runtime coder for NetEncoder[spec] or NetDecoder[spec] (spec may be a coder of
    the other kind: NetDecoder[NetEncoder[...]] takes its parameters)."""
    other = as_coder(spec)
    if other is not None:
        if other.head == head:
            return other
        return other.decoder() if isinstance(other, Encoder) else other.encoder()
    kind, args, options = _coder_spec(head, spec)
    cls = coder_class(head, kind)
    values = []
    for p, e in zip(cls.arguments, args):
        values.append(p.default if e is S.Automatic else _read(cls, p, e))
    if len(args) > len(cls.arguments):
        values += args[len(cls.arguments):]        # the runtime says how many it takes
    opts = {}
    for name, e in options.items():
        param = cls._by_name.get(name)
        opts[name] = e if param is None else (param.default if e is S.Automatic
                                              else _read(cls, param, e))
    return cls.build(values, opts)


def _read(cls, param, e):
    try:
        return read_argument(cls.form(), param, e)
    except NetError as problem:
        raise NetError(cls.head, "invcdrarg", problem.text) from None


def _coder_builtin(head: str, usage: str):
    @builtin(head, argc=1, messages=CODER_MESSAGES, usage=usage)
    def construct(ev, expr):
        try:
            return CoderValue(build_coder(head, expr.args[0]))
        except NetError as e:
            return report(ev, e)
    return construct


_coder_builtin("NetEncoder", "NetEncoder[\"name\"] is an encoder that turns a kind of input "
               "(class labels, True and False, strings) into arrays for a net.\n"
               "NetEncoder[{\"name\", args..., \"param\" -> value, ...}] gives its "
               "parameters; NetEncoder[decoder] is the encoder matching a decoder.")
_coder_builtin("NetDecoder", "NetDecoder[\"name\"] is a decoder that turns the arrays a net "
               "gives into expressions (class labels, True and False, numbers).\n"
               "NetDecoder[{\"name\", args..., \"param\" -> value, ...}] gives its "
               "parameters; NetDecoder[encoder] is the decoder matching an encoder.")


# -- encoding data -----------------------------------------------------------------------

def _python_value(takes: str, e):
    """A Wolfram value as the Python value an encoder of this sort takes; anything else
    comes through as it is (the encoder says what is wrong with it)."""
    if takes == "label":
        return to_label(e)
    if takes == "boolean" and isinstance(e, Symbol) and e.name in BOOLEANS:
        return BOOLEANS[e.name]
    if takes == "real" and isinstance(e, (Integer, Real)):
        return float(e.value)
    if takes == "string" and isinstance(e, String):
        return e.value
    return e


def _nested(takes: str, e, depth: int):
    """A value with ``depth`` list levels (a Class encoder's "Dimensions") as nested
    Python lists of values."""
    if depth and isinstance(e, Expr) and e.head is S.List:
        return [_nested(takes, x, depth - 1) for x in e.args]
    return _python_value(takes, e)


def _is_list(e) -> bool:
    return isinstance(e, Expr) and e.head is S.List


def encode_data(encoder: Encoder, data):
    """(codes of a batch, was it one example): data already in the encoded form passes
    through where the encoder allows it; a list is a batch unless the encoder's single
    inputs are themselves lists and it reads as one. CoderError when it cannot."""
    depth = len(encoder.params.get("Dimensions", ()))
    numeric = to_array(data) if _is_list(data) or isinstance(data, (Integer, Real)) else None
    if numeric is not None:
        rank = len(encoder.shape)
        if numeric.ndim in (rank, rank + 1):
            batch = numeric if numeric.ndim == rank + 1 else numeric[None]
            passed = encoder.bypass(batch)
            if passed is not None:
                return passed, numeric.ndim == rank
    takes = encoder.takes
    if isinstance(data, PackedArray) and takes == "label" and not depth and \
            data.array.ndim == 1 and data.array.dtype.kind == "i":
        return encoder.encode(data.array), False
    if depth:
        try:
            return encoder.encode([_nested(takes, data, depth)]), True
        except CoderError:
            if not _is_list(data):
                raise
    if _is_list(data):
        return encoder.encode([_nested(takes, x, depth) for x in data.args]), False
    return encoder.encode([_python_value(takes, data)]), True


def encode_port(head: str, port: str, encoder: Encoder, data):
    """encode_data in a net: a CoderError becomes NetError invindata3 naming the port."""
    try:
        return encode_data(encoder, data)
    except CoderError as e:
        raise NetError(head, "invindata3", f"the data for the port {port} could not be "
                       f"encoded: {reason_text(e)}.") from None


def codes_expr(codes):
    """Encoded data as Wolfram shows it: integer codes as integers, reals as reals, a
    list of sequences of several lengths as a list of lists."""
    if isinstance(codes, list):
        return make_list(codes_expr(c) for c in codes)
    codes = np.asarray(codes)
    if codes.dtype.kind in "iu":
        return Integer(int(codes)) if codes.ndim == 0 else \
            (PackedArray(codes.astype(np.int64)) if codes.size else make_list([]))
    return from_array(codes)
