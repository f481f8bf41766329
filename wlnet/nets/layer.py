"""Layer: the one definition of a kind of layer, and the registry of them by head.

A layer is a subclass of ``Layer`` in one module of ``wlnet/nets/layers/``, registered
with ``@register``. It declares, as class attributes,

    head          the Wolfram symbol ("LinearLayer")
    usage         the usage message ?LinearLayer prints, one line per form, as Wolfram
                  writes them ("LinearLayer[n] is a trainable net layer that ...")
    arguments     positional Params, in order (arguments.py)
    options       named Params that are neither ports nor arrays
    inputs, outputs, states     port names; states are recurrent (optional inputs
                  that default to zeros, and extra outputs)
    port_options  the ports a user can give a shape ("Input" -> 3)
    printed_ports the ports InputForm writes (default: the input port options)
    array_specs   ArraySpecs (arrayspec.py): dims, initialiser kind, trainable

and defines

    shape_rule(ins, outs)   refined port shapes, or raise ShapeConflict(words)
    forward(xp, arrays, inputs, training, rng)   the computation, once, for any array
                  namespace xp (NumPy, jax.numpy): {port: value}; a layer with
                  auxiliary arrays returns ``Outputs(ports, updates)`` while training,
                  the updates being the new values of those arrays
    kernel(compiler)        the NumPy kernel with its hand-written backward (base.Kernel)
    examples(rng)           Examples the generic tests run (forward against kernel,
                  gradients against finite differences, InputForm and file round trips)

Everything else (the builtin constructor, messages for bad arguments, InputForm, the
.wlnet file, NetInitialize, NetInformation, the optimiser's choice of arrays) reads these.
docs/adding-a-layer.md walks through one.
"""
from dataclasses import dataclass

import numpy as np

from .arguments import Param, Shape, check_values
from .base import Kernel, Net, fit
from .coders.base import fitted, port_spec
from .errors import NetError, ShapeConflict, show
from .shapes import describe, unify

LAYERS: dict = {}


def register(cls):
    """Class decorator: make the layer known by its head (builtins, files, as_net)."""
    if cls.head in LAYERS:
        raise ValueError(f"{cls.head} is defined twice")
    LAYERS[cls.head] = cls
    return cls


def layer_classes() -> dict:
    """{head: class} of every layer (importing ``layers`` registers them all)."""
    from . import layers  # noqa: F401
    return dict(LAYERS)


class Outputs(dict):
    """What a pure forward returns: {port: value}, and in ``updates`` the new values of
    the layer's auxiliary arrays after a training pass ({array name: value};
    BatchNormalization's moving statistics). The caller applies them or not: NetTrain's
    NumPy kernels and the JAX backend apply them unless the layer is frozen; evaluation
    ignores them, so a net value never changes."""

    def __init__(self, ports: dict, updates: dict | None = None):
        super().__init__(ports)
        self.updates = dict(updates or {})


def updates(outputs) -> dict:
    """The auxiliary-array updates of a pure forward's result ({} for most layers)."""
    return getattr(outputs, "updates", {})


@dataclass
class Example:
    """A layer and a batch of inputs for the generic layer tests; ``exact`` names the
    inputs the layer is not differentiable in (class indices)."""

    layer: "Layer"
    inputs: dict
    exact: tuple = ()


