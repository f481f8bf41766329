"""Associations: construction (later keys win, in the place of the first), lookup with
``assoc[key]``, and the key/value functions (Keys, Values, Lookup, KeyTake, Merge, ...).

An association is the normal expression ``Association[rule, ...]`` holding its rules in
order; builtins that see one as a list (Map, Select, Part, ...) work on its values.
"""

from __future__ import annotations

from ...expr import Atom, Expr, Integer, PackedArray, S, String, is_list
from ...kernel.builtin import builtin
from ...kernel.evaluator import SUBVALUE_HANDLERS
from ...kernel.ordering import sort_key
from ..common import boolean, operator_form
from ..lists.adding import _merge_rules
from ..patterns.selection import _is_rule
from ..structure.parts import is_assoc

# -- construction and lookup ---------------------------------------------------------------


def _rules_in(ev, items):
    """The rules of evaluated association arguments (rules, lists of rules, associations),
    flattened in order; the offending argument when one is none of these."""
    rules = []
    for item in items:
        if _is_rule(item):
            rules.append(item)
        elif is_assoc(item):
            rules.extend(item.args)
        elif is_list(item):
            inner = _rules_in(ev, item.args)
            if not isinstance(inner, list):
                return inner
            rules.extend(inner)
        else:
            return item
    return rules


@builtin(attributes="HoldAllComplete",
         usage="<|key1 -> val1, key2 -> val2, ...|> or Association[...] is an association "
               "of keys and values.\nassoc[key] gives the value of key.")
def Association(ev, expr):
    """<|k1 -> v1, ...|>: rules evaluated once (a :> rhs stays held); a repeated key keeps
    its first position and its last value."""
    items = [ev.evaluate(a) for a in expr.args]
    rules = _rules_in(ev, items)
    if not isinstance(rules, list):
        ev.message("Association", "invrl", rules)
        return None
    new = Expr.make(S.Association, _merge_rules([rules]))
    return expr if new == expr else new


def lookup(assoc, key, default=None):
    """The value at key (Key[k] or k), else default, else Missing["KeyAbsent", key]."""
    if isinstance(key, Expr) and key.head is S.Key and len(key.args) == 1:
        key = key.args[0]
    for r in assoc.args:
        if r.args[0] == key:
            return r.args[1]
    return default if default is not None else Expr(S.Missing, String("KeyAbsent"), key)


def _call_association(ev, expr):
    """assoc[key]: the value at key, or Missing["KeyAbsent", key]."""
    if len(expr.args) != 1 or not is_assoc(expr.head):
        return None
    return lookup(expr.head, expr.args[0])


SUBVALUE_HANDLERS[S.Association] = _call_association


def _rules_of(e):
    """The rules of an association, a rule, or a list of rules; None for anything else."""
    if is_assoc(e):
        return e.args
    if _is_rule(e):
        return (e,)
    if is_list(e) and all(_is_rule(r) for r in e.args):
        return e.args
    return None


def _per_rule(ev, name, e, part: int):
    """Keys (part 0) or Values (part 1) of e; lists of associations give lists of them."""
    rules = _rules_of(e)
    if rules is not None:
        picked = [r.args[part] for r in rules]
        return picked[0] if _is_rule(e) else Expr.make(S.List, picked)
    if is_list(e):
        out = [_per_rule(ev, name, x, part) for x in e.args]
        return None if None in out else Expr.make(S.List, out)
    ev.message(name, "invrl", e)
    return None


@builtin(argc=(1, 2),
         usage="Keys[assoc] gives the list of the keys of an association or a list of "
               "rules.")
def Keys(ev, expr):
    """The keys of an association or list of rules, in order."""
    return _per_rule(ev, "Keys", expr.args[0], 0)


@builtin(argc=(1, 2),
         usage="Values[assoc] gives the list of the values of an association or a list of "
               "rules.")
def Values(ev, expr):
    """The values of an association or list of rules, in order."""
    return _per_rule(ev, "Values", expr.args[0], 1)


@builtin(argc=(1, 3),
         usage="Lookup[assoc, key] gives the value of key in assoc, or "
               "Missing[\"KeyAbsent\", key].\nLookup[assoc, key, default] gives default "
               "when the key is absent.\nLookup[assoc, {k1, k2, ...}] gives a list of "
               "values.")
