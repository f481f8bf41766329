"""The evaluation loop: Wolfram's standard evaluation sequence, in one class.

For ``h[a1, a2, ...]``: evaluate the head, evaluate the arguments the head's attributes do
not hold, splice Sequence, flatten (Flat), thread over lists (Listable), sort (Orderless),
then try the user's rules (up values, down values or sub values, most specific first) and
finally the builtin. Repeat until nothing changes. Deep recursion is bounded by
``$RecursionLimit`` and endless rewriting by ``$IterationLimit`` with Wolfram's messages,
never by a Python RecursionError.
"""

from __future__ import annotations

from difflib import get_close_matches

import numpy as np

from ..expr import (TRUE, Atom, Expr, Integer, ObjectAtom, PackedArray, S, String, Symbol,
                    is_association)
from . import patterns
from .builtin import ATOM_UPVALUES, BUILTINS
from .definitions import Clock
from .limits import UNLIMITED, limit_of
from .messages import GENERAL, Abort, MessageRecord, PrintRecord
from .ordering import sort_key
from .slots import replace_slots, same

HOLD_FIRST = {"HoldFirst", "HoldAll", "HoldAllComplete"}
HOLD_REST = {"HoldRest", "HoldAll", "HoldAllComplete"}
MAX_MESSAGES_OF_A_KIND = 3
_NOTHING = S.Nothing


class ControlFlow(Exception):
    """Return/Break/Continue/Throw travelling up to whatever catches them."""

    def __init__(self, kind: str, value=None, tag=None):
        super().__init__(kind)
        self.kind, self.value, self.tag = kind, value, tag


class RecursionLimitReached(Exception):
    """Evaluation went deeper than ``$RecursionLimit`` or its stack: ``depth`` is the
    limit (with ``$RecursionLimit = Infinity``, how deep evaluation got)."""

    def __init__(self, depth: int):
        super().__init__(depth)
        self.depth = depth