class Layer(Net):
    """A leaf: named ports with shapes, named arrays, and parameters.

    Instances hold ``params`` ({name: value} of the arguments and options not stored in a
    port), ``_ins``/``_outs``/``_states`` (port -> shape) and ``_arrays`` (name ->
    read-only float32 array or None until initialised; a left-out optional array has no
    entry). Python code builds one as ``LinearLayer(3, input=2, biases=None)``: positional
    arguments in order and every Param by its ``python`` keyword (an array also takes
    True for Automatic); the builtins and files use ``build(args, {wolfram name: value})``.
    """

    head = "Layer"
    usage = ""
    arguments: tuple = ()
    options: tuple = ()
    inputs = ("Input",)
    outputs = ("Output",)
    states: tuple = ()
    port_options = ("Input", "Output")
    printed_ports = None
    array_specs: tuple = ()

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        ports = tuple(Param(p, Shape(), what=f"the {p} shape") for p in cls.port_options)
        cls.all_params = cls.arguments + cls.options + ports + tuple(
            spec.param for spec in cls.array_specs)
        cls._by_name = {p.name: p for p in cls.all_params}
        cls._by_python = {p.python: p for p in cls.all_params}
        if cls.printed_ports is None:
            cls.printed_ports = tuple(p for p in cls.port_options if p in cls.inputs)

    # -- what a definition provides ------------------------------------------------
    def shape_rule(self, ins: dict, outs: dict):
        """The layer's shape rule: refined (ins, outs), or ShapeConflict(words). State
        ports appear in both."""
        return ins, outs

    def forward(self, xp, arrays: dict, inputs: dict, training=False, rng=None) -> dict:
        raise NotImplementedError

    def kernel(self, compiler):
        raise NotImplementedError

    @classmethod
    def examples(cls, rng) -> list:
        return []

    def initial_ports(self):
        """(inputs, outputs, states) as {name: shape} before options and shape rules; a
        layer whose ports depend on its parameters overrides it."""
        return ({p: None for p in self.inputs}, {p: None for p in self.outputs},
                {p: None for p in self.states})

    def argument_value(self, param: Param):
        """The current value of a parameter, as InputForm and files write it."""
        if param.port is not None:
            return {**self._ins, **self._outs}[param.port]
        return self.params[param.name]

    def automatic_loss(self):
        """The loss layer NetTrain attaches after this layer when none is given (Wolfram:
        cross-entropy after SoftmaxLayer), or None for the mean squared loss."""
        return None

    # -- construction ----------------------------------------------------------------
    def __init__(self, *args, **kwargs):
        args = list(args)
        for i, p in enumerate(self.arguments):   # a positional argument given by keyword
            if p.python in kwargs:
                if i < len(args):
                    raise TypeError(f"{type(self).__name__} got {p.python} twice")
                args += [q.default for q in self.arguments[len(args):i]]
                args.append(kwargs.pop(p.python))
        options = {}
        for key, value in kwargs.items():
            param = self._by_python.get(key)
            if param is None:
                raise TypeError(f"{type(self).__name__} has no option {key!r}")
            if value is True and any(s.name == param.name for s in self.array_specs):
                continue  # True stands for Automatic: the array is made by NetInitialize
            options[param.name] = value
        self._setup(args, options)

    @classmethod
    def build(cls, args, options: dict) -> "Layer":
        """The layer from Wolfram-level values: positional args, {option name: value}."""
        layer = cls.__new__(cls)
        layer._setup(list(args), dict(options))
        return layer

    @classmethod
    def check_arguments(cls, args, options: dict) -> dict:
        """{name: value in normal form} for the given arguments and options, or NetError
        invarg for a bad value, an unknown option or too many arguments (nothing is
        built, so a file can be checked whole before anything is made)."""
        return check_values(cls.head, cls.arguments, cls._by_name, args, options)

    def _setup(self, args, options):
        values = self.check_arguments(args, options)
        self.params = {p.name: values.get(p.name, p.default)
                       for p in self.arguments + self.options if p.port is None}
        self._ins, self._outs, self._states = self.initial_ports()
        self._arrays = {s.name: values.get(s.name) for s in self.array_specs
                        if not (s.name in values and values[s.name] is None)}
        self._take_params_from_arrays()
        self._coders, shapes = {}, []
        for p in self.port_options:
            if p in values:
                shape, coder = port_spec(self.head, p, values[p],
                                         p in self._ins or p in self._states)
                shapes.append((p, shape))
                if coder is not None:
                    self._coders[p] = coder
        shapes += [(p.port, values[p.name]) for p in self.arguments + self.options
                   if p.port is not None and values.get(p.name) is not None]
        try:
            for port, shape in shapes:
                where = next(d for d in (self._ins, self._outs, self._states) if port in d)
                where[port] = fit(where[port], shape, f"the {port} shapes given")
        except ShapeConflict as e:
            raise NetError(self.head, "tyfail", conflict_text(e)) from None
        settled = self.refine({}, {})
        self._ins, self._outs, self._states = settled._ins, settled._outs, settled._states

    # -- the Net interface ---------------------------------------------------------------
    def input_ports(self):
        return dict(self._ins)

    def output_ports(self):
        return dict(self._outs)

    def state_ports(self):
        return dict(self._states)

    def local_arrays(self):
        return dict(self._arrays)

    def port_coders(self):
        return fitted(self._coders, {**self._ins, **self._outs})

    def local_array_specs(self):
        return {s.name: s for s in self.array_specs if s.name in self._arrays}

    def _take_params_from_arrays(self):
        """Parameters that are array dimensions (ValueOf) and were not given take the
        given arrays' dimensions (EmbeddingLayer["Weights" -> w] knows its class count)."""
        for spec in self.array_specs:
            a = self._arrays.get(spec.name)
            if a is not None:
                for name, n in spec.param_values(a.shape).items():
                    if self.params.get(name) is None:
                        self.params = {**self.params, name: n}

    def _dims_context(self, ports) -> dict:
        """What array dimension terms read: the ports and, under ("param", name), the
        parameters."""
        return {**ports, **{("param", k): v for k, v in self.params.items()}}

    def local_array_shapes(self):
        ports = self._dims_context({**self._ins, **self._outs, **self._states})
        shapes = {}
        for spec in self.array_specs:
            if spec.name in self._arrays:
                s, a = spec.shape(ports, self), self._arrays[spec.name]
                shapes[spec.name] = s if s is not None or a is None else a.shape
        return shapes

    def refine(self, ins, outs):
        try:
            i = {p: unify(s, ins.get(p)) for p, s in self._ins.items()}
            o = {p: unify(s, outs.get(p)) for p, s in self._outs.items()}
            st = {p: unify(unify(s, ins.get(p)), outs.get(p)) for p, s in self._states.items()}
            while True:
                a, b = self._infer({**i, **st}, {**o, **st})
                new_st = {p: unify(a[p], b[p]) for p in st}
                a, b = {p: a[p] for p in i}, {p: b[p] for p in o}
                if (a, b, new_st) == (i, o, st):
                    break
                i, o, st = a, b, new_st
        except ShapeConflict as e:
            raise NetError(self.head, "tyfail", conflict_text(e)) from None
        if (i, o, st) == (self._ins, self._outs, self._states):
            return self
        return self._evolve(_ins=i, _outs=o, _states=st)

    def _infer(self, ins, outs):
        """The shape rule, then what the given arrays say about the ports."""
        ins, outs = self.shape_rule(ins, outs)
        for spec in self.array_specs:
            a = self._arrays.get(spec.name)
            if a is not None:
                ports = spec.infer(self._dims_context({**ins, **outs}), a.shape, self)
                ins, outs = {p: ports[p] for p in ins}, {p: ports[p] for p in outs}
        return ins, outs

    def with_local_arrays(self, arrays):
        new = dict(self._arrays)
        ports = self._dims_context({**self._ins, **self._outs, **self._states})
        for name, value in arrays.items():
            if name not in self._arrays:
                raise NetError(self.head, "netnopart", f"{self.head} has no array {show(name)}.")
            new[name] = None if value is None else self._by_name[name].check(self.head, value)
            want = next(s for s in self.array_specs if s.name == name).shape(ports, self)
            if new[name] is not None and want is not None and new[name].shape != want:
                raise NetError(self.head, "tyfail",
                               f"the {name} array should have dimensions {list(want)}, "
                               f"not {list(new[name].shape)}.")
        layer = self._evolve(_arrays=new)
        layer._take_params_from_arrays()
        return layer.refine(self._ins, self._outs)

    def evaluate(self, xp, arrays, inputs, training=False, rng=None, updates=None):
        out = self.forward(xp, {p[0]: a for p, a in arrays.items()}, inputs, training, rng)
        if training and updates is not None:
            changed = getattr(out, "updates", {})   # Outputs.updates
            updates.update({(name,): value for name, value in changed.items()})
        return dict(out)

    def emit(self, compiler, in_regs):
        k = self.kernel(compiler)
        k.ins = tuple(in_regs[p] for p in self._ins) + tuple(
            in_regs[p] if p in in_regs else compiler.reg() for p in self._states)
        names = list(self._outs) + list(self._states)
        k.outs = tuple(compiler.reg() for _ in names)
        compiler.add(k)
        return dict(zip(names, k.outs))

    def constructor(self):
        """Every argument up to the last one that differs from its default, the options
        that differ from theirs, every array (None for a left-out optional one) and the
        known shapes of the printed ports."""
        args = [self.argument_value(p) for p in self.arguments]
        while args and args[-1] == self.arguments[len(args) - 1].default:
            args.pop()
        options = {}
        for p in self.options:
            value = self.argument_value(p)
            if value != p.default:
                options[p.name] = value
        for spec in self.array_specs:
            if spec.name not in self._arrays:
                options[spec.name] = None
            elif self._arrays[spec.name] is not None:
                options[spec.name] = self._arrays[spec.name]
        ports = {**self._ins, **self._outs}
        options.update({p: ports[p] for p in self.printed_ports if _told(ports.get(p))})
        options.update(self._coders)
        return args, options

    @classmethod
    def param(cls, name: str) -> Param:
        """The Param of an argument or option by its Wolfram name."""
        return cls._by_name[name]


def _told(shape) -> bool:
    """Whether a port shape says anything to write ({?, ?, ?}, only a rank, does not:
    the layer's parameters imply it)."""
    return shape is not None and (shape == () or any(d is not None for d in shape))


def conflict_text(e: ShapeConflict) -> str:
    if e.args and isinstance(e.args[0], str):
        return e.args[0]
    a, b = e.args
    return f"the shapes {describe(a)} and {describe(b)} do not fit together."


class ForwardKernel(Kernel):
    """A kernel whose run is its layer's pure forward with NumPy, where that is also the
    fast way (a layer with one input, one output and no arrays: PaddingLayer,
    ReshapeLayer); a subclass writes ``back``."""

    def __init__(self, layer):
        self.layer = layer

    def run(self, r):
        r[self.outs[0]] = self.layer.forward(np, {}, {"Input": r[self.ins[0]]})["Output"]
