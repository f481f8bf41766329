"""Net surgery builtins: NetTake, NetDrop, NetAppend, NetPrepend, NetInsert, NetDelete,
NetReplace, NetFlatten, NetRename, and Take, Drop, Append, Prepend, Insert, Delete and
Flatten of a NetChain or NetGraph (Wolfram's up values).

Each reads its Wolfram arguments into the runtime's notation and calls the runtime
(``nets/surgery.py``, ``nets/subgraph.py``, ``nets/flatten.py``), which builds the new
net and says what is wrong; a failure is ``NetTake::tag: text`` and $Failed. The
layer-level learning-rate multipliers follow their layers to their new paths.
"""

from __future__ import annotations

from ...expr import TRUE, Expr, Integer, S, String, Symbol
from ...kernel import patterns
from ...kernel.builtin import ATOM_UPVALUES, builtin
from ...nets import flatten as flat
from ...nets import paths, subgraph, surgery
from ...nets.errors import NetError
from ...nets.graph import Chain, Container, Graph, as_net
from ...nets.layer import Layer
from ..common import INF, _is_infinity
from ..structure.levels import level_spec
from ..unimplemented import not_a_net
from .containers import node_spec
from .operations import replace_one
from .values import FAILED, NET_MESSAGES, NetValue, report, show

TAGS = ("netempty", "invchtakespec", "invchlayername", "invportname", "invportspec",
        "invnetvertex", "invnetchpend1", "invnetchpend2", "invnetins1",
        "invnetins2", "invnetins3", "invnetins4", "arg1", "invchdspec", "invelide",
        "nodelport", "invdelport", "nomix", "noioport", "invarg1", "inviopath", "dupnames",
        "invnetrep", "invrules", "notsupp", "multiport", "notchained")
MESSAGES = {**NET_MESSAGES, **{tag: "`1`" for tag in TAGS},
            "norep": "No pattern matches occurred and hence no replacements were performed.",
            "flev": "The level argument `1` in position 2 should be a non-negative integer or "
                    "Infinity giving the levels to flatten through.",
            "arg1net": "First argument `1` should be a net.",
            "heads": "AllowedHeads -> `1` should be Automatic, Inherited, \"Same\", NetGraph "
                     "or NetChain."}


# -- reading arguments ---------------------------------------------------------------------

def _element(e):
    """A position or port in the runtime's notation (see nets/surgery.py)."""
    if isinstance(e, (Integer, String)):
        return e.value
    if e is S.All:
        return paths.ALL
    if isinstance(e, Expr) and e.head is S.List:
        return [_element(x) for x in e.args]
    if isinstance(e, Expr) and e.head is S.Span and len(e.args) == 2:
        return [1 if e.args[0] is S.All else _element(e.args[0]),
                -1 if e.args[1] is S.All else _element(e.args[1])]       # m ;; n
    if isinstance(e, Expr) and e.head is S.NetPort:
        args = e.args[0].args if len(e.args) == 1 and isinstance(e.args[0], Expr) and \
            e.args[0].head is S.List else e.args
        if len(args) == 1 and isinstance(args[0], String):
            return ("port", args[0].value)
        if len(args) == 2 and isinstance(args[0], (Integer, String)) and \
                isinstance(args[1], String):
            return ("nodeport", args[0].value, args[1].value)
    raise NetError("", "invportspec", f"The port specification {show(e)} is invalid.")


def _layers(head, spec, rates: list) -> list:
    """[(name or None, net)] from a layer, "name" -> layer, or a list of them; the
    multipliers of nets given go to ``rates``."""
    items = spec.args if isinstance(spec, Expr) and spec.head is S.List else (spec,)
    out = []
    for item in items:
        name = None
        if isinstance(item, Expr) and item.head is S.Rule and len(item.args) == 2:
            if not isinstance(item.args[0], String):
                raise NetError(head, "invarg", f"the layer name {show(item.args[0])} should "
                               "be a string.")
            name, item = item.args[0].value, item.args[1]
        layer = as_net(node_spec(head, item, (), {}), head)
        if isinstance(item, NetValue):
            rates.append((item.payload, item.multipliers))
        out.append((name, layer))
    return out


