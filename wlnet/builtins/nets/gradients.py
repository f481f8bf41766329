"""net[data, NetPortGradient[...]]: gradients of a net's outputs, as Wolfram gives them.

    net[x, NetPortGradient["Input"]]             d(sum of all outputs)/d input, per example
    net[x, NetPortGradient["Weights"]]           of a layer's array, summed over the batch
    net[x, NetPortGradient[{2, "Weights"}]]      of the array at a position in the net
    net[x, NetPortGradient[All]]                 every real input and trainable array
    net[x, {NetPortGradient[...], "Output"}]     several at once: an association
    net[<|"Input" -> x, NetPortGradient["Output"] -> g|>, NetPortGradient["Input"]]
                                                 the gradient of Dot[output, g] instead

The runtime's backward pass (``Plan.gradients``) computes them; this module reads the
specifications, checks them with Wolfram's messages and shapes the results. ``apply``
(values.py) sends every ``net[...]`` that mentions NetPortGradient here, as one more
kind of output request beside ports and decoder properties.
"""

from __future__ import annotations

import numpy as np

from ...expr import Expr, S, String, make_list
from ...kernel.builtin import declare
from ...nets import paths
from ...nets.errors import NetError
from ...nets.shapes import describe
from .data import from_array, has_numeric_array, to_array
from .decoding import decoded_outputs
from .values import _inputs, _specialize, key_expr, report, show, spec_element

declare("NetPortGradient", usage="NetPortGradient[\"port\"] represents the gradient of the "
        "output of a net with respect to the value of the input port.\nNetPortGradient"
        "[\"param\"] represents the gradient with respect to the learned array "
        "param.\nNetPortGradient[{layer1, layer2, ..., \"param\"}] represents the gradient "
        "with respect to an array at a position in the net.\nNetPortGradient[All] "
        "represents the gradients with respect to all inputs and arrays.")

MESSAGES = {
    "invppspec": "`1` is not a valid property or port specification.",
    "badportd": "`1` does not correspond to an input or weight array of the net.",
    "auxnograd": "Auxiliary array `1` does not possess a gradient.",
    "nointgrad": "Gradient is not available for integer-valued `1`.",
    "invoutport": "`1` is not the name of an output port for the net.",
}


def _is_gradient(e) -> bool:
    return isinstance(e, Expr) and e.head is S.NetPortGradient


def requested(expr) -> bool:
    """Whether ``net[...]`` asks for gradients (in its property or its data)."""
    args = expr.args
    prop = args[1] if len(args) > 1 else None
    data = args[0] if args else None
    return _is_gradient(prop) or (_is_list(prop) and any(_is_gradient(p) for p in prop.args)) \
        or (isinstance(data, Expr) and data.head is S.Association and
            any(_is_gradient(r.args[0]) for r in data.args if len(r.args) == 2))


def _is_list(e) -> bool:
    return isinstance(e, Expr) and e.head is S.List


def _fail(net, tag, *args):
    return NetError(net.head, tag, MESSAGES[tag].replace("`1`", show(args[0])))


# -- what is asked for ------------------------------------------------------------------

def _wants(net, spec) -> list:
    """[(key expression, kind, name)]: kind "input" (name a port), "array" (name a path)
    or "output" (name a port) for one property specification."""
    if _is_list(spec):
        return [w for s in spec.args for w in _wants(net, s)]
    if isinstance(spec, String):
        if spec.value not in net.output_ports():
            raise _fail(net, "invoutport", spec)
        return [(spec, "output", spec.value)]
    if not (_is_gradient(spec) and len(spec.args) == 1):
        raise _fail(net, "invppspec", spec)
    target = spec.args[0]
    if target is S.All:
        ins = [p for p in net.input_ports() if p not in net.integer_inputs()]
        return [(Expr(S.NetPortGradient, String(p)), "input", p) for p in ins] + \
            [(Expr(S.NetPortGradient, make_list([key_expr(k) for k in path])), "array", path)
             for path in net.trainable_paths()]
    if isinstance(target, String) and target.value in {**net.input_ports(),
                                                      **net.state_ports()}:
        if target.value in net.integer_inputs():
            raise _fail(net, "nointgrad", target)
        return [(spec, "input", target.value)]
    if not isinstance(target, String) and not _is_list(target):
        raise _fail(net, "invppspec", spec)
    return [(spec, "array", _array_path(net, spec, target))]


