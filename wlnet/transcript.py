"""Golden transcripts: ``.wlt`` files that hold literally what a terminal session shows.

A transcript is replayed input by input in a fresh ``Session`` with a fixed seed, the
session is rendered exactly as the REPL renders it (``render_exchange``, ``echo_input``),
and the whole text is compared with the file. Only a line consisting of ``...`` is loose:
it stands for the actual lines up to the first one equal to the expected line after it
(all the rest when it is last), which is what timings need and nothing more.

Inputs are found the way the REPL finds them: a line ``In[n]:= ...`` starts one, and
following lines indented by eight spaces continue it while the parser says the input
is incomplete. Everything else up to the next ``In[n]:=`` line is expected output.

    wlnet --check FILE_OR_DIR... [--update]
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path

from .format.session_text import render_exchange
from .kernel.session import Session
from .repl.prompts import CONTINUATION, IN_LINE, echo_input

SEED = 1234
WILDCARD = "..."


def parse_inputs(text: str) -> list[str]:
    """The inputs of a transcript, continuation lines joined with newlines."""
    lines = text.split("\n")
    inputs, i = [], 0
    while i < len(lines):
        m = IN_LINE.match(lines[i])
        i += 1
        if not m:
            continue
        source = m.group(2)
        while i < len(lines) and Session.is_incomplete(source) and \
                (lines[i].startswith(CONTINUATION) or lines[i] == ""):
            source += "\n" + lines[i][len(CONTINUATION):]
            i += 1
        inputs.append(source)
    return inputs


def replay(text: str) -> str:
    """The text a fresh session shows for the inputs of transcript ``text``."""
    session = Session(seed=SEED)
    shown = []
    for source in parse_inputs(text):
        shown.append(echo_input(session.line, source))
        shown.append(render_exchange(session.evaluate(source)))
    return "".join(shown)


def align(expected: list[str], actual: list[str]) -> list[str]:
    """``actual`` with each span that a ``...`` line of ``expected`` covers collapsed to
    ``...``, so that a diff against ``expected`` shows only real differences."""
    view, j = [], 0
    for i, line in enumerate(expected):
        if line != WILDCARD:
            if j < len(actual):
                view.append(actual[j])
                j += 1
            continue
        following = expected[i + 1] if i + 1 < len(expected) else None
        while j < len(actual) and actual[j] != following:
            j += 1
        view.append(WILDCARD)
    return view + actual[j:]


@dataclass
class Result:
    path: Path
    expected: list[str]
    actual: list[str]        # aligned: wildcard spans collapsed

    @property
    def passed(self) -> bool:
        return self.expected == self.actual

    def first_difference(self) -> str:
        """``FILE:LINE: ...`` and the first hunk of a unified diff, expected vs actual."""
        matcher = difflib.SequenceMatcher(a=self.expected, b=self.actual, autojunk=False)
        first = next(op for op in matcher.get_opcodes() if op[0] != "equal")
        head = f"{self.path}:{first[1] + 1}: first difference from the replay\n"
        diff = list(difflib.unified_diff(self.expected, self.actual, f"{self.path} (expected)",
                                         "replay (actual)", lineterm=""))
        hunks = [k for k, d in enumerate(diff) if d.startswith("@@")]
        end = hunks[1] if len(hunks) > 1 else len(diff)
        return head + "\n".join(diff[:end]) + "\n"


def _lines(text: str) -> list[str]:
    """Lines of a transcript; how many newlines end the file does not matter."""
    return text.rstrip("\n").split("\n")


def check(path: Path) -> Result:
    text = path.read_text(encoding="utf-8")
    expected = _lines(text)
    return Result(path, expected, align(expected, _lines(replay(text))))


def transcripts(paths) -> list[Path]:
    """The .wlt files named by ``paths`` (directories searched recursively, sorted)."""
    found = []
    for p in map(Path, paths):
        found += sorted(p.rglob("*.wlt")) if p.is_dir() else [p]
    return found


def main(argv: list[str]) -> int:
    update = "--update" in argv
    paths = [a for a in argv if a != "--update"]
    if not paths:
        sys.stderr.write("usage: wlnet --check FILE_OR_DIR... [--update]\n")
        return 2
    failed = 0
    files = transcripts(paths)
    for path in files:
        if not path.is_file():
            sys.stderr.write(f"wlnet: {path}: no such transcript\n")
            failed += 1
            continue
        result = check(path)
        if result.passed:
            continue
        if update:
            path.write_text("\n".join(result.actual) + "\n", encoding="utf-8")
            sys.stdout.write(f"updated {path}\n")
        else:
            failed += 1
            sys.stdout.write(result.first_difference())
    sys.stdout.write(f"{len(files)} transcripts, {failed} failed\n")
    return 1 if failed else 0