def _port_hints(value: NetValue, hints) -> NetValue:
    """Port shapes or coders given after the specification ("Input" -> 3), as
    NetReplacePart sets them, in place of the port's NetEncoder or NetDecoder (as
    Wolfram's do); noioport for a name that is not a port."""
    for rule in hints:
        name = rule.args[0]
        net = value.payload
        if not (isinstance(name, String) and (name.value in net.input_ports() or
                                              name.value in net.output_ports())):
            raise NetError("", "noioport", f"No input or output port named {show(name)}.")
        try:
            if name.value in net.port_coders():
                value = value.evolve(net.with_port_coder(name.value, None))
            value = replace_one(value, rule)
        except NetError as e:
            raise NetError("", e.tag, e.text) from None      # under the function's name
    return value


def _spec_and_hints(name, rest):
    """(the specification, the "port" -> shape rules after it)."""
    spec, hints = rest[0], rest[1:]
    for a in hints:
        if not (isinstance(a, Expr) and a.head is S.Rule and len(a.args) == 2 and
                isinstance(a.args[0], String)):
            raise NetError(name, "invarg", f"{show(a)} is not a port specification "
                           "\"port\" -> shape.")
    return spec, hints


# -- results --------------------------------------------------------------------------------

def _where(net, prefix=()) -> dict:
    """{lineage of a sub-net: its path} of every net inside ``net``."""
    out = {net.lineage: prefix}
    for key, child in net.children().items():
        out.update(_where(child, prefix + (key,)))
    return out


def _result(new, value: NetValue, extra=()) -> NetValue:
    """The new net with the multipliers of the layers that are still in it, at their
    new paths (found by lineage: surgery reuses the nodes, maybe with refined shapes)."""
    where = _where(new)
    rates = {}
    for old, mults in [(value.payload, value.multipliers), *extra]:
        for prefix, rate in mults.items():
            try:
                path = where.get(old.extract(prefix).lineage)
            except NetError:
                path = None
            if path is None and not prefix and old is value.payload:
                path = ()               # the net itself, rebuilt: its rate stays
            if path is not None:
                rates[path] = rate
    return NetValue(new, rates)


def _run(ev, name, expr, lo, hi, action):
    """The common frame: argument count, a net first, and NetErrors as name::tag."""
    if not ev.check_argc(expr, lo, hi, name):
        return None
    value = expr.args[0]
    if not isinstance(value, NetValue):
        not_a_net(ev, name, value, "arg1net", value)
        return None
    try:
        return action(value, expr.args[1:])
    except NetError as e:
        return report(ev, NetError(e.symbol or name, e.tag, e.text))


# -- NetTake, NetDrop ----------------------------------------------------------------------

def _take_drop(name, take):
    def action(value, rest):
        spec, hints = _spec_and_hints(name, rest)
        net = value.payload
        if isinstance(net, Graph):
            if not take:
                raise NetError("NetGraph", "notsupp", "Drop is not supported by NetGraph.")
            where = _element(spec)
            start, end = (where if isinstance(spec, Expr) and spec.head in (S.List, S.Span)
                          and len(where) == 2 else (paths.ALL, where))
            new = subgraph.take(name, net, start, end)
        elif isinstance(net, Chain):
            new = surgery.take_drop(name, net, _element(spec), take)
        else:
            raise NetError(name, "invchtakespec", f"Invalid {name} specification.")
        return _port_hints(_result(new, value), hints)
    return action


@builtin(argc=(2, None), messages=MESSAGES,
         usage="NetTake[net, end] gives a net with the layers of a NetChain or NetGraph up "
               "to end.\nNetTake[net, {start, end}] gives the layers from start to end.")
def NetTake(ev, expr):
    return _run(ev, "NetTake", expr, 2, None, _take_drop("NetTake", True))


@builtin(argc=(2, None), messages=MESSAGES,
         usage="NetDrop[net, n] gives a NetChain without its first n layers (its last n "
               "for negative n).\nNetDrop[net, {start, end}] drops the layers from start "
               "to end.")