def Lookup(ev, expr):
    """Lookup[assoc, key] or Lookup[assoc, key, default]; a list of keys gives a list, a
    list of associations one result per association."""
    if len(expr.args) == 1:
        return None
    target, key = expr.args[:2]
    default = expr.args[2] if len(expr.args) == 3 else None
    rules = _rules_of(target)
    if rules is None:
        if is_list(target) and all(_rules_of(x) is not None for x in target.args):
            return Expr.make(S.List, [Expr.make(S.Lookup, (x,) + expr.args[1:])
                                      for x in target.args])
        ev.message("Lookup", "invrl", target)
        return None
    assoc = Expr.make(S.Association, rules)
    if is_list(key):
        return Expr.make(S.List, [lookup(assoc, k, default) for k in key.args])
    return lookup(assoc, key, default)


operator_form("Lookup")


@builtin(argc=(1, 2),
         usage="KeyExistsQ[assoc, key] gives True if key is a key of assoc, and False "
               "otherwise.")
def KeyExistsQ(ev, expr):
    """Whether the association (or list of rules) has the key."""
    if len(expr.args) == 1:
        return None
    rules = _rules_of(expr.args[0])
    key = expr.args[1]
    if isinstance(key, Expr) and key.head is S.Key and len(key.args) == 1:
        key = key.args[0]
    return boolean(rules is not None and any(r.args[0] == key for r in rules))


operator_form("KeyExistsQ")


@builtin(argc=(1, 2),
         usage="KeyValueMap[f, assoc] gives the list {f[k1, v1], f[k2, v2], ...} of f "
               "applied to each key and its value.")
def KeyValueMap(ev, expr):
    """KeyValueMap[f, assoc]: {f[k1, v1], f[k2, v2], ...}."""
    if len(expr.args) == 1:
        return None
    f, target = expr.args
    rules = _rules_of(target) if not isinstance(target, Atom) else None
    if rules is None:
        ev.message("KeyValueMap", "invrl", target)
        return None
    return Expr.make(S.List, [Expr(f, r.args[0], r.args[1]) for r in rules])


operator_form("KeyValueMap", target_first=False)


@builtin(argc=(1, 2),
         usage="AssociationMap[f, {k1, k2, ...}] gives the association <|k1 -> f[k1], k2 -> "
               "f[k2], ...|>.\nAssociationMap[f, <|k1 -> v1, ...|>] applies f to each rule "
               "ki -> vi, which must give a rule.\nAssociationMap[f][expr] is "
               "AssociationMap[f, expr].")
def AssociationMap(ev, expr):
    """AssociationMap[f, keys]: each key with f[key] as its value; on an association, f
    maps each rule to a new rule (Reverse swaps keys and values)."""
    if len(expr.args) == 1:
        return None
    f, target = expr.args
    if is_assoc(target):
        rules = [ev.evaluate(Expr(f, r)) for r in target.args]
        bad = next((r for r in rules if not _is_rule(r)), None)
        if bad is not None:
            ev.message("AssociationMap", "invrl", bad)
            return None
    elif is_list(target):
        rules = [Expr(S.Rule, k, ev.evaluate(Expr(f, k))) for k in target.args]
    else:
        ev.message("AssociationMap", "list", expr, Integer(2))
        return None
    return Expr.make(S.Association, _merge_rules([rules]))


operator_form("AssociationMap", target_first=False)


@builtin(argc=(1, 2), messages={"idim": "`1` and `2` must have the same length."},
         usage="AssociationThread[{k1, k2, ...}, {v1, v2, ...}] gives the association <|k1 "
               "-> v1, k2 -> v2, ...|>.\nAssociationThread[keys -> values] does the same.")
def AssociationThread(ev, expr):
    """AssociationThread[{k1, ...}, {v1, ...}] or AssociationThread[keys -> values]."""
    if len(expr.args) == 1:
        spec = expr.args[0]
        if not (isinstance(spec, Expr) and spec.head is S.Rule):
            return None
        keys, values = spec.args
    else:
        keys, values = expr.args
    if not (is_list(keys) and is_list(values)):
        return None
    if len(keys.args) != len(values.args):
        ev.message("AssociationThread", "idim", keys, values)
        return None
    return Expr.make(S.Association, _merge_rules([[Expr(S.Rule, k, v)
                                                   for k, v in zip(keys.args, values.args)]]))


@builtin(argc=(1, 2),
         usage="KeySort[assoc] gives assoc with its keys in canonical "
               "order.\nKeySort[assoc, p] orders the keys by the ordering function p.")