class Evaluation:
    """One top-level evaluation: the records it produced and the state it runs with."""

    def __init__(self, session):
        self.session = session
        self.defs = session.definitions
        self.records: list = []
        self.message_counts: dict[tuple[str, str], int] = {}
        self.quiet: list = []            # stack of (None=all | set of names) being silenced
        self.message_log: list[str] = []  # names of messages issued (for Check)
        self.reapers: list = []           # open Reap calls, innermost last (for Sow)
        self.depth = 0
        self._settled = None              # the last _step result no rule could change
        self.refresh_limits()

    # -- session services -------------------------------------------------------------
    @property
    def rng(self) -> np.random.Generator:
        return self.session.rng

    def refresh_limits(self) -> None:
        """Read $RecursionLimit and $IterationLimit (after any change to them, so a new
        limit holds from the next step on)."""
        self.recursion_limit = limit_of(self.defs, "$RecursionLimit")
        self.iteration_limit = limit_of(self.defs, "$IterationLimit")

    def check_abort(self) -> None:
        if self.session.abort_requested:
            raise Abort()

    def attributes(self, sym) -> frozenset[str]:
        return self.defs.attributes(sym) if isinstance(sym, Symbol) else frozenset()

    def default_value(self, head, position: int, nargs: int):
        if not isinstance(head, Symbol):
            return None
        d = self.defs.get(head)
        if d is not None:
            for rule in d.defaults:
                if len(rule.lhs.args) == 1 or (len(rule.lhs.args) >= 2 and
                                               rule.lhs.args[1] == Integer(position)):
                    return rule.rhs
        b = BUILTINS.get(head)
        if b is not None and b.defaults:
            return b.defaults.get(position, b.defaults.get(0))
        return None

    # -- messages and prints ---------------------------------------------------------
    def message(self, symbol: str, tag: str, *args, note: str = "") -> None:
        """Issue ``symbol::tag`` with argument expressions, unless silenced; ``note`` is
        text of ours appended to Wolfram's (a "did you mean" suggestion)."""
        name = f"{symbol}::{tag}"
        if self._silenced(name, f"General::{tag}"):
            return
        template = self.defs.message_template(Symbol(symbol), tag)
        if template is None:
            template = self.defs.message_template(S.General, tag) or GENERAL.get(tag)
        if template is None:
            template = "-- Message text not found --" + "".join(
                f" (`{i + 1}`)" for i in range(len(args)))
        self.message_log.append(name)
        key = (symbol, tag)
        count = self.message_counts.get(key, 0) + 1
        self.message_counts[key] = count
        if count <= MAX_MESSAGES_OF_A_KIND:
            self._issue(MessageRecord(symbol, tag, template + note, tuple(args)))
        if count == MAX_MESSAGES_OF_A_KIND:
            stop = Expr(S.MessageName, Symbol(symbol), String(tag))
            self._issue(MessageRecord("General", "stop", GENERAL["stop"], (stop,)))

    def _silenced(self, *names: str) -> bool:
        for spec in self.quiet:
            if spec is None or any(n in spec for n in names):
                return True
        return False

    def print(self, *items) -> None:
        self._issue(PrintRecord(tuple(items)))

    def _issue(self, record) -> None:
        """Keep the record for the Output and hand it to the front end's ``record_sink``
        at once, so a Print inside a long loop shows while the loop runs."""
        self.records.append(record)
        sink = self.session.record_sink
        if sink is not None:
            sink(record)

    # -- argument and option checking ------------------------------------------------
    def check_argc(self, expr: Expr, lo: int, hi: int | None, name: str | None = None) -> bool:
        """Issue Wolfram's argument-count message if len(args) is outside [lo, hi]."""
        n = len(expr.args)
        if lo <= n and (hi is None or n <= hi):
            return True
        name = name or (expr.head.name if isinstance(expr.head, Symbol) else "Function")
        h, N = Symbol(name), Integer(n)
        if hi == lo:
            if lo == 0:
                self.message(name, "args", h, N)
            elif lo == 1:
                self.message(name, "argx", h, N)
            elif n == 1:
                self.message(name, "argr", h, Integer(lo))
            else:
                self.message(name, "argrx", h, N, Integer(lo))
        elif hi is None:
            if n == 1:
                self.message(name, "argmu", h, Integer(lo))
            else:
                self.message(name, "argm", h, N, Integer(lo))
        elif hi == lo + 1:
            self.message(name, "argt", h, N, Integer(lo), Integer(hi))
        elif n == 1:
            self.message(name, "argbu", h, Integer(lo), Integer(hi))
        else:
            self.message(name, "argb", h, N, Integer(lo), Integer(hi))
        return False

    def split_options(self, expr: Expr, name: str | None = None, first_option: int = 0):
        """Split trailing options off ``expr``'s arguments.

        Returns ``(positional_args, {option_name: value})`` with the builtin's declared
        defaults filled in, or None after issuing ``name::optx`` for an unknown option.
        ``first_option`` is the least number of positional arguments (rules before it are
        positional even if they look like options).
        """
        name = name or expr.head.name
        declared = BUILTINS[Symbol(name)].options
        args = list(expr.args)
        given = []
        while len(args) > first_option and _is_option(args[-1]):
            given[:0] = _option_rules(args.pop())
        values = dict(declared)
        for rule in given:
            key = rule.args[0]
            key_name = key.name if isinstance(key, Symbol) else key.value
            if key_name not in declared:
                self.unknown_option(name, key, expr, declared)
                return None
            values[key_name] = rule.args[1]
        return args, values

    def unknown_option(self, name: str, key, expr, known) -> None:
        """``name::optx`` for an option ``name`` does not have; when a known option is
        spelt almost the same, the message ends with a suggestion (our addition, see
        docs/extensions.md)."""
        key_name = key.name if isinstance(key, Symbol) else getattr(key, "value", None)
        close = get_close_matches(key_name, list(known), n=1, cutoff=0.75) \
            if isinstance(key_name, str) else []
        if close:
            self.message(name, "optx", key, expr, Symbol(close[0]),
                         note=" Did you mean `3`?")
        else:
            self.message(name, "optx", key, expr)

    # -- evaluation --------------------------------------------------------------------
    def evaluate(self, expr):
        if self.session.abort_requested:
            raise Abort()
        if isinstance(expr, (PackedArray, ObjectAtom)) or \
                (isinstance(expr, Atom) and not isinstance(expr, Symbol)):
            return expr
        self.depth += 1
        since = Clock.mark()    # what is found final from here on is not evaluated again
        try:
            if self.depth > self.recursion_limit:
                raise RecursionLimitReached(self.recursion_limit)
            for _ in range(self.iteration_limit):
                self._settled = None
                new = self._step(expr, since)
                if new is expr or new is self._settled or new == expr:
                    if type(new) is Expr:
                        new.final_at = Clock.mark()
                    return new
                expr = new
                if isinstance(expr, (PackedArray, ObjectAtom)) or \
                        (isinstance(expr, Atom) and not isinstance(expr, Symbol)) or \
                        Clock.final(expr, since):
                    return expr
            self.message("$IterationLimit", "itlim", Integer(self.iteration_limit))
            return Expr(S.Hold, expr)
        except RecursionError:   # the stack ran out: reported as the limit, unless Infinity
            depth = self.depth if self.recursion_limit >= UNLIMITED else self.recursion_limit
            raise RecursionLimitReached(depth) from None
        finally:
            self.depth -= 1

    def _step(self, expr, since: int):
        if isinstance(expr, Symbol):
            d = self.defs.get(expr)
            if d is not None and d.own is not None:
                rule, value = d.own, d.own.rhs
                if not rule.delayed and (rule.valid_at == Clock.changed or
                                         self.defs.still_final(value)):
                    rule.valid_at = Clock.changed    # a stored value still final: as is,
                    value.final_at = Clock.mark()    # and final in this evaluation too
                    self._settled = value
                return value
            dynamic = SYMBOL_VALUES.get(expr)
            return dynamic(self) if dynamic is not None else expr
        head = self.evaluate(expr.head)
        attrs = self.attributes(head)
        args = self._evaluate_args(expr.args, attrs, since)
        if head is S.List and any(a is _NOTHING for a in args):   # {1, Nothing} is {1}
            args = tuple(a for a in args if a is not _NOTHING)
        if "Flat" in attrs and any(isinstance(a, Expr) and a.head is head for a in args):
            args = _flatten_head(args, head)
        if "Listable" in attrs and any(isinstance(a, Expr) and a.head is S.List for a in args):
            threaded = self._thread(head, args)
            if threaded is not None:
                return threaded
        if "Orderless" in attrs and len(args) > 1:
            args = sorted(args, key=sort_key)
        if head is expr.head and same(args, expr.args):
            new = expr
        else:
            new = Expr.make(head, args)
        result = self._apply_rules(head, new)
        if result is None:
            self._settled = new     # no rule applies: final, so it is not stepped again
            return new
        if type(result) is Done:
            self._settled = result.value
            return result.value
        self._settled = None
        return result

    def _evaluate_args(self, args, attrs, since: int):
        hold_all_complete = "HoldAllComplete" in attrs
        hold_first = bool(attrs & HOLD_FIRST) if attrs else False
        hold_rest = bool(attrs & HOLD_REST) if attrs else False
        out = []
        changed = False
        for i, a in enumerate(args):
            held = hold_first if i == 0 else hold_rest
            if held:
                if not hold_all_complete and isinstance(a, Expr) and a.head is S.Evaluate:
                    out.extend(self.evaluate(x) for x in a.args)
                    changed = True
                    continue
                new = a
            elif isinstance(a, Expr) and a.head is S.Unevaluated and len(a.args) == 1:
                new = a.args[0]
            elif Clock.final(a, since):
                new = a
            else:
                new = self.evaluate(a)
            if not hold_all_complete and "SequenceHold" not in attrs and \
                    isinstance(new, Expr) and new.head is S.Sequence:
                out.extend(new.args)
                changed = True
                continue
            changed = changed or new is not a
            out.append(new)
        return tuple(out) if changed else args

    def _thread(self, head, args):
        """Thread a Listable function over the list arguments (after its fast path)."""
        b = BUILTINS.get(head)
        if b is not None and b.vectorized is not None:
            fast = b.vectorized(self, args)
            if fast is not None:
                return fast
        lengths = {len(a.args) for a in args if isinstance(a, Expr) and a.head is S.List}
        if len(lengths) > 1:
            self.message("Thread", "tdlen", Expr.make(head, args))
            return None
        (n,) = lengths
        rows = []
        for i in range(n):
            rows.append(Expr.make(head, [a.args[i] if isinstance(a, Expr) and a.head is S.List
                                         else a for a in args]))
        return Expr.make(S.List, rows)

    def _apply_rules(self, head, expr):
        if isinstance(head, Symbol):
            for arg in expr.args:   # up values of symbols appearing as arguments
                tag = arg if isinstance(arg, Symbol) else (
                    arg.head if isinstance(arg, Expr) and isinstance(arg.head, Symbol) else None)
                if tag is not None:
                    d = self.defs.get(tag)
                    if d is not None and d.up:
                        result = self._try_rules(d.up, expr)
                        if result is not None:
                            return result
                elif type(arg) in ATOM_UPVALUES:
                    handler = ATOM_UPVALUES[type(arg)].get(head)
                    result = handler(self, expr) if handler is not None else None
                    if result is not None:
                        return result
            d = self.defs.get(head)
            if d is not None and d.down:
                result = self._try_rules(d.down, expr)
                if result is not None:
                    return result
            b = BUILTINS.get(head)
            if b is not None and b.function is not None:
                if b.argc is not None and not self.check_argc(
                        _positional(expr) if b.options else expr, *b.argc, name=b.name):
                    return None
                try:
                    return b.function(self, expr)
                except OverflowError:   # an exact number too big for a machine real
                    self.message("General", "ovfl")
                    return Expr(S.Overflow)
            if b is None and (d is None or not d.down):
                for hook in UNDEFINED_HEAD_HOOKS:
                    hook(self, head, expr)
            return None
        if isinstance(head, ObjectAtom):
            apply = getattr(head, "apply", None)
            return apply(self, expr) if apply is not None else None
        if isinstance(head, Expr):
            if head.head is S.Function:
                return self.apply_function(head, expr.args)
            root = head
            while isinstance(root, Expr):
                root = root.head
            if isinstance(root, Symbol):
                d = self.defs.get(root)
                if d is not None and d.sub:
                    result = self._try_rules(d.sub, expr)
                    if result is not None:
                        return result
                caller = SUBVALUE_HANDLERS.get(head.head)
                if caller is not None:
                    return caller(self, expr)
                if root not in BUILTINS and (d is None or not d.sub):
                    for hook in UNDEFINED_HEAD_HOOKS:
                        hook(self, root, expr)
        return None

    def _try_rules(self, rules, expr):
        for rule in rules:
            bindings = patterns.match(rule.lhs, expr, self)
            if bindings is None:
                continue
            rhs = patterns.substitute(rule.rhs, bindings) if bindings else rule.rhs
            if rule.delayed and isinstance(rhs, Expr) and rhs.head is S.Condition and \
                    len(rhs.args) == 2:   # f[x_] := body /; test
                if self.evaluate(rhs.args[1]) is not TRUE:
                    continue
                rhs = rhs.args[0]
            if rule.returns:       # Return[x] anywhere in the body gives x for the call
                try:
                    return Done(self.evaluate(rhs))
                except ControlFlow as flow:
                    if flow.kind != "Return":
                        raise
                    return Done(flow.value)
            return rhs
        return None

    @staticmethod
    def done(value) -> "Done":
        """Mark a builtin's result as already evaluated (e.g. the value of the last part of
        a CompoundExpression), so it is not evaluated a second time, which would repeat
        its messages and cost time."""
        return Done(value)

    # -- pure functions ----------------------------------------------------------------
    def apply_function(self, fn: Expr, args):
        """Apply ``Function[body]`` (slots), ``Function[x, body]`` or ``Function[{x..}, body]``."""
        if len(fn.args) == 1:
            body = replace_slots(fn.args[0], args, self)
        elif len(fn.args) in (2, 3):
            params = fn.args[0]
            names = params.args if isinstance(params, Expr) and params.head is S.List else (params,)
            if len(args) < len(names):
                self.message("Function", "fpct", fn)
                return None
            bindings = {p: a for p, a in zip(names, args) if isinstance(p, Symbol)}
            body = patterns.substitute(fn.args[1], bindings)
        else:
            return None
        try:
            return Done(self.evaluate(body))
        except ControlFlow as flow:
            if flow.kind == "Return":
                return flow.value
            raise


