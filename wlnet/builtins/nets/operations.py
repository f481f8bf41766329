"""Operations on nets: NetInitialize, NetExtract, NetReplacePart.

Nets are values: each returns a new net and leaves its argument as it was.
"""

from __future__ import annotations

import math
import zlib

import numpy as np

from ...expr import Expr, Integer, S, String, Symbol, make_list
from ...kernel.builtin import builtin
from ...kernel.evaluator import SUBVALUE_HANDLERS
from ...kernel.limits import check_allocation
from ...nets import paths
from ...nets.coders import Coder
from ...nets.errors import NetError
from ...nets.functions import NAMED
from ...nets.initialize import Method, initialize
from ...nets.shapes import port_shape
from ..unimplemented import not_a_net
from .coders import CoderValue
from .data import to_array
from .init_method import read_method
from .values import FAILED, NET_MESSAGES, NetValue, report, spec_element, show
from .layers import shape_spec

NOT_A_NET = {"arg1": "First argument `1` should be a net."}


# -- NetInitialize --------------------------------------------------------------------------

def seeded_generator(seed) -> np.random.Generator | None:
    """A generator of its own for a RandomSeeding integer or string (a string through
    crc32, which, unlike hash(), is the same in every process); None for anything else."""
    if isinstance(seed, Integer):
        return np.random.default_rng(abs(seed.value))
    if isinstance(seed, String):
        return np.random.default_rng(zlib.crc32(seed.value.encode()))
    return None


def _generator(ev, seeding):
    """RandomSeeding: Automatic/Inherited use the session generator (so SeedRandom makes
    initialisation reproducible); an integer or string seeds a fresh one."""
    if seeding in (S.Automatic, S.Inherited):
        return ev.rng
    return seeded_generator(seeding)


@builtin(argc=(1, None), options={"Method": S.Automatic, "RandomSeeding": S.Automatic},
         messages={**NET_MESSAGES, **NOT_A_NET, "optspec": "`1`",
                   "seed": "The value of RandomSeeding, `1`, should be Automatic, Inherited, "
                           "an integer or a string."},
         usage="NetInitialize[net] gives a net with random values for "
               "the arrays of net that have none.\nNetInitialize[net, "
               "All] gives new random values to all of them.")
def NetInitialize(ev, expr):
    """NetInitialize[net]: random weights and zero biases for the arrays that have no
    value; NetInitialize[net, All] for every array. Method Automatic (Xavier), "Xavier",
    "Kaiming", "Orthogonal", "Identity" or "Random", with sub-options (init_method.py)."""
    split = ev.split_options(expr, "NetInitialize")
    if split is None:
        return FAILED
    args, opts = split
    if not ev.check_argc(Expr.make(expr.head, args), 1, 2, "NetInitialize"):
        return None
    value = args[0]
    if not isinstance(value, NetValue):
        not_a_net(ev, "NetInitialize", value, "arg1", value)
        return None
    overwrite = len(args) == 2 and args[1] is S.All
    if len(args) == 2 and not overwrite and args[1] is not Symbol("None"):
        ev.message("NetInitialize", "invarg", String(f"The second argument {show(args[1])} "
                                                     "should be All or None."))
        return FAILED
    rng = _generator(ev, opts["RandomSeeding"])
    if rng is None:
        ev.message("NetInitialize", "seed", opts["RandomSeeding"])
        return FAILED
    try:
        method = read_method(ev, opts["Method"])
        return value.evolve(guarded_initialize(ev, expr, value.payload, rng, method,
                                               overwrite))
    except NetError as e:
        return report(ev, e)


def guarded_initialize(ev, expr, net, rng, method=Method(), overwrite=False):
    """initialize() once the memory guard agrees that the arrays it creates (float32)
    fit, so a LinearLayer of 10^12 weights is refused with a message, not a crash."""
    arrays = net.arrays()
    missing = sum(math.prod(shape) for path, shape in net.array_shapes().items()
                  if shape is not None and (overwrite or arrays[path] is None))
    check_allocation(ev, expr, missing, 4)
    return initialize(net, rng, method, overwrite)


# -- NetExtract -----------------------------------------------------------------------------

def _is_list(e):
    return isinstance(e, Expr) and e.head is S.List


@builtin(argc=(1, 2), messages={**NET_MESSAGES, **NOT_A_NET},
         usage="NetExtract[net, spec] gives the layer, array or port of net at spec: a "
               "name, a position, or a path {spec1, spec2, ...}.\nNetExtract[net, {path1, "
               "path2, ...}] gives several.")