def KeySort(ev, expr):
    """The association with its keys in canonical order, or ordered by the ordering
    function p of KeySort[assoc, p]."""
    from ..lists.ordering import in_order, merge_sort
    target = expr.args[0]
    if not is_assoc(target):
        return None
    if len(expr.args) == 2:
        test = in_order(ev, expr.args[1])
        return Expr.make(S.Association, merge_sort(list(target.args),
                                                   lambda a, b: test(a.args[0], b.args[0])))
    return Expr.make(S.Association, sorted(target.args, key=lambda r: sort_key(r.args[0])))


def _key_set(keys):
    """Keys named by a single key or a list of keys (Key[k] wrappers removed)."""
    items = keys.args if is_list(keys) else (keys,)
    return [k.args[0] if isinstance(k, Expr) and k.head is S.Key and len(k.args) == 1 else k
            for k in items]


def _key_filter(ev, expr, keep: bool):
    """KeyTake (keep, in the order asked) or KeyDrop; lists of associations map."""
    if len(expr.args) == 1:
        return None
    target, keys = expr.args
    if is_list(target) and target.args and all(is_assoc(x) for x in target.args):
        return Expr.make(S.List, [Expr(expr.head, x, keys) for x in target.args])
    rules = _rules_of(target)
    if rules is None:
        ev.message(expr.head.name, "invrl", target)
        return None
    wanted = _key_set(keys)
    if keep:
        by_key = {r.args[0]: r for r in rules}
        picked = [by_key[k] for k in dict.fromkeys(wanted) if k in by_key]
    else:
        dropped = set(wanted)
        picked = [r for r in rules if r.args[0] not in dropped]
    return Expr.make(target.head, picked)


@builtin(argc=(1, 2),
         usage="KeyTake[assoc, {k1, k2, ...}] gives the association of the keys ki that "
               "assoc has, in that order.")
def KeyTake(ev, expr):
    """KeyTake[assoc, keys]: only those keys, in the order given (absent ones skipped)."""
    return _key_filter(ev, expr, True)


@builtin(argc=(1, 2),
         usage="KeyDrop[assoc, {k1, k2, ...}] gives assoc without the keys "
               "ki.\nKeyDrop[assoc, k] drops one key.")
def KeyDrop(ev, expr):
    """KeyDrop[assoc, keys]: the association without those keys."""
    return _key_filter(ev, expr, False)


operator_form("KeyTake")
operator_form("KeyDrop")


@builtin(argc=(1, 2),
         usage="Merge[{assoc1, assoc2, ...}, f] gives one association, with f applied to "
               "the list of the values each key has.")
def Merge(ev, expr):
    """Merge[{assoc1, assoc2, ...}, f]: one association, each key's values (in order)
    combined by f."""
    if len(expr.args) == 1:
        return None
    sources, f = expr.args
    if not is_list(sources):
        return None
    groups: dict = {}
    for source in sources.args:
        rules = _rules_of(source)
        if rules is None:
            ev.message("Merge", "invrl", source)
            return None
        for r in rules:
            groups.setdefault(r.args[0], []).append(r.args[1])
    return Expr.make(S.Association, [Expr(S.Rule, k, Expr(f, Expr.make(S.List, vs)))
                                     for k, vs in groups.items()])


operator_form("Merge", target_first=False)


@builtin(argc=1,
         usage="AssociationQ[expr] gives True if expr is a valid association, and False "
               "otherwise.")
def AssociationQ(ev, expr):
    """Whether the argument is a valid association."""
    e = expr.args[0]
    return boolean(is_assoc(e) and all(_is_rule(r) for r in e.args))


def _normal(e, head):
    """Associations (or objects with a ``normal()``) turned into plain expressions,
    outermost first; the values of a converted association are left as they are."""
    if hasattr(e, "normal") and (head is None or e.head is head):
        return e.normal()
    if isinstance(e, (Atom, PackedArray)):
        return e
    if is_assoc(e) and head in (None, S.Association):
        return Expr.make(S.List, e.args)
    args = [_normal(a, head) for a in e.args]
    return e if all(a is b for a, b in zip(args, e.args)) else Expr.make(e.head, args)


@builtin(argc=(1, 2),
         usage="Normal[expr] gives expr with associations turned into lists of rules, and "
               "special objects into their plain form.")
def Normal(ev, expr):
    """Normal[expr]: associations become lists of rules (and special objects their plain
    form); Normal[expr, h] converts only objects with head h."""
    head = expr.args[1] if len(expr.args) == 2 else None
    return _normal(expr.args[0], head)

