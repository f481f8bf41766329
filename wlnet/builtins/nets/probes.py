"""net[x, NetPort[...]] and net[x, {NetPort[...], ...}]: the values at ports inside a
net, as Wolfram's NetPort page shows them: NetPort[{n, "port"}] (or NetPort[n, "port"]),
NetPort[n] for the only output of layer n, NetPort[{"outer", 2, "Output"}] through nested
nets, NetPort[All] for every layer's outputs, NetPort[All, "States"] for the final states
of every recurrent layer (keyed {n, "State"}), NetPort["port"] for an output of the net.
One request gives its value; a list, or All, an association keyed by the NetPorts. The
net is evaluated once, as the copy nets/probes.py makes with those ports as outputs.
"""
from ...expr import Expr, Integer, S, String
from ...nets import paths, probes
from ...nets.errors import NetError
from ...nets.graph import Container
from .values import NetValue, key_expr, report, show, spec_element


def requested(spec) -> bool:
    """Whether net[x, spec] asks for values at NetPorts."""
    if _is_port(spec):
        return True
    return isinstance(spec, Expr) and spec.head is S.List and bool(spec.args) and \
        all(_is_port(x) for x in spec.args)


def _is_port(e) -> bool:
    return isinstance(e, Expr) and e.head is S.NetPort and bool(e.args)


def evaluate(ev, value: NetValue, expr, data, spec):
    """The value (or association of values) net[x, spec] gives, or $Failed."""
    net = value.payload
    try:
        requests = [r for port in (spec.args if spec.head is S.List else (spec,))
                    for r in _requests(net, port)]
        inner = [r[1] for r in requests if isinstance(r[1], tuple)]
        graph, names = probes.probed(net.head, net, inner) if inner else (net, [])
    except NetError as e:
        return report(ev, e)
    rest = [a for a in expr.args if a is not data and a is not spec]     # the options
    outs = NetValue(graph).apply(ev, Expr.make(expr.head, [data, *rest]))
    if outs is None or outs is S["$Failed"]:
        return outs
    by_port = dict(zip(inner, names))
    values = {r.args[0]: r.args[1] for r in outs.args} if len(graph.output_ports()) > 1 \
        else {String(next(iter(graph.output_ports()))): outs}
    picked = [(key, values[String(by_port[r] if isinstance(r, tuple) else r)])
              for key, r in requests]
    if len(picked) == 1 and not (spec.head is S.List or _is_all(spec)):
        return picked[0][1]
    return Expr.make(S.Association, [Expr(S.Rule, k, v) for k, v in picked])


def _is_all(port) -> bool:
    """NetPort[All] or NetPort[All, "States"]: an association even when there is one."""
    return port.head is S.NetPort and port.args[0] is S.All


def _is_every_output(port) -> bool:
    return port.head is S.NetPort and port.args == (S.All,)


def _requests(net, port) -> list:
    """[(key expression, probe or an output port name of the net)] for one NetPort."""
    args = port.args[0].args if len(port.args) == 1 and isinstance(port.args[0], Expr) \
        and port.args[0].head is S.List else port.args
    if _is_every_output(port):
        if not isinstance(net, Container):
            return [(_port_expr(p), p) for p in net.output_ports()]
        return [(Expr(S.NetPort, Expr(S.List, key_expr(k), String(p))), ((k,), p))
                for k, node in net.children().items() for p in node.output_ports()]
    if port.args == (S.All, String("States")):
        return [(Expr.make(S.List, [*map(key_expr, path), String(p)]), (path, p))
                for path, p in probes.states(net)]
    elements = tuple(spec_element(a) for a in args)
    if any(e is None or e is paths.ALL for e in elements) or not elements:
        raise NetError(net.head, "invportspec", f"The port specification {show(port)} is "
                       "invalid.")
    if len(elements) == 1 and isinstance(elements[0], str) and \
            elements[0] in net.output_ports() and elements[0] not in net.children():
        return [(port, elements[0])]
    return [(port, probes.resolve(net.head, net, elements))]


def _port_expr(name):
    return Expr(S.NetPort, String(name) if isinstance(name, str) else Integer(name))
