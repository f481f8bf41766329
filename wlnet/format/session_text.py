"""How one evaluated input looks on a terminal or in a script: messages, Print lines and
the ``Out[n]=`` result. Every front end (CLI, REPL, transcripts) renders through here, so
they cannot drift apart.

Two styles:
- "terminal": a Wolfram terminal session: OutputForm (6-digit reals, 2-D fractions),
  ``Out[n]= `` labels, ``Out[n]//FullForm= `` for a top-level form wrapper.
- "script": wolframscript conventions: results (``-code``, ``-print``) one line in
  InputForm with full digits, a string result unquoted, a net as its one-line summary;
  Print and messages as on a terminal (see docs/decisions.md).
"""

from __future__ import annotations

from ..expr import ObjectAtom, String
from ..kernel.messages import MessageRecord, PrintRecord
from .fullform import full_form, visible
from .inputform import input_form
from .outputform import output_form, render_template, with_label
from .skeleton import message_argument


def message_text(record: MessageRecord, page_width: int | None = 78) -> str:
    """``Symbol::tag: text`` with the arguments filled in (possibly several lines), each
    argument cut to the message limits of ``skeleton``."""
    return render_template(record.template, [message_argument(a) for a in record.args],
                           f"{record.name}: ", page_width)


def print_text(record: PrintRecord, page_width: int | None = 78) -> str:
    """A Print record: its items side by side, strings without quotes."""
    template = "".join(f"`{i + 1}`" for i in range(len(record.items)))
    return render_template(template, list(record.items), "", page_width)


def record_text(record, page_width: int | None = 78) -> str:
    if isinstance(record, MessageRecord):
        return message_text(record, page_width)
    return print_text(record, page_width)


def form_text(expr, form: str | None, page_width: int | None = 78) -> str:
    """The text of a result under a top-level form wrapper (no label)."""
    if form == "FullForm":
        return full_form(expr)
    if form == "InputForm":
        return input_form(expr)
    return output_form(expr, page_width)


def result_text(output, page_width: int | None = 78) -> str | None:
    """``Out[n]= ...`` for a terminal, or None when Wolfram shows no Out line."""
    if output.result is None or output.line is None:
        return None
    label = f"Out[{output.line}]= " if output.form is None else \
        f"Out[{output.line}]//{output.form}= "
    if output.form in ("FullForm", "InputForm"):
        text = form_text(output.result, output.form).split("\n")
        pad = " " * len(label)
        return "\n".join([label + text[0]] + [pad + t for t in text[1:]])
    return with_label(label, output.result, page_width)


def script_result_text(value, form: str | None = None) -> str:
    """A result as ``wolframscript -code`` prints it: one line, InputForm, strings raw."""
    if isinstance(value, String) and form is None:
        return visible(value.value)
    if isinstance(value, ObjectAtom) and form is None:
        return output_form(value, None)      # a net's summary, not its every weight
    if form == "FullForm":
        return full_form(value)
    return input_form(value)


def render_exchange(outputs, page_width: int | None = 78) -> str:
    """Everything a Wolfram terminal shows after one input line, up to the next prompt.

    The terminal (and ``wolframscript``) puts a blank line before each message and before
    the ``Out`` line, none before a Print line, and a blank line before the next prompt.
    The REPL prints this text and transcripts compare against it, so both agree by
    construction. ``outputs`` is the list ``Session.evaluate`` returns.
    """
    parts = []
    for output in outputs:
        for record in output.records:
            blank = "\n" if isinstance(record, MessageRecord) else ""
            parts.append(blank + record_text(record, page_width) + "\n")
        result = result_text(output, page_width)
        if result is not None:
            parts.append("\n" + result + "\n")
    return "".join(parts) + "\n"
