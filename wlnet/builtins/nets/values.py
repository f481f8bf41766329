"""NetValue: a runtime net as an expression, and what an expression can do with it.

The runtime (``wlnet.nets``) knows nothing of expressions; this atom is the bridge.
It carries the runtime net (``payload``) and the layer-level learning-rate multipliers
(the runtime has no place for them): ``{path prefix: rate}``, () meaning the whole net.
Nets are values, so every operation returns a new NetValue and the plan compiled for
evaluation can be cached on the atom.

Runtime failures arrive as ``NetError(symbol, tag, text)``; ``report`` turns one into
the message ``symbol::tag: Text`` (every net builtin declares those tags as "`1`").
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np

from ...expr import Expr, Integer, ObjectAtom, S, String, Symbol, is_association, make_list
from ...format.inputform import input_form
from ...format.nets import constructor, shape_expr, summary
from ...kernel.builtin import declare
from ...kernel.limits import check_allocation
from ...kernel.messages import Abort
from ...nets import paths
from ...nets import plan as plans
from ...nets import stopping
from ...nets.base import Net
from ...nets.errors import Interrupted, NetError
from ...nets.graph import Container
from ...nets.layer import Layer
from ...nets.memory import example_values, longest
from ...nets.operators import NestOp, Operator
from ...nets.shapes import VARYING, describe
from .data import from_array, has_numeric_array, to_array, to_sequences
from .devices import Unavailable, target_device

__all__ = ["NetValue", "as_net", "report", "NET_MESSAGES", "FAILED", "key_expr",
           "spec_element", "show", "compile_plan", "interruptible"]

FAILED = S["$Failed"]

declare("NetEvaluationMode", usage="NetEvaluationMode is an option of net evaluation: "
        "\"Test\" (the default) or \"Train\", which evaluates with the behaviour the net "
        "has while training (dropout, batch statistics).")

# Every tag a runtime NetError can carry, shown as Symbol::tag: text.
NET_MESSAGES = {tag: "`1`" for tag in (
    "invarg", "tyfail", "invedge", "cyclic", "invnet", "nninit", "notinit", "invinput",
    "intpartassoc", "netnopart", "invspec", "invport", "invppspec", "badportd",
    "auxnograd", "nointgrad", "invoutport", "notsupp", "invindata2", "invindata3", "invprop",
    "badtype", "invcdrarg", "nodecoder", "noencoder", "invarray", "invrank", "notarray",
    "invdrpspc", "invdrppval", "invscf", "invportspec")}


def report(ev, error: NetError):
    """Issue the runtime's failure as a Wolfram message; give $Failed."""
    text = error.text[:1].upper() + error.text[1:]
    ev.message(error.symbol, error.tag, String(text))
    return FAILED


KERNEL_BYTES = 1024    # measured: a plan of small LinearLayers holds about 1 KB a kernel


def plan_kernels(net: Net) -> int:
    """How many kernels a plan of net holds: NetNestOperator[inner, n] unrolls n copies."""
    children = net.children()
    inner = sum(plan_kernels(c) for c in children.values()) if children else 1
    return inner * net.count if isinstance(net, NestOp) else inner


def compile_plan(ev, expr, net: Net, dtype=np.float32):
    """The compiled plan of net, after the memory budget has been asked (General::mem
    names ``expr`` when it is refused)."""
    check_allocation(ev, expr, plan_kernels(net), KERNEL_BYTES)
    return plans.compile(net, dtype)


def check_pass(ev, expr, net: Net, inputs: dict) -> None:
    """Ask the memory budget for a forward pass of net over this batch (its ports, the
    layers' working space, sequences at their length) before it runs: General::mem
    names ``expr`` when it is refused."""
    batch = max((len(v) for v in inputs.values()), default=1)
    check_allocation(ev, expr, batch * example_values(net, longest(inputs, {
        **net.input_ports(), **net.state_ports()})), 4)


@contextmanager
def interruptible(ev):
    """Compiles and runs of plans inside stop at Ctrl-C, as an Abort."""
    stopping.interruptible(lambda: ev.session.abort_requested)
    try:
        yield
    except Interrupted:
        raise Abort() from None
    finally:
        stopping.interruptible(None)


def as_net(expr) -> Net | None:
    """The runtime net inside a net expression, else None."""
    return expr.payload if isinstance(expr, NetValue) else None


def key_expr(key):
    """A path key as an expression: node names are strings, positions integers."""
    return Integer(key) if isinstance(key, int) else String(key)


def spec_element(e):
    """One element of a part spec as the runtime reads it, or None if it is not one."""
    if isinstance(e, String):
        return e.value
    if isinstance(e, Integer):
        return e.value
    if e is S.All:
        return paths.ALL
    return None


