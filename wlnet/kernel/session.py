"""A Session: definitions, $Line, In/Out history, the random generator, and the one
entry point every front end uses, ``Session.evaluate(text)``.

Parsing and evaluation run on a worker thread with a large stack (``wlnet.stack``), so
deep (but legal) Wolfram recursion is bounded by ``$RecursionLimit`` rather than by
Python's C stack, and so the calling thread can turn Ctrl-C into an abort request and
still return a result: a long parse or evaluation stops at its next check.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from ..expr import Expr, Integer, S, String, Symbol
from ..stack import big_stack_executor
from ..syntax.parser import (InputTooLarge, ParseInterrupted, SyntaxProblem, is_incomplete,
                             parse)
from .builtin import BUILTINS, PROPERTY_NAMES
from .definitions import Definitions
from .evaluator import ControlFlow, Evaluation, RecursionLimitReached
from .limits import MAX_BYTES, memory_text
from .messages import GENERAL, Abort, MessageRecord, PrintRecord

FORM_WRAPPERS = {"FullForm", "InputForm", "OutputForm", "TraditionalForm", "StandardForm",
                 "MatrixForm", "TableForm", "NumberForm", "ScientificForm", "TreeForm"}

_executor: ThreadPoolExecutor | None = None


def _worker() -> ThreadPoolExecutor:
    """The single evaluation thread, created once with a big stack."""
    global _executor
    if _executor is None:
        _executor = big_stack_executor("wlnet-eval")
    return _executor


@dataclass
class Output:
    """The outcome of one top-level input.

    ``result`` is the value (None when the input ended in ``;`` or evaluated to Null, as
    Wolfram then prints no ``Out`` line); ``form`` names a top-level form wrapper such as
    "FullForm" (the label becomes ``Out[n]//FullForm=``); ``records`` are the messages and
    prints in the order they happened.
    """
    line: int | None
    result: object
    records: list = field(default_factory=list)
    form: str | None = None
    value: object = None      # the stored Out[n] value, Null included

    @property
    def messages(self) -> list[MessageRecord]:
        return [r for r in self.records if isinstance(r, MessageRecord)]

    @property
    def prints(self) -> list[PrintRecord]:
        return [r for r in self.records if isinstance(r, PrintRecord)]


class Session:
    """An independent Wolfram session (its own symbols, history and random state)."""

    def __init__(self, seed: int | None = None):
        from .. import builtins  # noqa: F401  (registers every builtin)
        self.definitions = Definitions()
        self.line = 1
        self.inputs: dict[int, object] = {}
        self.outputs: dict[int, object] = {}
        self.rng = np.random.default_rng(seed)
        self.abort_requested = False
        self.script_path: str | None = None
        self.command_line: list[str] = []
        self.progress_sink = None   # set by an interactive front end: callable(status_text)

    # -- parsing -------------------------------------------------------------------
    def parse(self, text: str):
        """Parse all of ``text`` on the worker: raises syntax.parser.SyntaxProblem, or
        ParseInterrupted after Ctrl-C, or InputTooLarge past the memory budget."""
        return self._on_worker(self._parse, text)

    def _parse(self, text: str):
        self.abort_requested = False
        try:
            return parse(text, lambda: self.abort_requested, MAX_BYTES)
        finally:
            self.abort_requested = False

    # -- evaluation ----------------------------------------------------------------
    def evaluate(self, text: str) -> list[Output]:
        """Evaluate every expression in ``text``; never raises.

        A syntax error anywhere evaluates nothing and returns one Output holding the
        ``Syntax::`` message (no line number is used up, as in a Wolfram terminal).
        """
        try:
            exprs = self.parse(text)
        except SyntaxProblem as problem:
            record = MessageRecord("Syntax", problem.tag, problem.message, ())
            return [Output(None, None, [record])]
        except (ParseInterrupted, InputTooLarge) as stop:
            return [self.unparsed(stop)]
        return [self.evaluate_expr(e) for e in exprs]

    def unparsed(self, stop: Exception) -> Output:
        """The numbered ``$Aborted`` of an input whose parse was interrupted or refused
        (with ``General::mem`` saying how much it would have needed)."""
        records = []
        if isinstance(stop, InputTooLarge):
            records.append(MessageRecord("General", "mem", GENERAL["mem"], (
                String("parsing the input"), String(memory_text(stop.need)))))
        value = S["$Aborted"]
        self.outputs[self.line] = value
        self.line += 1
        return Output(self.line - 1, value, records, None, value)

    def evaluate_expr(self, expr) -> Output:
        """Evaluate one parsed expression as a numbered input line."""
        return self._on_worker(self._run, expr)

    def _on_worker(self, fn, *args):
        """fn(*args) on the evaluation thread; Ctrl-C while waiting asks it to stop."""
        future = _worker().submit(fn, *args)
        while True:
            try:
                return future.result()
            except KeyboardInterrupt:
                self.abort_requested = True

    def interrupt(self) -> None:
        """Ask the running evaluation to stop at its next check (Ctrl-C)."""
        self.abort_requested = True

    def _run(self, expr) -> Output:
        line = self.line
        self.abort_requested = False
        self.inputs[line] = expr
        ev = Evaluation(self)
        try:
            with np.errstate(all="ignore"):   # IEEE results are values, never stderr warnings
                value = ev.evaluate(expr)
        except Abort:
            value = S["$Aborted"]
        except RecursionLimitReached as reached:
            ev.message("$RecursionLimit", "reclim2", Integer(reached.depth), expr)
            value = S["$Aborted"]
        except ControlFlow as flow:
            value = _uncaught(ev, flow)
        except MemoryError:
            ev.message("General", "nomem")
            value = S["$Aborted"]
        except Exception as error:   # a bug in wlnet: report it as a message, keep going
            if os.environ.get("WLNET_DEBUG"):
                raise
            ev.message("General", "interr", String(f"{type(error).__name__}: {error}"))
            value = S["$Failed"]
        finally:
            self.abort_requested = False
        form = None
        if isinstance(value, Expr) and isinstance(value.head, Symbol) and \
                value.head.name in FORM_WRAPPERS and len(value.args) >= 1:
            form, value = value.head.name, value.args[0]
        self.outputs[line] = value
        self.line += 1
        shown = None if value is S.Null else value
        return Output(line, shown, ev.records, form, value)

    # -- what front ends may ask (they import nothing else of the kernel) -------------
    @staticmethod
    def is_incomplete(text: str) -> bool:
        """Whether ``text`` is an unfinished expression that needs more input lines."""
        return is_incomplete(text)

    @staticmethod
    def builtin_names() -> set[str]:
        return {sym.name for sym in BUILTINS}

    @staticmethod
    def option_names() -> set[str]:
        return {option for b in BUILTINS.values() for option in b.options}

    @staticmethod
    def property_names() -> set[str]:
        return set(PROPERTY_NAMES)

    def user_names(self) -> set[str]:
        return {sym.name for sym in self.definitions.user_symbols()}

    def reseed(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)


def _uncaught(ev: Evaluation, flow: ControlFlow):
    """What a Return/Break/Throw that nothing caught turns into at top level."""
    if flow.kind == "Return":
        return flow.value if flow.value is not None else S.Null
    if flow.kind == "Throw":
        ev.message("Throw", "nocatch", Expr(S.Throw, flow.value) if flow.tag is None
                   else Expr(S.Throw, flow.value, flow.tag))
        return Expr(S.Hold, Expr(S.Throw, flow.value))
    ev.message(flow.kind, "nofwd", Expr(S[flow.kind]))
    return Expr(S.Hold, Expr(S[flow.kind]))


__all__ = ["Session", "Output", "SyntaxProblem", "ParseInterrupted", "InputTooLarge"]
