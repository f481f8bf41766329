"""The interactive session: a Wolfram terminal (``In[n]:=`` / ``Out[n]=``) on prompt_toolkit.

Enter submits only a complete input (the parser decides; a syntax error counts as
complete so its message shows), otherwise it starts a continuation line. What follows an
input is the text of ``render_exchange`` (the golden transcripts hold it), written piece
by piece: each Print line and message the moment it is issued, each ``Out`` line when its
expression is done.

Evaluation runs on the session's worker thread while this (the main) thread waits, so
Ctrl-C reaches us as KeyboardInterrupt and ``Session.evaluate_expr`` turns it into an
abort request: the evaluation stops at its next check and gives ``$Aborted``.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.history import FileHistory, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.lexers import PygmentsLexer

from ..format.session_text import record_block, result_block
from ..kernel.session import Session
from .completer import completions
from .lexer import WolframLexer
from .prompts import CONTINUATION, in_label

BANNER = "wlnet: the Wolfram Language neural-net framework on NumPy. Quit or Ctrl-D leaves.\n\n"
_QUIT = re.compile(r"\s*(?:Quit|Exit)\s*(?:\[\s*(\d*)\s*\])?\s*;?\s*\Z")


def history_path() -> Path:
    """``$XDG_DATA_HOME/wlnet/history`` (``~/.local/share`` when the variable is unset)."""
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"),
                                                           ".local", "share")
    return Path(data) / "wlnet" / "history"


def _history():
    """File history (multi-line inputs stay one entry); in memory if we cannot write it."""
    path = history_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError:
        return InMemoryHistory()
    return FileHistory(str(path))


def _key_bindings() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("enter")
    def _enter(event):
        buffer = event.current_buffer
        if buffer.complete_state and buffer.complete_state.current_completion:
            buffer.complete_state = None          # keep the chosen completion
        elif Session.is_incomplete(buffer.text):
            buffer.insert_text("\n")
        else:
            buffer.validate_and_handle()

    return bindings


class WolframCompleter(Completer):
    """Tab completion from what the session knows at the moment (see ``completer``)."""

    def __init__(self, session):
        self.session = session

    def get_completions(self, document, complete_event):
        prefix, names = completions(self.session, document.text_before_cursor)
        for name in names:
            yield Completion(name, start_position=-len(prefix))


class StatusLine:
    """A line rewritten in place while an evaluation runs (NetTrain's progress).

    The prompt is not on screen during an evaluation, so a carriage return and an
    erase-to-end-of-line are enough; ``clear`` removes it before the results print.
    Called from the evaluation thread, hence the lock.
    """

    def __init__(self, output):
        self.output = output
        self.shown = False
        self.lock = threading.Lock()

    def show(self, text: str) -> None:
        with self.lock:
            width = self.output.get_size().columns
            self.output.write_raw("\r" + text.replace("\n", " ")[:max(width - 1, 1)])
            self.output.erase_end_of_line()
            self.output.flush()
            self.shown = True

    def write(self, text: str) -> None:
        """Print ``text`` (a Print line or a message issued mid-evaluation) where the
        status line was; the next ``show`` draws the status line again below it."""
        self.clear()
        with self.lock:
            self.output.write(text.replace("\n", "\r\n"))
            self.output.flush()

    def clear(self) -> None:
        with self.lock:
            if self.shown:
                self.output.write_raw("\r")
                self.output.erase_end_of_line()
                self.output.flush()
                self.shown = False


def quit_code(text: str) -> int | None:
    """The exit status if ``text`` is ``Quit``, ``Quit[]``, ``Quit[n]`` or ``Exit...``."""
    m = _QUIT.match(text)
    return None if m is None else int(m.group(1) or 0)


def run_repl(session, *, input=None, output=None) -> int:
    """Read, evaluate and print until Quit or Ctrl-D; the exit status."""
    prompt = PromptSession(
        input=input, output=output, history=_history(), multiline=True,
        key_bindings=_key_bindings(), prompt_continuation=CONTINUATION,
        lexer=PygmentsLexer(WolframLexer), completer=WolframCompleter(session),
        complete_while_typing=False)
    out = prompt.output
    status = StatusLine(out)
    print_formatted_text(BANNER, end="", output=out)
    session.progress_sink = lambda report: status.show(report.text)
    session.record_sink = lambda record: status.write(record_block(record))
    try:
        while True:
            try:
                text = prompt.prompt(in_label(session.line))
            except KeyboardInterrupt:
                continue
            except EOFError:
                return 0
            if not text.strip():
                continue
            code = quit_code(text)
            if code is not None:
                return code
            exit_code = None
            try:
                for output in session.evaluate_each(text):   # records print as issued
                    status.write(result_block(output))
                    exit_code = output.exit_code
            except KeyboardInterrupt:     # came before the evaluation started (parsing)
                pass
            status.write("\n")
            if exit_code is not None:     # Quit[n] / Exit[n]
                return exit_code
    finally:
        session.progress_sink = session.record_sink = None