def NetDrop(ev, expr):
    return _run(ev, "NetDrop", expr, 2, None, _take_drop("NetDrop", False))


# -- NetAppend, NetPrepend, NetInsert ---------------------------------------------------------

def _pend(name, at_end):
    def action(value, rest):
        spec, hints = _spec_and_hints(name, rest)
        extra = []
        new = surgery.append(name, value.payload, _layers(name, spec, extra), at_end)
        return _port_hints(_result(new, value, extra), hints)
    return action


@builtin(argc=(2, None), messages=MESSAGES,
         usage="NetAppend[net, layer] appends a layer or a net to a NetChain, a layer or a "
               "NetGraph with one output.\nNetAppend[net, \"name\" -> layer] appends a layer "
               "with a name.\nNetAppend[net, {layer1, layer2, ...}] appends several.")
def NetAppend(ev, expr):
    return _run(ev, "NetAppend", _without_automatic(expr), 2, None, _pend("NetAppend", True))


@builtin(argc=(2, None), messages=MESSAGES,
         usage="NetPrepend[net, layer] prepends a layer or a net to a NetChain, a layer or a "
               "NetGraph with one input.\nNetPrepend[net, \"name\" -> layer] prepends a "
               "layer with a name.\nNetPrepend[net, {layer1, layer2, ...}] prepends several.")
def NetPrepend(ev, expr):
    return _run(ev, "NetPrepend", _without_automatic(expr), 2, None,
                _pend("NetPrepend", False))


def _without_automatic(expr):
    """The "Input" -> Automatic and "Output" -> Automatic options change nothing."""
    return Expr.make(expr.head, [a for a in expr.args if not (
        isinstance(a, Expr) and a.head is S.Rule and len(a.args) == 2 and
        a.args[1] is S.Automatic and a.args[0] in (String("Input"), String("Output")))])


@builtin(argc=3, messages=MESSAGES,
         usage="NetInsert[chain, layer, n] inserts a layer into a NetChain at position "
               "n.\nNetInsert[chain, \"name\" -> layer, pos] inserts a named layer before "
               "the layer pos (a name or a position).")
def NetInsert(ev, expr):
    def action(value, rest):
        extra = []
        ((name, layer),) = _layers("NetInsert", rest[0], extra)[:1] or [(None, None)]
        pos = rest[1].value if isinstance(rest[1], (Integer, String)) else show(rest[1])
        new = surgery.insert("NetInsert", value.payload, name, layer, pos)
        return _result(new, value, extra)
    return _run(ev, "NetInsert", expr, 3, 3, action)


# -- NetDelete ------------------------------------------------------------------------------

@builtin(argc=2, messages=MESSAGES,
         usage="NetDelete[net, n] deletes the nth layer of a NetChain or NetGraph.\n"
               "NetDelete[net, \"name\"] deletes a named layer.\nNetDelete[net, {spec1, "
               "spec2, ...}] deletes several.\nNetDelete[graph, NetPort[\"name\"]] deletes "
               "an output or state input port of a NetGraph.")
def NetDelete(ev, expr):
    def action(value, rest):
        specs = _element(rest[0])
        specs = specs if isinstance(specs, list) else [specs]
        ports = [s for s in specs if isinstance(s, tuple) and s[0] == "port"]
        if ports and len(ports) != len(specs):
            raise NetError("NetDelete", "nomix", "Deletion specifications that are a "
                           "mixture of NetPort and layer specs are not currently supported.")
        if ports:
            new = surgery.delete_ports("NetDelete", value.payload, [p[1] for p in ports])
        else:
            if any(not isinstance(s, (int, str)) for s in specs):
                raise NetError("NetDelete", "invchdspec", f"The layer {show(rest[0])} does "
                               "not exist.")
            new = surgery.delete("NetDelete", value.payload, specs)
        return _result(new, value)
    return _run(ev, "NetDelete", expr, 2, 2, action)


# -- NetRename ------------------------------------------------------------------------------

