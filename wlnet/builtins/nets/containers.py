"""Container and operator constructors: NetChain, NetGraph, NetFoldOperator,
NetMapOperator, NetNestOperator, NetBidirectionalOperator, and the inert NetPort.

Wolfram's node specs (a net, n for LinearLayer[n], Ramp for its ElementwiseLayer, a
nested list for a nested chain) and edge specs (a -> b -> c, {a, b} -> c, NetPort[...])
are turned into the runtime's Python forms; the runtime wires, orders and infers
shapes and reports what does not fit.
"""

from __future__ import annotations

from ...expr import Expr, Integer, S, String, Symbol, is_association
from ...kernel.builtin import builtin, declare
from ...nets.errors import NetError
from ...nets.functions import NAMED
from ...nets.bidirectional import AGGREGATIONS, PARTS, Bidirectional
from ...nets.graph import Chain, Graph
from ...nets.operators import Fold, MapOp, NestOp
from ..unimplemented import unimplemented
from .values import FAILED, NET_MESSAGES, NetValue, report, show
from .layers import LRM, construct, learning_rate, shape_spec

declare("NetPort", usage="NetPort[\"port\"] is a port of a NetGraph, in its "
                         "edges.\nNetPort[node, \"port\"] is the port of one of its nodes.")


def node_spec(head, e, prefix, rates):
    """A node as the runtime takes it; the layer-level multipliers of nets inside are
    added to ``rates`` under ``prefix``."""
    if isinstance(e, NetValue):
        rates.update({prefix + p: r for p, r in e.multipliers.items()})
        return e.payload
    if isinstance(e, Integer):
        return e.value
    if isinstance(e, Symbol) and e.name in NAMED:
        return e.name
    if isinstance(e, Expr) and e.head is S.List:
        return [node_spec(head, x, prefix + (i,), rates) for i, x in enumerate(e.args, 1)]
    if is_association(e):
        nodes = {}
        for rule in e.args:
            key = rule.args[0]
            if not isinstance(key, String):
                raise NetError(head, "invarg", f"the node name {show(key)} should be a string.")
            nodes[key.value] = node_spec(head, rule.args[1], prefix + (key.value,), rates)
        return nodes
    lacking = unimplemented(e)
    if lacking is not None:     # a Wolfram layer wlnet lacks: General::wlnetni's words
        raise NetError(head, "wlnetni", lacking.name)
    raise NetError(head, "invarg", f"{show(e)} is not a layer or a net.")


def _wrap(net, rates, own_rate):
    if own_rate is not None:
        rates[()] = own_rate
    return NetValue(net, rates)


# -- NetChain -------------------------------------------------------------------------------

@builtin(options={"Input": S.Automatic, "Output": S.Automatic, LRM: S.Automatic},
         messages=NET_MESSAGES,
         usage="NetChain[{layer1, layer2, ...}] is a net whose layers are applied "
               "one after another, each output feeding the "
               "next.\nNetChain[<|\"name1\" -> layer1, ...|>] names the layers; "
               "an integer n stands for LinearLayer[n] and a function such as "
               "Ramp for its ElementwiseLayer.")
def NetChain(ev, expr):
    """NetChain[{layer1, layer2, ...}] or NetChain[<|"name" -> layer, ...|>]: each
    layer's output feeds the next; n means LinearLayer[n], Ramp its ElementwiseLayer."""
    split = ev.split_options(expr)
    if split is None:
        return FAILED
    args, opts = split
    if not ev.check_argc(Expr.make(expr.head, args), 1, 1, "NetChain"):
        return None
    rates = {}
    try:
        layers = node_spec("NetChain", args[0], (), rates)
        if not isinstance(layers, (list, dict)):
            raise NetError("NetChain", "invarg", f"{show(args[0])} is not a list or "
                           "association of layers.")
        ports = {p: shape_spec("NetChain", opts[p]) for p in ("Input", "Output")
                 if opts[p] is not S.Automatic}
        net = Chain(layers, ports)
        return _wrap(net, rates, learning_rate("NetChain", opts[LRM]))
    except NetError as e:
        return report(ev, e)


# -- NetGraph -------------------------------------------------------------------------------