def _array_path(net, spec, target):
    """The path of the array NetPortGradient[target] names, or a NetError."""
    items = target.args if _is_list(target) else (target,)
    elements = tuple(spec_element(e) for e in items)
    if not elements or any(e is None or e is paths.ALL for e in elements):
        raise _fail(net, "badportd", spec)
    try:
        path = paths.to_path(net, elements)
    except NetError:
        raise _fail(net, "badportd", spec) from None
    specs = net.array_specs_by_path()
    if isinstance(path, paths.Port) or tuple(path) not in specs:
        raise _fail(net, "badportd", spec)
    if not specs[tuple(path)].trainable:
        raise _fail(net, "auxnograd", spec)
    return tuple(path)


# -- the data and the imposed output gradients --------------------------------------------

def _split_data(net, data):
    """(data without the NetPortGradient[...] -> g rules, {output port: g expression})."""
    if not (isinstance(data, Expr) and data.head is S.Association):
        return data, {}
    plain, imposed = [], {}
    for rule in data.args:
        key = rule.args[0]
        if not _is_gradient(key):
            plain.append(rule)
        elif len(key.args) == 1 and isinstance(key.args[0], String) and \
                key.args[0].value in net.output_ports():
            imposed[key.args[0].value] = rule.args[1]
        else:
            raise _fail(net, "invoutport", key.args[0] if len(key.args) == 1 else key)
    return Expr.make(S.Association, plain), imposed


def _output_gradient(net, port, value, single, batch):
    """The gradient imposed on an output, as a batch of the output's dimensions."""
    a = to_array(value)
    want = net.output_ports()[port]
    dims = None if a is None else (a.shape if single else a.shape[1:])
    if dims is None or (not single and len(a) != batch) or len(dims) != len(want) or \
            any(isinstance(w, int) and w != d for w, d in zip(want, dims)):
        raise NetError(net.head, "invinput", f"the gradient given for the output {port} "
                       f"should be {describe(want)}"
                       f"{'' if single else ' for each example'}, not {show(value)}.")
    return a[None] if single else a


def evaluate(ev, value, expr):
    """net[data, spec] (or net[data] with an output gradient in the data) for a spec
    that asks for gradients; $Failed after a message. Gradients are of the numeric
    outputs; an output asked for beside them is decoded as net[data, "port"] gives it."""
    net = value.payload
    spec = expr.args[1] if len(expr.args) == 2 else S.Automatic
    try:
        data, imposed = _split_data(net, expr.args[0])
        if net.incomplete():
            net = _specialize(net, data)
        wants = _wants(net, spec) if spec is not S.Automatic else \
            [(String(p), "output", p) for p in net.output_ports()]
        plan = value.plan(ev, expr) if net is value.payload else \
            value.evolve(net).plan(ev, expr)
        inputs, single = _inputs(net, data)
        missing = [p for p in net.input_ports() if p not in inputs]
        if missing:
            raise NetError(net.head, "invinput", f"no value was given for the input port "
                           f"{missing[0]}.")
        if not wants or all(kind == "output" for _, kind, _ in wants) and not imposed:
            outs, ins, arrays = plan.forward(inputs), {}, {}
        else:
            batch = len(next(iter(inputs.values())))
            grads = {p: _output_gradient(net, p, g, single, batch) for p, g in imposed.items()}
            with np.errstate(all="ignore"):
                outs, ins, arrays = plan.gradients(inputs, grads)
        numeric = has_numeric_array(expr.args[0])
        decoded = decoded_outputs(ev, net, {name: outs[name] for _, kind, name in wants
                                            if kind == "output"}, single, None, numeric)
    except NetError as e:
        return report(ev, e)

    def shown(kind, name):
        if kind == "array":
            return from_array(arrays[name], numeric)
        if kind == "output":
            return decoded[name]
        v = ins.get(name)
        if v is None:               # no gradient reaches the input: zeros
            x = inputs[name]
            v = [np.zeros_like(e) for e in x] if isinstance(x, list) else np.zeros_like(x)
        return from_array(v[0] if single else v, numeric)
    results = [(key, shown(kind, name)) for key, kind, name in wants]
    if len(results) == 1 and not _is_list(spec) and not (
            _is_gradient(spec) and spec.args and spec.args[0] is S.All):
        return results[0][1]
    return Expr.make(S.Association, [Expr(S.Rule, k, v) for k, v in results])