@builtin(argc=(2, 3), messages=MESSAGES,
         usage="NetRename[net, \"old\" -> \"new\"] renames a layer of a NetChain or "
               "NetGraph.\nNetRename[net, NetPort[\"old\"] -> NetPort[\"new\"]] renames an "
               "input or output port.\nNetRename[net, {rule1, rule2, ...}] renames several."
               "\nNetRename[net, f] renames every layer to f[name].\nNetRename[net, rules, "
               "levelspec] renames layers nested at the levels levelspec.")
def NetRename(ev, expr):
    def action(value, rest):
        net, spec = value.payload, rest[0]
        if not isinstance(net, Container):
            raise NetError("NetRename", "invarg1", "First argument should be a NetChain or "
                           "NetGraph.")
        rules = spec.args if isinstance(spec, Expr) and spec.head is S.List else (spec,)
        if all(_port_rule(r) for r in rules):
            pairs = [(r.args[0].args[0].value, r.args[1].args[0].value) for r in rules]
            return _result(surgery.rename_ports("NetRename", net, pairs), value)
        levels = level_spec(ev, "NetRename", rest[1]) if len(rest) == 2 else (1, 1)
        if levels is None:
            return FAILED
        levels = (max(levels[0], 1), levels[1])
        if all(isinstance(r, Expr) and r.head in (S.Rule, S.RuleDelayed) for r in rules):
            table = [(r.args[0], r.args[1]) for r in rules]

            def new_name(name):
                for old, new in table:
                    if old == String(name) or (isinstance(old, Integer) and
                                               str(old.value) == name):
                        return _name("NetRename", ev.evaluate(new))
                return None
        else:
            def new_name(name):
                return _name("NetRename", ev.evaluate(Expr(spec, String(name))))
        return _result(surgery.rename("NetRename", net, new_name, levels), value)
    return _run(ev, "NetRename", expr, 2, 3, action)


def _port_rule(r):
    return isinstance(r, Expr) and r.head is S.Rule and len(r.args) == 2 and all(
        isinstance(x, Expr) and x.head is S.NetPort and len(x.args) == 1 and
        isinstance(x.args[0], String) for x in r.args)


def _name(head, e):
    if isinstance(e, String):
        return e.value
    raise NetError(head, "invarg", f"the new layer name {show(e)} should be a string.")


# -- NetFlatten -----------------------------------------------------------------------------

@builtin(argc=(1, 2), messages=MESSAGES, options={"AllowedHeads": S.Automatic},
         usage="NetFlatten[net] collapses nested NetChain and NetGraph objects within "
               "net.\nNetFlatten[net, n] collapses up to nesting level n.")
def NetFlatten(ev, expr):
    split = ev.split_options(expr, "NetFlatten")
    if split is None:
        return FAILED
    args, opts = split
    allowed = opts["AllowedHeads"]
    heads = "Same" if allowed is S.Inherited else getattr(allowed, "name", None) or \
        getattr(allowed, "value", None)
    if heads not in flat.HEADS:
        ev.message("NetFlatten", "heads", allowed)
        return FAILED

    def action(value, rest):
        levels = INF
        if rest:
            n = rest[0]
            if not ((isinstance(n, Integer) and n.value > 0) or _is_infinity(n)):
                ev.message("NetFlatten", "flev", n)
                return FAILED
            levels = n.value if isinstance(n, Integer) else INF
        return _result(flat.flatten("NetFlatten", value.payload, levels, heads), value)
    return _run(ev, "NetFlatten", Expr.make(expr.head, args), 1, 2, action)


# -- NetReplace -----------------------------------------------------------------------------

@builtin(messages=MESSAGES, options={"FlattenInPlace": TRUE},
         usage="NetReplace[net, patt -> layer] gives a net in which every layer matching patt "
               "is replaced with layer.\nNetReplace[net, {rule1, rule2, ...}] performs all "
               "the replacements.")