def NetExtract(ev, expr):
    """NetExtract[net, spec]: the layer, array (a list of reals) or port shape at spec
    (a name, a position, All, or a path {p1, p2, ...}); a list of paths gives a list;
    NetExtract[spec] is an operator form."""
    if len(expr.args) == 1:
        return None
    value, spec = expr.args
    if isinstance(value, CoderValue):          # a parameter of a NetEncoder/NetDecoder
        result = value.part(ev, spec)
        return FAILED if result is None else result
    if not isinstance(value, NetValue):
        not_a_net(ev, "NetExtract", value, "arg1", value)
        return None
    if _is_list(spec) and spec.args and all(_is_list(s) for s in spec.args):
        parts = [value.extract(ev, s.args) for s in spec.args]
        return None if any(p is None for p in parts) else make_list(parts)
    result = value.extract(ev, spec.args if _is_list(spec) else (spec,))
    return FAILED if result is None else result


def _extract_operator(ev, expr):
    """NetExtract[spec][net]."""
    if len(expr.args) != 1 or len(expr.head.args) != 1:
        return None
    return ev.evaluate(Expr(S.NetExtract, expr.args[0], expr.head.args[0]))


SUBVALUE_HANDLERS[S.NetExtract] = _extract_operator


# -- NetReplacePart -------------------------------------------------------------------------

def _replacement(head, spec, new):
    """The runtime value for a replaced part: a net (Tanh standing for its
    ElementwiseLayer), an array, or Automatic (None: not initialised)."""
    if isinstance(new, NetValue):
        return new.payload
    if isinstance(new, Symbol) and new.name in NAMED:
        return new.name
    if new is S.Automatic:
        return None
    a = to_array(new)
    if a is None:
        raise NetError(head, "invarg", f"the replacement {show(new)} for {show(spec)} "
                       "should be a net or a numeric array.")
    return a


def replace_one(value: NetValue, rule) -> NetValue:
    """One rule of NetReplacePart (a part or a port shape), applied to a net."""
    spec, new = rule.args
    specs = spec.args if _is_list(spec) else (spec,)
    elements = tuple(spec_element(s) for s in specs)
    if any(e is None or e is paths.ALL for e in elements):
        raise NetError("NetReplacePart", "invspec", f"{show(spec)} is not a valid "
                       "specification of a part of a net.")
    net = value.payload
    path = paths.to_path(net, elements)
    if isinstance(path, paths.Port):          # "Input" -> shape: refine a port of the net
        if len(elements) != 1:
            raise NetError("NetReplacePart", "netnopart", "only the ports of the net "
                           "itself can be given new shapes.")
        spec = shape_spec(net.head, new)
        if isinstance(spec, (Coder, str)) and spec not in ("Real", "Varying"):
            return value.evolve(net.with_port_coder(path.name, spec))
        shape = port_shape(net.head, spec)
        ins = {path.name: shape} if path.name in net.input_ports() else {}
        outs = {} if ins else {path.name: shape}
        return value.evolve(net.refine(ins, outs))
    replaced = net.replace(tuple(path), _replacement("NetReplacePart", spec, new))
    rates = {p: r for p, r in value.multipliers.items() if p[:len(path)] != tuple(path)}
    if isinstance(new, NetValue):
        rates.update({tuple(path) + p: r for p, r in new.multipliers.items()})
    return NetValue(replaced, rates)


@builtin(argc=2, messages={**NET_MESSAGES, **NOT_A_NET},
         usage="NetReplacePart[net, spec -> value] gives a net with the layer, array or "
               "port at spec replaced by value.")
def NetReplacePart(ev, expr):
    """NetReplacePart[net, spec -> value] or a list of rules: a new net with the layer,
    array or port shape at spec replaced (shapes are checked)."""
    value, rules = expr.args
    if not isinstance(value, NetValue):
        not_a_net(ev, "NetReplacePart", value, "arg1", value)
        return None
    items = rules.args if _is_list(rules) else (rules,)
    if not all(isinstance(r, Expr) and r.head in (S.Rule, S.RuleDelayed) for r in items):
        ev.message("NetReplacePart", "invspec", String(f"{show(rules)} should be a rule "
                                                       "or a list of rules."))
        return FAILED
    try:
        for rule in items:
            value = replace_one(value, rule)
    except NetError as e:
        return report(ev, e)
    return value
