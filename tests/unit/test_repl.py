"""The REPL driven through prompt_toolkit's pipe input, plus its lexer and completer.

Keys are sent ahead of time (prompt_toolkit keeps type-ahead for the next prompt); the
output is recorded from a DummyOutput, so it holds the prompt redraws as well as the
printed results: tests look for the pieces they care about.
"""

import fcntl
import os
import pty
import re
import select
import signal
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from pygments.token import Comment, Name, Number, Operator, String

from wlnet import Session
from wlnet.repl.app import StatusLine, WolframCompleter, history_path, quit_code, run_repl
from wlnet.kernel.builtin import PROPERTY_NAMES
from wlnet.repl.lexer import WolframLexer

UP = "\x1b[A"
CTRL_C = "\x03"
CTRL_D = "\x04"


class Recorder(DummyOutput):
    """A DummyOutput that keeps what is written."""

    def __init__(self):
        self.written = []

    def write(self, data):
        self.written.append(data)

    write_raw = write

    def text(self):
        return "".join(self.written).replace("\r\n", "\n")


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    return tmp_path


def repl(keys, session=None, during=None):
    """Run a REPL on ``keys``; ``during(session, pipe, out)`` runs on a thread meanwhile."""
    session = session or Session()
    out = Recorder()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        helper = threading.Thread(target=during, args=(session, pipe, out)) if during else None
        if helper:
            helper.start()
        code = run_repl(session, input=pipe, output=out)
        if helper:
            helper.join()
    return code, out.text()


def test_prompts_and_numbering():
    code, text = repl("x = 1 + 1\rx; \r%%\rQuit\r")
    assert code == 0
    assert "In[1]:= x = 1 + 1\n\nOut[1]= 2\n\nIn[2]:= " in text
    assert "Out[2]" not in text          # a trailing ; shows no Out
    assert "Out[3]= 2" in text


def test_multi_line_input_continues_until_complete():
    code, text = repl("f[1,\r2]\rExit\r")
    assert "In[1]:= f[1,\n        2]" in text
    assert "Out[1]= f[1, 2]" in text


@pytest.mark.parametrize("text, code", [("Quit", 0), ("Quit[]", 0), ("Exit[]", 0),
                                        ("Quit[3]", 3), ("Quit[] ;", 0), ("Quitter", None),
                                        ("Quit[x]", None)])
def test_quit_forms(text, code):
    assert quit_code(text) == code


def test_quit_inside_an_expression_ends_the_repl_with_its_status():
    code, text = repl('Print["bye"]; If[1 < 2, Quit[5]]\r7\r')
    assert code == 5
    assert "bye" in text and "Out[" not in text


def test_ctrl_d_leaves():
    assert repl("1\r" + CTRL_D)[0] == 0


def test_ctrl_c_at_the_prompt_clears_the_line():
    code, text = repl("abc + " + CTRL_C + "2 + 2\rQuit\r")
    assert "Out[1]= 4" in text
    assert "abc" not in text.split("Out[1]")[1]


def test_syntax_error_does_not_end_the_repl():
    code, text = repl("1 +* 2\r3\rQuit\r")
    assert "\nSyntax::" in text
    assert "Out[1]= 3" in text           # the syntax error used no line number


def test_question_mark_shows_usage():
    code, text = repl("?Print\rQuit\r")
    assert "Print[expr1, expr2, ...] prints" in text


def wait_for(out, piece):
    deadline = time.time() + 20
    while piece not in out.text() and time.time() < deadline:
        time.sleep(0.01)


def test_tab_completes_a_user_symbol():
    def accept_when_completed(session, pipe, out):
        wait_for(out, "myLongName\n")                 # the first line was echoed
        wait_for(out, "In[2]:= myLongName")           # Tab finished the second
        pipe.send_text("\rQuit\r")

    code, text = repl("myLongName = 5\rmyLo\t", during=accept_when_completed)
    assert "Out[2]= 5" in text


def test_ctrl_c_during_an_evaluation_aborts_it_and_progress_shows():
    def interrupt(session, pipe, out):
        deadline = time.time() + 20
        while 1 not in session.inputs and time.time() < deadline:   # evaluation started
            time.sleep(0.01)
        session.progress_sink(SimpleNamespace(text="round 1/3"))   # what NetTrain does
        time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGINT)

    session = Session()
    code, text = repl("While[True, 1]\r1 + 1\rQuit\r", session, during=interrupt)
    assert "\rround 1/3" in text
    assert "Out[1]= $Aborted" in text
    assert "Out[2]= 2" in text
    assert session.progress_sink is None     # only while the REPL runs


def test_print_shows_while_the_evaluation_runs():
    """Print lines (and messages) reach the terminal when they are issued, not when the
    evaluation ends: a loop with Pause shows its lines one by one."""
    seen = {}

    def watch(session, pipe, out):
        wait_for(out, "tick 1")
        seen["running"] = "tick 3" not in out.text() and 2 not in session.inputs

    code, text = repl('Do[Print["tick ", i]; Pause[0.4], {i, 3}]; 1/0\r7\rQuit\r',
                      during=watch)
    assert seen == {"running": True}
    assert "tick 1\ntick 2\ntick 3\n\n" in text and "Power::infy: Infinite" in text
    assert "Out[1]= ComplexInfinity\n\nIn[2]:= " in text and "\nOut[2]= 7\n" in text
    assert session_sinks_cleared(Session())


