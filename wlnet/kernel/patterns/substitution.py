"""Substituting bindings into a rule's right-hand side, respecting the scoping constructs
(Function, Module, With, Block and inner rules) whose own names must not be replaced."""

from __future__ import annotations

from operator import is_

from ...expr import Expr, S, Symbol
from .kinds import _SEQUENCE, _pattern_names


# ---------------------------------------------------------------------------- substitution

_FUNCTION, _SET, _SET_DELAYED = S.Function, S.Set, S.SetDelayed
_BLOCKS = frozenset({S.Module, S.With, S.Block})
_RULE_LIKE = frozenset({S.Rule, S.RuleDelayed, _SET, _SET_DELAYED})
_ARG, _WHOLE, _KEEP, _EXIT = range(4)


def substitute(body, bindings: dict):
    """Replace the bound names in body (a rule's right-hand side) by their values.

    A name bound to Sequence[...] (from __ or ___) splices into the argument list around
    it; in a head or as the whole body a one-element sequence stands for its element (so
    f[x__] := x gives a for f[a]). Variables that an inner construct binds itself are left
    alone: the parameters of Function[{x}, ...], the locals of Module/With/Block and the
    pattern names on the left of an inner rule or definition.
    """
    if not bindings:
        return body
    out = []
    work = [(body, bindings, _WHOLE)]
    while work:
        node, b, role = work.pop()
        if role == _EXIT:
            node, start = node
            parts = out[start:]
            del out[start:]
            out.append(_rebuilt(node, parts))
        elif role == _KEEP or not b:
            out.append(node)
        elif type(node) is Symbol:
            v = b.get(node)
            if v is None:
                out.append(node)
            elif type(v) is Expr and v.head is _SEQUENCE:
                if role == _ARG:
                    out.extend(v.args)
                else:
                    out.append(v.args[0] if len(v.args) == 1 else v)
            else:
                out.append(v)
        elif type(node) is not Expr:
            out.append(node)
        else:
            work.append(((node, len(out)), None, _EXIT))
            children = _scoped_children(node, b)
            work.extend(reversed(children))
    return out[0]


def _rebuilt(node, parts):
    head, args = parts[0], parts[1:]
    old = node.args
    if head is node.head and len(args) == len(old) and all(map(is_, args, old)):
        return node
    return Expr.make(head, args)


def _without(b, names):
    return {k: v for k, v in b.items() if k not in names} if names & b.keys() else b


def _scoped_children(node, b):
    """Work items for node's head and arguments, with each child's own bindings."""
    h, args = node.head, node.args
    items = [(h, b, _WHOLE)] + [(a, b, _ARG) for a in args]
    if h is _FUNCTION and len(args) >= 2:
        params = args[0]
        names = set(params.args) if type(params) is Expr else {params}
        items[1] = (params, None, _KEEP)
        items[2] = (args[1], _without(b, names), _ARG)
    elif h in _BLOCKS and len(args) == 2 and type(args[0]) is Expr and args[0].head is S.List:
        names, specs = set(), []
        for spec in args[0].args:
            if type(spec) is Expr and spec.head in (_SET, _SET_DELAYED) and len(spec.args) == 2:
                names.add(spec.args[0])
                spec = Expr(spec.head, spec.args[0], substitute(spec.args[1], b))
            elif type(spec) is Symbol:
                names.add(spec)
            specs.append(spec)
        items[1] = (Expr.make(S.List, specs), None, _KEEP)
        items[2] = (args[1], _without(b, names), _ARG)
    elif h in _RULE_LIKE and len(args) == 2:
        inner = _without(b, _pattern_names(args[0]))
        items[1] = (args[0], inner, _ARG)
        items[2] = (args[1], inner, _ARG)
    return items