class NetValue(ObjectAtom):
    """A net expression: LinearLayer[<...>], NetChain[<...>], NetFoldOperator[<...>], ..."""

    __slots__ = ("multipliers", "_plan", "_canonical")

    def __init__(self, payload: Net, multipliers: dict | None = None):
        super().__init__(payload)
        self.multipliers = dict(multipliers or {})
        self._plan = None
        self._canonical = None

    # -- value equality ------------------------------------------------------------------
    def canonical(self) -> tuple:
        """(the net's description as text, its arrays): what a .wlnet file holds, so two
        nets are SameQ exactly when saving them would give the same file."""
        if self._canonical is None:
            from .files import describe
            self._canonical = describe(self)
        return self._canonical

    def __eq__(self, other):
        if type(other) is not type(self):
            return False
        if other.payload is self.payload and other.multipliers == self.multipliers:
            return True
        (text, arrays), (other_text, other_arrays) = self.canonical(), other.canonical()
        return text == other_text and len(arrays) == len(other_arrays) and all(
            a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
            for a, b in zip(arrays, other_arrays))

    def __hash__(self):
        return hash(self.canonical()[0])

    @property
    def head(self) -> Symbol:
        return Symbol(self.payload.head)

    def evolve(self, net: Net) -> "NetValue":
        """Another net of the same structure (new arrays, refined shapes) with this
        net's learning-rate multipliers."""
        return NetValue(net, self.multipliers)

    def sub(self, path: tuple) -> "NetValue":
        """The sub-net at an exact path, with the multipliers set inside it."""
        n = len(path)
        inner = {p[n:]: r for p, r in self.multipliers.items() if p[:n] == path}
        return NetValue(self.payload.extract(path), inner)

    def array_multipliers(self) -> dict:
        """{array path: rate}: the innermost layer-level multiplier covering each
        trainable array, 1.0 where none is set (what NetTrain uses for arrays no rule
        matches); auxiliary arrays (moving statistics) have none."""
        out = {}
        for path in self.payload.trainable_paths():
            rate, depth = 1.0, -1
            for prefix, r in self.multipliers.items():
                if path[:len(prefix)] == prefix and len(prefix) > depth:
                    rate, depth = r, len(prefix)
            out[path] = rate
        return out

    # -- printing ----------------------------------------------------------------------
    def output_form(self) -> str:
        return summary(self.payload)

    def input_form(self) -> str:
        return constructor(self.payload, self.multipliers)

    # -- net[x] ------------------------------------------------------------------------
    def apply(self, ev, expr):
        """net[x], net[{x1, ...}], net[<|port -> x, ...|>], and with a second argument
        net[x, "port"], net[x, prop] (a decoder's property), net[x, "port" -> prop],
        net[x, None] (the raw output, not decoded) or net[x, NetPortGradient[...]]
        (gradients, as gradients.py computes them; so is an output gradient given in
        the data); options NetEvaluationMode and TargetDevice (devices.py)."""
        net = self.payload
        args, options = _options(expr.args)
        unknown = sorted(set(options) - {"TargetDevice", "NetEvaluationMode"})
        if unknown and len(args) in (1, 2):
            ev.message(net.head, "optx", Symbol(unknown[0]), expr)
            return None
        try:
            training = _training_mode(net, options.get("NetEvaluationMode"))
        except NetError as e:
            return report(ev, e)
        if not args and not net.input_ports():   # ConstantArrayLayer[...][]
            args = [Expr(S.Association)]
        if len(args) not in (1, 2):
            return report(ev, NetError(net.head, "invinput", "a net takes its input and "
                                       "optionally an output port or a property."))
        from . import gradients, probes
        from .decoding import decoded_outputs, output_request
        if len(args) == 2 and probes.requested(args[1]):
            return probes.evaluate(ev, self, expr, args[0], args[1])
        if gradients.requested(Expr.make(expr.head, args)):
            return gradients.evaluate(ev, self, Expr.make(expr.head, args))
        try:
            target = target_device(ev, net.head, options.get("TargetDevice", String("CPU")))
        except Unavailable:
            return FAILED
        try:
            port, prop = output_request(net, args[1] if len(args) == 2 else None)
            data = args[0]
            if not net.input_ports() and net.variadic_inputs and \
                    _is_list(data) and data.args:
                net = net.with_input_count(len(data.args))
            if net.incomplete():
                net = _specialize(net, data)
            inputs, single = _inputs(net, data)
            check_pass(ev, expr, net, inputs)
            if target is None:
                with interruptible(ev), np.errstate(all="ignore"):   # Log[0] is -Infinity
                    plan = self.plan(ev, expr) if net is self.payload else \
                        compile_plan(ev, expr, net)
                    outs = plan.forward(inputs, training=training,
                                        rng=ev.rng if training else None)
                states = plan.final_states
            elif training:
                raise NetError(net.head, "invarg", "NetEvaluationMode -> \"Train\" runs on "
                               "the CPU only; leave out TargetDevice.")
            else:
                from ...backends.jax.evaluation import evaluate
                outs, states = evaluate(net, inputs, target)
            if port is not None:
                if port in outs:
                    outs = {port: outs[port]}
                elif port in states:
                    outs = {port: states[port]}
                else:
                    raise NetError(net.head, "invport", f"the net has no output port {port}; "
                                   f"its outputs are {', '.join(net.output_ports())}.")
            values = decoded_outputs(ev, net, outs, single, prop, has_numeric_array(data))
        except NetError as e:
            return report(ev, e)
        if len(values) == 1:
            return next(iter(values.values()))
        return Expr.make(S.Association, [Expr(S.Rule, String(p), v) for p, v in values.items()])

    def plan(self, ev, expr):
        """The compiled evaluation plan, made once (the net never changes)."""
        if self._plan is None:
            self._plan = compile_plan(ev, expr, self.payload)
        return self._plan

    # -- parts -------------------------------------------------------------------------
    def part(self, ev, spec):
        """net[[spec]] as NetExtract does it; net[["Parameters"]] on an operator is the
        11.x parameter association holding the inner net at "Net"."""
        if spec == String("Parameters") and isinstance(self.payload, Operator):
            return Expr(S.Association, Expr(S.Rule, String("Net"), self.sub(("Net",))))
        return self.extract(ev, (spec,))

    def extract(self, ev, specs):
        """The part at a path of spec expressions (one per level), or None after a
        message: a sub-net, an array as a packed list (Automatic if not initialised),
        a port's shape, or for All every node (or array) of this level."""
        net = self.payload
        elements = [spec_element(s) for s in specs]
        if any(e is None for e in elements):
            bad = next(s for s, e in zip(specs, elements) if e is None)
            ev.message("NetExtract", "invspec", String(f"{show(bad)} is not a valid "
                                                 "specification of a part of a net."))
            return None
        if elements and elements[-1] is paths.ALL:
            owner = self.extract(ev, specs[:-1]) if len(specs) > 1 else self
            return None if owner is None else owner.all_parts()
        try:
            path = paths.to_path(net, tuple(elements))
            if isinstance(path, paths.Port):
                coder = net.port_coders().get(path.name) if len(elements) == 1 else None
                if coder is not None:
                    from .coders import CoderValue
                    return CoderValue(coder)
                return shape_expr(paths.extract(net, tuple(elements)))
            obj = net.extract(tuple(path))
        except paths.PathError:
            report(ev, NetError("NetExtract", "netnopart", f"{show(make_list(specs))} is "
                                "not a part of the net."))
            return None
        except NetError as e:
            report(ev, e)
            return None
        if isinstance(obj, Net):
            return self.sub(tuple(path))
        return S.Automatic if obj is None else from_array(obj)

    def all_parts(self):
        """NetExtract[net, All]: the nodes (a list, or an association when named), the
        inner net of an operator, or a layer's arrays by name."""
        net = self.payload
        if isinstance(net, Layer):
            return Expr.make(S.Association, [
                Expr(S.Rule, String(name), S.Automatic if a is None else from_array(a))
                for name, a in sorted(net.local_arrays().items())])
        items = [(k, self.sub((k,))) for k in net.children()]
        if isinstance(net, Container) and not net.keyed:
            return make_list(v for _, v in items)
        return Expr.make(S.Association, [Expr(S.Rule, key_expr(k), v) for k, v in items])

    def normal(self):
        """Normal[container]: its nodes; a layer or operator stays as it is."""
        return self.all_parts() if isinstance(self.payload, Container) else self

    # -- Information[net, prop] --------------------------------------------------------
    def information(self, ev, props):
        from .information import information
        return information(ev, self, props)