def NetReplace(ev, expr):
    """NetReplace[net, rules, opts]: the rules are the second argument even though they
    are rules, so only what follows them can be options."""
    split = ev.split_options(Expr.make(expr.head, expr.args[:1] + expr.args[2:]),
                             "NetReplace")
    if split is None:
        return FAILED
    args, opts = split
    args = list(args[:1]) + list(expr.args[1:2]) + list(args[1:])

    def action(value, rest):
        rules = rest[0].args if isinstance(rest[0], Expr) and rest[0].head is S.List \
            else (rest[0],)
        if not all(isinstance(r, Expr) and r.head in (S.Rule, S.RuleDelayed) and
                   len(r.args) == 2 for r in rules):
            raise NetError("NetReplace", "invrules", "Second argument should be a list of "
                           "rules.")
        extra = []

        def replace(node):
            return _replacement(ev, rules, node, extra)
        new, count = flat.replace_nodes("NetReplace", value.payload, replace,
                                        opts["FlattenInPlace"] is TRUE)
        top = replace(new)
        if top is flat.DELETE:
            raise NetError("NetReplace", "invnetrep", "Replacement of the net failed: the "
                           "whole net cannot be removed.")
        if top is not None:
            new, count = flat._compatible("NetReplace", (), new, top), count + 1
        if not count:
            ev.message("NetReplace", "norep")
            return value
        return _result(new, value, extra)
    return _run(ev, "NetReplace", Expr.make(expr.head, args), 2, 2, action)


def _replacement(ev, rules, node, extra):
    """The first rule's replacement of a node: None (no rule matches), DELETE
    (Nothing) or a net."""
    node_value = NetValue(node)
    for rule in rules:
        lhs, rhs = rule.args
        if isinstance(lhs, NetValue):
            if not _same_layer(lhs.payload, node):
                continue
            result = rhs if rule.head is S.Rule else ev.evaluate(rhs)
        else:
            result = patterns.replace(node_value, [(lhs, rhs, rule.head is S.RuleDelayed)], ev)
            if result is None:
                continue
            result = ev.evaluate(result)
        if result is S.Nothing:
            return flat.DELETE
        if isinstance(result, NetValue):
            extra.append((result.payload, result.multipliers))
        return as_net(node_spec("NetReplace", result, (), {}), "NetReplace")
    return None


def _same_layer(pattern, node) -> bool:
    """A literal layer matches a layer of its type whose arguments and options equal
    the ones it was given (ports and arrays aside); a literal container only itself."""
    if not isinstance(pattern, Layer):
        return pattern is node or constructor_text(pattern) == constructor_text(node)
    if type(node) is not type(pattern):
        return False
    args, options = pattern.constructor()
    for param, value in zip(pattern.arguments, args):
        if node.argument_value(param) != value:
            return False
    ignored = set(pattern.port_options) | {s.name for s in pattern.array_specs}
    return all(node.argument_value(node.param(k)) == v for k, v in options.items()
               if k not in ignored)


def constructor_text(net):
    from ...format.nets import constructor
    return constructor(net)


# -- Take, Drop, Append, ... of a NetChain or NetGraph (up values) ----------------------------

def _upvalue(name, fn=None):
    def handler(ev, expr):
        value = expr.args[0] if expr.args else None
        if not isinstance(value, NetValue) or not isinstance(value.payload, Container):
            return None
        if fn is not None:
            return fn(ev, expr)
        return ev.done(ev.evaluate(Expr.make(Symbol(name), expr.args)))
    return handler


def _delete(ev, expr):
    spec = expr.args[1] if len(expr.args) == 2 else None
    if spec is None:
        return None
    return ev.done(ev.evaluate(Expr(S.NetDelete, expr.args[0], spec)))


ATOM_UPVALUES.setdefault(NetValue, {}).update({
    S.Take: _upvalue("NetTake"), S.Drop: _upvalue("NetDrop"),
    S.Append: _upvalue("NetAppend"), S.Prepend: _upvalue("NetPrepend"),
    S.Insert: _upvalue("NetInsert"), S.Delete: _upvalue("NetDelete", _delete),
    S.Flatten: _upvalue("NetFlatten"),
})