def session_sinks_cleared(session):
    repl("Quit\r", session)
    return session.record_sink is None and session.progress_sink is None


class Terminal:
    """``python -m wlnet`` on a pseudo-terminal that is its controlling terminal, so that
    Ctrl-C goes through the terminal driver exactly as for a user."""

    ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")

    def __init__(self, data_home):
        self.master, slave = pty.openpty()
        env = dict(os.environ, XDG_DATA_HOME=str(data_home), TERM="xterm",
                   PROMPT_TOOLKIT_NO_CPR="1",
                   PYTHONPATH=str(Path(__file__).resolve().parents[2]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "wlnet"], stdin=slave, stdout=slave, stderr=slave,
            env=env, preexec_fn=self._take_terminal)
        os.close(slave)
        self.seen = b""

    @staticmethod
    def _take_terminal():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    def send(self, keys: str):
        os.write(self.master, keys.encode())

    def expect(self, text: str, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if select.select([self.master], [], [], 0.1)[0]:
                self.seen += os.read(self.master, 65536)
            if text.encode() in self.ESCAPES.sub(b"", self.seen):
                return
        raise AssertionError(f"{text!r} not shown; the terminal shows {self.seen[-500:]!r}")

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def test_ctrl_c_in_a_real_terminal(data_home):
    terminal = Terminal(data_home)
    try:
        terminal.expect("In[1]:=")
        terminal.send("While[True, 1]\r")
        time.sleep(1)
        terminal.send(CTRL_C)
        terminal.expect("Out[1]= $Aborted")
        terminal.send("1 + 1\r")
        terminal.expect("Out[2]= 2")
        terminal.send("Quit\r")
        assert terminal.process.wait(timeout=30) == 0
    finally:
        terminal.close()


def test_history_is_kept_across_sessions():
    repl("f[1,\r2]\r" + CTRL_D)
    assert FileHistory(str(history_path())).load_history_strings().__next__() == "f[1,\n2]"
    code, text = repl(UP + "\rQuit\r")
    assert "Out[1]= f[1, 2]" in text


def test_history_lives_in_xdg_data_home(data_home):
    assert history_path() == data_home / "wlnet" / "history"


def test_status_line_rewrites_one_line():
    out = Recorder()
    status = StatusLine(out)
    status.show("round 1/10")
    status.show("round 2/10")
    status.clear()
    status.clear()
    assert out.written == ["\rround 1/10", "\rround 2/10", "\r"]


# ---- completion ------------------------------------------------------------------------

def completions(text, session=None):
    completer = WolframCompleter(session or Session())
    return [c.text for c in completer.get_completions(Document(text), None)]


def test_completes_builtins_user_symbols_and_options():
    session = Session()
    session.evaluate("myWeights = 1")
    assert "Print" in completions("Pri", session)
    assert completions("myW", session) == ["myWeights"]
    assert "LongForm" in completions("Information[x, LongF", session)


def test_completes_property_names_inside_a_string(monkeypatch):
    monkeypatch.setattr("wlnet.kernel.session.PROPERTY_NAMES",
                        PROPERTY_NAMES | {"ZzCount", "ZzList", "ZyLayers"})
    assert completions('NetInformation[net, "Zz') == ["ZzCount", "ZzList"]
    assert completions('f["a\\"b", "Zy') == ["ZyLayers"]
    assert "ZzCount" not in completions('f["Zz"] + Zz')


# ---- highlighting ----------------------------------------------------------------------

def tokens(text):
    return [(t, v) for t, v in WolframLexer().get_tokens(text) if v.strip()]


@pytest.mark.parametrize("source, token", [
    ("a == b", (Operator, "==")), ("a === b", (Operator, "===")),
    ('f::usage', (Operator, "::")), ("1.5*^-3", (Number.Float, "1.5*^-3")),
    ("16^^FF", (Number, "16^^FF")), ("%%", (Name.Variable.Magic, "%%")),
    ("%12", (Name.Variable.Magic, "%12")), ("#2 &", (Name.Variable.Magic, "#2")),
    ("f[x_Integer]", (Name.Variable, "x_Integer")), ("g[y__]", (Name.Variable, "y__")),
    ("Print[1]", (Name.Builtin, "Print")), ("myFunction[1]", (Name, "myFunction")),
])
def test_lexer_tokens(source, token):
    assert token in tokens(source)


def test_lexer_nested_comments_and_escaped_quotes():
    toks = tokens('(* a (* b *) c *) "x\\"y" + 1')
    assert all(t is Comment.Multiline for t, _ in toks[:7])
    assert (String.Escape, '\\"') in toks
    assert toks[-2:] == [(Operator, "+"), (Number.Integer, "1")]


def test_question_mark_is_information():
    """?Name in the REPL is parsed to Information, so it prints what the builtin does."""
    code, text = repl("?Map\rf[x_] := x^2\r?f\rQuit\r")
    assert "Map[f] is an operator form of Map." in text
    assert "Global`f\n\nf[x_] := x^2" in text
    session = Session()
    (out,) = session.evaluate('Information["Map", LongForm -> False]')
    assert [r.items[0].value for r in out.records] == \
        text.split("In[1]:= ?Map\n")[1].split("\n\nIn[2]")[0].split("\n")