def _options(args):
    """(positional arguments, {option name: value}) of a net's application: trailing
    rules whose left side is a symbol are options."""
    args, options = list(args), {}
    while args and isinstance(args[-1], Expr) and args[-1].head is S.Rule and \
            len(args[-1].args) == 2 and isinstance(args[-1].args[0], Symbol):
        rule = args.pop()
        options[rule.args[0].name] = rule.args[1]
    return args, options


def _training_mode(net, mode) -> bool:
    """Whether NetEvaluationMode -> mode asks for training behaviour: "Train" uses
    dropout and batch statistics as NetTrain does (random draws from the session's
    generator), "Test" (the default) does not. It never changes the net: moving
    statistics are NetTrain's alone."""
    if mode is None or mode == String("Test"):
        return False
    if mode != String("Train"):
        raise NetError(net.head, "invarg", f"NetEvaluationMode should be \"Test\" or "
                       f"\"Train\", not {show(mode)}.")
    return True


def _is_list(e) -> bool:
    return isinstance(e, Expr) and e.head is S.List


def show(e) -> str:
    """An expression in a message text, as InputForm writes it."""
    return input_form(e)


def _given(net: Net, data) -> dict:
    """{port: data expression}: an association names its ports, a net with one input
    takes the data whole, one with several takes a list of one value per port."""
    ports = {**net.input_ports(), **net.state_ports()}
    if is_association(data):
        given = {}
        if not data.args and not net.input_ports():
            return given
        for rule in data.args:
            key = rule.args[0]
            if not isinstance(key, String) or key.value not in ports:
                raise NetError(net.head, "invinput", f"{show(key)} is not an input port of "
                               f"the net; its inputs are {', '.join(ports)}.")
            given[key.value] = rule.args[1]
    elif len(net.input_ports()) == 1:
        given = {next(iter(net.input_ports())): data}
    elif _is_list(data) and len(data.args) == len(net.input_ports()):
        given = dict(zip(net.input_ports(), data.args))
    else:
        raise NetError(net.head, "invinput", f"the net has the inputs "
                       f"{', '.join(net.input_ports())}; give them as an association.")
    return given


