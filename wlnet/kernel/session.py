"""A Session: definitions, $Line, In/Out history, the random generator, and the one
entry point every front end uses, ``Session.evaluate(text)``.

Evaluation runs on a worker thread with a large stack (``wlnet.stack``), so deep (but
legal) Wolfram recursion is bounded by ``$RecursionLimit`` rather than by Python's C
stack, and so the calling thread can turn Ctrl-C into an abort request and still return
a result. Parsing runs on the calling thread (its recursion is Python's own, which needs
no C stack) and stops at Ctrl-C or ``interrupt()`` as well: a 10 MB line gives $Aborted.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Iterator

import numpy as np

from ..expr import Expr, Integer, S, String, Symbol
from ..stack import big_stack_executor
from ..syntax.parser import (InputTooLarge, ParseInterrupted, SyntaxProblem, is_incomplete,
                             parse)
from .builtin import BUILTINS, PROPERTY_NAMES
from .definitions import Definitions
from .evaluator import ControlFlow, Evaluation, RecursionLimitReached
from .limits import MAX_BYTES, memory_text
from .messages import GENERAL, Abort, MessageRecord, PrintRecord, QuitRequested

FORM_WRAPPERS = {"FullForm", "InputForm", "OutputForm", "TraditionalForm", "StandardForm",
                 "MatrixForm", "TableForm", "NumberForm", "ScientificForm", "TreeForm",
                 "Short", "Shallow"}

_SYMBOL_NAME = re.compile(r"[A-Za-z$][A-Za-z0-9$]*")
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
    wrapper: object = None    # the whole top-level form expression (FullForm[x]), if any
    exit_code: int | None = None   # set when Quit[]/Exit[n] ended the session here

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
        # Set by a front end: ``record_sink(record)`` receives each Message/Print record
        # the moment it is issued (from the evaluation thread; the records still come
        # back in the Output too); ``progress_sink(report)`` receives NetTrain's
        # TrainingProgress reports while training runs.
        self.record_sink = None
        self.progress_sink = None
        self.notices: set[str] = set()   # one-time notices given (General::wlnetni per name)

    # -- parsing -------------------------------------------------------------------
    def parse(self, text: str, warnings: list | None = None):
        """Parse all of ``text`` (raises syntax.parser.SyntaxProblem, or ParseInterrupted
        after Ctrl-C or ``interrupt()``, or InputTooLarge past the memory budget); lexical
        warnings (``Syntax::stresc``) are appended to ``warnings`` as MessageRecords."""
        problems = [] if warnings is not None else None
        self.abort_requested = False
        try:
            exprs = parse(text, problems, lambda: self.abort_requested, MAX_BYTES)
        except KeyboardInterrupt:
            raise ParseInterrupted() from None
        finally:
            self.abort_requested = False
        if problems:
            warnings.extend(MessageRecord("Syntax", p.tag, p.message, ()) for p in problems)
        return exprs

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

    # -- evaluation ----------------------------------------------------------------
    def evaluate(self, text: str) -> list[Output]:
        """Evaluate every expression in ``text``; never raises.

        A syntax error anywhere evaluates nothing and returns one Output holding the
        ``Syntax::`` message (no line number is used up, as in a Wolfram terminal).
        """
        return list(self.evaluate_each(text))

    def evaluate_each(self, text: str) -> Iterator[Output]:
        """``evaluate``, giving each Output as soon as its expression is done (a front
        end shows its result before the next expression runs). Every record also goes
        to ``record_sink`` when it is issued, the ``Syntax::`` messages included. An
        Output with ``exit_code`` set (Quit[n]) is the last one."""
        warnings = []
        try:
            exprs = self.parse(text, warnings)
        except SyntaxProblem as problem:
            record = MessageRecord("Syntax", problem.tag, problem.message, ())
            if self.record_sink is not None:
                self.record_sink(record)
            yield Output(None, None, [record])
            return
        except (ParseInterrupted, InputTooLarge) as stop:
            output = self.unparsed(stop)
            if self.record_sink is not None:
                for record in output.records:
                    self.record_sink(record)
            yield output
            return
        if warnings:
            if self.record_sink is not None:
                for record in warnings:
                    self.record_sink(record)
            yield Output(None, None, warnings)
        for expr in exprs:
            output = self.evaluate_expr(expr)
            yield output
            if output.exit_code is not None:      # Quit[] ends the session here
                return

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
        except QuitRequested as request:
            self.outputs[line] = S.Null
            return Output(None, None, ev.records, exit_code=request.code)
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
        form = wrapper = None
        if isinstance(value, Expr) and isinstance(value.head, Symbol) and \
                value.head.name in FORM_WRAPPERS and len(value.args) >= 1:
            form, wrapper, value = value.head.name, value, value.args[0]
        self.outputs[line] = value
        self.line += 1
        shown = None if value is S.Null else value
        return Output(line, shown, ev.records, form, value, wrapper)

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

    def usage(self, name: str) -> str | None:
        """The usage text of a symbol (what ``?name`` shows), or None if it has none.
        Evaluates ``name::usage`` outside the numbered lines (no $Line is used)."""
        if not _SYMBOL_NAME.fullmatch(name):
            return None
        text = Evaluation(self).evaluate(Expr(S.MessageName, Symbol(name), String("usage")))
        return text.value if isinstance(text, String) else None

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