class Done:
    """A builtin result that is already fully evaluated (see Evaluation.done)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


# Values of system symbols computed when used (``$Line``, ``$RecursionLimit``, ...),
# unless the user assigned them.
SYMBOL_VALUES: dict = {}

# Called as ``hook(ev, symbol, expr)`` when ``symbol[...]`` or ``symbol[...][...]`` meets
# no rule at all (no builtin, no definition): wlnet's notice that a Wolfram System symbol
# is not implemented (builtins/unimplemented.py).
UNDEFINED_HEAD_HOOKS: list = []

# Handlers for ``h[...][args]`` where ``h`` is a builtin head such as Association
# (``assoc["key"]``) or a net constructor result; keyed by the inner head symbol.
SUBVALUE_HANDLERS: dict = {}


def _is_option(e) -> bool:
    if not isinstance(e, Expr):
        return False
    if e.head in (S.Rule, S.RuleDelayed) and len(e.args) == 2:
        return isinstance(e.args[0], (Symbol, String))
    if e.head is S.List and not isinstance(e, PackedArray) and e.args:
        return all(_is_option(x) for x in e.args)
    return False


def _option_rules(opt) -> list:
    """The rules in an option, a list of options, or nested lists of them."""
    if opt.head is S.List:
        return [rule for item in opt.args for rule in _option_rules(item)]
    return [opt]


def _positional(expr):
    """expr without its trailing options (what argument counts are about)."""
    args = list(expr.args)
    while args and _is_option(args[-1]):
        args.pop()
    return Expr.make(expr.head, args) if len(args) != len(expr.args) else expr


def _flatten_head(args, head):
    out = []
    for a in args:
        if isinstance(a, Expr) and a.head is head:
            out.extend(_flatten_head(a.args, head))
        else:
            out.append(a)
    return tuple(out)