def _specialize(net: Net, data) -> Net:
    """A net whose port shapes are not all known, with the shapes the data has (as
    Wolfram does for ElementwiseLayer[Tanh][{0, 1}]): an unknown shape takes the
    data's dimensions as one example; a known rank decides single versus batch."""
    ins = {}
    for port, x in _given(net, data).items():
        shape = {**net.input_ports(), **net.state_ports()}[port]
        a = to_array(x)
        if a is not None and shape is not None and a.ndim not in (len(shape), len(shape) + 1):
            raise NetError(net.head, "invinput", f"the input {port} should be "
                           f"{describe(shape)} (or a list of them), not an array of "
                           f"dimensions {_dims(a.shape)}.")
        if a is None:
            continue
        if 0 in a.shape[1:] or a.shape == (0,):     # no port has a dimension of size 0
            raise NetError(net.head, "invinput", f"the input {port} has a dimension of size 0.")
        if shape is None:
            ins[port] = a.shape
        else:
            dims = a.shape if a.ndim == len(shape) else a.shape[1:]
            ins[port] = tuple(d if s is None else s for s, d in zip(shape, dims))
    return net.refine(ins, {})


def _inputs(net: Net, data):
    """{port: batch} and whether data was a single example (decided by the rank of
    the data against the port's shape)."""
    ports = {**net.input_ports(), **net.state_ports()}
    given = _given(net, data)
    converted = {p: _port_value(net, p, ports[p], x) for p, x in given.items()}
    # the rank of the main input decides; the others (e.g. a State) must agree with it
    first = next((p for p in net.input_ports() if p in converted), next(iter(converted), None))
    single = converted[first][1] if first is not None else True
    out = {}
    for p, (value, one) in converted.items():
        if one != single:
            raise NetError(net.head, "invinput", f"the input {p} does not match the number "
                           "of examples of the other inputs.")
        out[p] = value if isinstance(value, list) or not single else value[None]
    return out, single


def _dims(shape) -> str:
    return "{" + ", ".join(map(str, shape)) + "}"


def _port_value(net, port, shape, x):
    """(array or list of sequences, is_single_example) for one port; a port with a
    NetEncoder encodes the data first."""
    encoder = net.port_coders().get(port)
    if encoder is not None:
        from .coders import encode_port
        codes, single = encode_port(net.head, port, encoder, x)
        return (codes[0] if single and not isinstance(codes, list) else codes), single
    k = len(shape) if shape is not None else None
    a = to_array(x)
    if a is not None and (k is None or a.ndim in (k, k + 1)):
        return a, a.ndim == k
    if a is None and shape and shape[0] == VARYING:
        seqs = to_sequences(x)
        if seqs is not None and all(s.ndim == k for s in seqs):
            return seqs, False
    got = "data that is not numeric" if a is None and to_sequences(x) is None else \
        f"an array of dimensions {_dims(a.shape)}" if a is not None else \
        "sequences of different shapes"
    raise NetError(net.head, "invinput", f"the input {port} should be {describe(shape)} "
                   f"(or a list of them), not {got}.")

