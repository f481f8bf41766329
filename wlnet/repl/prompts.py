"""The input labels of a Wolfram terminal session.

The REPL shows them while you type and transcripts contain them verbatim, so both take
them from here (no prompt_toolkit import: transcripts must not need a terminal).
"""

from __future__ import annotations

import re

CONTINUATION = " " * 8            # as wide as "In[1]:= ", so continued input lines up
IN_LINE = re.compile(r"In\[(\d+)\]:= ?(.*)\Z")


def in_label(line: int) -> str:
    return f"In[{line}]:= "


def echo_input(line: int, text: str) -> str:
    """An input as the terminal shows it once typed: label, then continuation lines
    indented under the first (trailing blanks dropped, as an editor would)."""
    first, *rest = text.split("\n")
    lines = [in_label(line) + first] + [CONTINUATION + r for r in rest]
    return "\n".join(line.rstrip() for line in lines) + "\n"