def endpoint(e):
    """An edge endpoint in the runtime's notation (see wlnet.nets.graph)."""
    if isinstance(e, (Integer, String)):
        return e.value
    if e is Symbol("None"):
        return None                      # NetPort[node, "port"] -> None mutes an output
    if isinstance(e, Expr) and e.head is S.List:
        return [endpoint(x) for x in e.args]
    if isinstance(e, Expr) and e.head is S.NetPort:
        args = e.args
        if len(args) == 1 and isinstance(args[0], Expr) and args[0].head is S.List:
            args = args[0].args          # the older NetPort[{node, "port"}]
        if len(args) == 1 and isinstance(args[0], String):
            return ("port", args[0].value)
        if len(args) == 2 and isinstance(args[0], (Integer, String)) and \
                isinstance(args[1], String):
            return ("node", args[0].value, args[1].value)
    raise NetError("NetGraph", "invedge", f"{show(e)} is not a node, a list of nodes or "
                   "a NetPort.")


def edges(e):
    """Wolfram's edge list as (source, sink) pairs; a -> b -> c gives two."""
    if not (isinstance(e, Expr) and e.head is S.List):
        raise NetError("NetGraph", "invedge", f"the edges {show(e)} should be a list of rules.")
    out = []
    for rule in e.args:
        if not (isinstance(rule, Expr) and rule.head is S.Rule and len(rule.args) == 2):
            raise NetError("NetGraph", "invedge", f"{show(rule)} is not an edge a -> b.")
        chain = []
        while isinstance(rule, Expr) and rule.head is S.Rule and len(rule.args) == 2:
            chain.append(rule.args[0])
            rule = rule.args[1]
        ends = [endpoint(x) for x in chain + [rule]]
        for src, dst in zip(ends, ends[1:]):
            if src is None or (dst is None and isinstance(src, list)):
                raise NetError("NetGraph", "invedge", f"only a node's output can lead to "
                               f"None ({show(rule)}).")
            if isinstance(dst, list):
                raise NetError("NetGraph", "invedge", f"an edge cannot lead into a list of "
                               f"nodes ({show(rule)}); write one edge per node.")
            out.append((src, dst))
    return out


@builtin(messages=NET_MESSAGES, options={LRM: S.Automatic},
         usage="NetGraph[{layer1, layer2, ...}, {m1 -> n1, ...}] is a net whose layers are "
               "connected as the edges mi -> ni say.\nNetGraph[<|\"name1\" -> layer1, "
               "...|>, edges] names the layers.")
def NetGraph(ev, expr):
    """NetGraph[{layers...} or <|name -> layer, ...|>, {edges}, "port" -> shape, ...]:
    layers wired by edges; free ports become the graph's ports."""
    args = list(expr.args)
    if not args:
        ev.check_argc(expr, 1, 2, "NetGraph")
        return None
    nodes, rest = args[0], args[1:]
    edge_list = rest.pop(0) if rest and isinstance(rest[0], Expr) and \
        rest[0].head is S.List else Expr(S.List)
    ports, rate = {}, S.Automatic
    try:
        for opt in rest:
            if not (isinstance(opt, Expr) and opt.head in (S.Rule, S.RuleDelayed)):
                raise NetError("NetGraph", "invarg", f"{show(opt)} is not an edge list or "
                               "a port option.")
            key, value = opt.args
            if isinstance(key, String):
                ports[key.value] = shape_spec("NetGraph", value)
            elif key is Symbol(LRM):
                rate = value
            else:
                ev.unknown_option("NetGraph", key, expr, [LRM])
                return FAILED
        rates = {}
        spec = node_spec("NetGraph", nodes, (), rates)
        if not isinstance(spec, (list, dict)):
            raise NetError("NetGraph", "invarg", f"{show(nodes)} is not a list or "
                           "association of layers.")
        net = Graph(spec, edges(edge_list), ports)
        return _wrap(net, rates, learning_rate("NetGraph", rate))
    except NetError as e:
        return report(ev, e)


# -- operators ------------------------------------------------------------------------------

