"""The kernel: a wlnet Session behind ipykernel's ``Kernel`` base class, which does all of
Jupyter's messaging; this class only answers requests.

- execute: every expression of a cell is one numbered input, as in a Wolfram notebook; a
  cell's ``In[n]`` is its first line and each result is sent as ``Out[n]`` with its own
  line number, so ``%``, ``Out[n]`` and the execution count agree. Print lines stream to
  stdout and messages to stderr the moment they are issued; NetTrain shows a live panel
  updated in place (``display_id``), finalised when training ends.
- complete, inspect (usage texts) and is_complete come from the Session and the REPL's
  completer, so a notebook and the terminal offer the same.
- interrupt: Jupyter sends SIGINT; ipykernel turns it into KeyboardInterrupt while a
  request is handled, and ``Session.evaluate_expr`` turns that into an abort request, as
  Ctrl-C does in the REPL (a NetTrain returns the net trained so far).
"""

from __future__ import annotations

import re
import time
import uuid

from ipykernel.kernelbase import Kernel

from ..format.rich import mime_bundle, progress_bundle
from ..format.session_text import is_message, record_text
from ..kernel.session import Session, SyntaxProblem
from ..repl.completer import completions
from . import DISPLAY_NAME

_WORD = re.compile(r"[A-Za-z$][A-Za-z0-9$]*")
PANEL_INTERVAL = 0.25        # seconds between two updates of the training panel


class WlnetKernel(Kernel):
    implementation = "wlnet"
    implementation_version = "0.1.0"
    banner = f"{DISPLAY_NAME}: the Wolfram Language neural-net framework on NumPy"
    language_info = {
        "name": "wolfram", "version": "12.1", "mimetype": "application/vnd.wolfram.wl",
        "file_extension": ".wl", "pygments_lexer": "mathematica",
        "codemirror_mode": "mathematica",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.wl = Session()            # ``self.session`` is ipykernel's messaging session

    # -- execute --------------------------------------------------------------------------
    async def do_execute(self, code, silent, store_history=True, user_expressions=None,
                         allow_stdin=False, **kwargs):
        parent = self.get_parent("shell")
        first = self.wl.line
        if not silent:
            self.wl.record_sink = lambda record: self._stream(record, parent)
            self.wl.progress_sink = TrainingPanel(self, parent).update
        try:
            for output in self.wl.evaluate_each(code):
                if not silent and output.result is not None:
                    self._publish("execute_result", {"execution_count": output.line,
                                                     "data": mime_bundle(output),
                                                     "metadata": {}}, parent)
        except KeyboardInterrupt:      # arrived between two expressions: stop there
            pass
        finally:
            self.wl.record_sink = self.wl.progress_sink = None
            # ipykernel adds one before the next cell: that makes it the next In[n]
            self.execution_count = self.wl.line - 1
        return {"status": "ok", "execution_count": first, "payload": [],
                "user_expressions": {}}

    def _stream(self, record, parent) -> None:
        """A Print line to stdout, a message to stderr (shown as a warning)."""
        name = "stderr" if is_message(record) else "stdout"
        self._publish("stream", {"name": name, "text": record_text(record) + "\n"}, parent)

    def _publish(self, msg_type: str, content: dict, parent) -> None:
        """Send on IOPub for the request ``parent`` (safe from the evaluation thread)."""
        self.session.send(self.iopub_socket, msg_type, content, parent=parent,
                          ident=self._topic(msg_type))

    # -- the editor's questions -------------------------------------------------------------
    async def do_complete(self, code, cursor_pos):
        cursor_pos = len(code) if cursor_pos is None else cursor_pos
        prefix, names = completions(self.wl, code[:cursor_pos])
        return {"status": "ok", "matches": names, "cursor_start": cursor_pos - len(prefix),
                "cursor_end": cursor_pos, "metadata": {}}

    async def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        name = word_at(code, len(code) if cursor_pos is None else cursor_pos)
        text = self.wl.usage(name) if name else None
        if text is None:
            return {"status": "ok", "found": False, "data": {}, "metadata": {}}
        return {"status": "ok", "found": True, "data": {"text/plain": text}, "metadata": {}}

    async def do_is_complete(self, code):
        if Session.is_incomplete(code):
            return {"status": "incomplete", "indent": ""}
        try:
            self.wl.parse(code)
        except SyntaxProblem:
            return {"status": "invalid"}
        return {"status": "complete"}

    async def do_shutdown(self, restart):
        self.wl.interrupt()
        return {"status": "ok", "restart": restart}


def word_at(code: str, cursor: int) -> str | None:
    """The symbol name the cursor is in or just after."""
    for m in _WORD.finditer(code):
        if m.start() <= cursor <= m.end():
            return m.group()
    return None


class TrainingPanel:
    """NetTrain's progress in a notebook: one display per training run, shown at its first
    report, updated in place at most every PANEL_INTERVAL seconds and finalised (a
    summary with the loss curve) when the run ends. Called from the evaluation thread."""

    def __init__(self, kernel: WlnetKernel, parent):
        self.kernel, self.parent = kernel, parent
        self.display_id = None
        self.shown_at = 0.0

    def update(self, report) -> None:
        now = time.monotonic()
        if self.display_id is not None and not report.finished and \
                now - self.shown_at < PANEL_INTERVAL:
            return
        content = {"data": progress_bundle(report), "metadata": {}}
        if self.display_id is None:
            self.display_id = uuid.uuid4().hex
            kind = "display_data"
        else:
            kind = "update_display_data"
        content["transient"] = {"display_id": self.display_id}
        self.kernel._publish(kind, content, self.parent)
        self.shown_at = now
        if report.finished:
            self.display_id = None          # the next NetTrain of the cell gets its own