def _operator(ev, expr, lo, hi, make):
    """Shared by the operators: the inner net (with its multipliers under "Net") and
    the operator's own options."""
    head = expr.head.name
    inner_rates = {}

    def build(args, opts):
        inner = node_spec(head, args[0], ("Net",), inner_rates)
        return make(inner, args[1:], opts)
    value = construct(ev, expr, lo, hi, build)
    if isinstance(value, NetValue):
        value.multipliers.update(inner_rates)
    return value


RECURRENCE = Expr(S.List, Expr(S.Rule, String("Output"), String("State")))


@builtin(options={"Input": S.Automatic, LRM: S.Automatic}, messages=NET_MESSAGES,
         usage="NetFoldOperator[net] is a net that applies net to the elements of a "
               "sequence in turn, feeding each step's output back in as the next step's "
               "\"State\".")
def NetFoldOperator(ev, expr):
    """NetFoldOperator[net]: folds net over a sequence; each step's "Output" is the next
    step's "State" (zeros at first); the output is the sequence of states."""
    if len(expr.args) > 1 and expr.args[1] in (RECURRENCE, S.Automatic):
        expr = Expr.make(expr.head, expr.args[:1] + expr.args[2:])   # the default recurrence

    def make(inner, rest, opts):
        return Fold(inner, input=shape_spec("NetFoldOperator", opts["Input"]))
    return _operator(ev, expr, 1, 1, make)


@builtin(options={"Input": S.Automatic, LRM: S.Automatic}, messages=NET_MESSAGES,
         usage="NetMapOperator[net] is a net that applies net to each element of a "
               "sequence.")
def NetMapOperator(ev, expr):
    """NetMapOperator[net]: net applied to every element of a sequence."""
    def make(inner, rest, opts):
        return MapOp(inner, input=shape_spec("NetMapOperator", opts["Input"]))
    return _operator(ev, expr, 1, 1, make)


@builtin(options={LRM: S.Automatic}, messages=NET_MESSAGES,
         usage="NetNestOperator[net, n] is a net that applies net n times, each output "
               "being the next input.")
def NetNestOperator(ev, expr):
    """NetNestOperator[net, n]: net applied n times, each output the next input."""
    def make(inner, rest, opts):
        n = rest[0]
        if not isinstance(n, Integer):
            raise NetError("NetNestOperator", "invarg", f"the repetition count {show(n)} "
                           "should be a non-negative integer.")
        return NestOp(inner, n.value)
    return _operator(ev, expr, 2, 2, make)


@builtin(options={"Input": S.Automatic, LRM: S.Automatic}, messages=NET_MESSAGES,
         usage="NetBidirectionalOperator[net] is a net that applies net to a sequence and "
               "an independent copy of it to the reversed sequence, and joins the two output "
               "sequences element by element.\nNetBidirectionalOperator[{fnet, bnet}] uses "
               "fnet on the sequence and bnet on its reverse.\nNetBidirectionalOperator[nets, "
               "agg] aggregates the two outputs with agg: Catenate, Total or Mean.")
def NetBidirectionalOperator(ev, expr):
    """NetBidirectionalOperator[net or {fnet, bnet}, agg]: the nets are the parts
    "ForwardNet" and "BackwardNet" (their multipliers kept under those keys)."""
    head = "NetBidirectionalOperator"
    inner_rates = {}

    def build(args, opts):
        nets = args[0]
        if isinstance(nets, Expr) and nets.head is S.List:
            if len(nets.args) != 2:
                raise NetError(head, "invarg", "First argument should be a valid net or a "
                               "pair of valid nets.")
            spec = [node_spec(head, n, (key,), inner_rates) for key, n in zip(PARTS, nets.args)]
        else:
            own = {}
            spec = node_spec(head, nets, (), own)
            inner_rates.update({(key,) + p: r for key in PARTS for p, r in own.items()})
        aggregation = "Catenate"
        if len(args) > 1:
            if not (isinstance(args[1], Symbol) and args[1].name in AGGREGATIONS):
                raise NetError(head, "invarg", "Second argument should be one of Catenate, "
                               "Total, or Mean.")
            aggregation = args[1].name
        return Bidirectional(spec, aggregation, input=shape_spec(head, opts["Input"]))
    value = construct(ev, expr, 1, 2, build)
    if isinstance(value, NetValue):
        value.multipliers.update(inner_rates)
    return value
