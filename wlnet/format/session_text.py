"""How one evaluated input looks on a terminal or in a script: messages, Print lines and
the ``Out[n]=`` result. Every front end (CLI, REPL, transcripts) renders through here, so
they cannot drift apart.

Two styles:
- "terminal": a Wolfram terminal session: OutputForm (6-digit reals, 2-D fractions),
  ``Out[n]= `` labels, ``Out[n]//FullForm= `` for a top-level form wrapper, form wrappers
  interpreted wherever they stand (``Print[FullForm[a + b]]`` shows ``Plus[a, b]``).
- "script": what ``wolframscript -code``/``-file`` print (the kernel's script mode writes
  all output in InputForm with an infinite page width): results and Print lines one line
  in InputForm with full digits, strings without quotes at any depth, form wrappers as
  written (``FullForm[x + y]``); messages in 2-D OutputForm, unwrapped, each after a
  blank line.
"""

from __future__ import annotations

from ..expr import ObjectAtom, String
from ..kernel.messages import MessageRecord, PrintRecord
from .fullform import full_form
from .forms import FORMS, brief
from .inputform import input_form, script_form
from .outputform import output_form, render_template, with_label
from .skeleton import message_argument


def message_text(record: MessageRecord, page_width: int | None = 78) -> str:
    """``Symbol::tag: text`` with the arguments filled in (possibly several lines); a
    long argument is shortened (see ``forms.brief``), after being cut to the message
    limits of ``skeleton`` (a message never spends what its computation was refused)."""
    args = [message_argument(a) for a in record.args]
    args = [a if isinstance(a, String) else brief(a) for a in args]
    return render_template(record.template, args, f"{record.name}: ", page_width)


def print_text(record: PrintRecord, page_width: int | None = 78) -> str:
    """A Print record: its items side by side, strings without quotes."""
    template = "".join(f"`{i + 1}`" for i in range(len(record.items)))
    return render_template(template, list(record.items), "", page_width)


def is_message(record) -> bool:
    """A message (a notebook shows it as a warning), not a Print line."""
    return isinstance(record, MessageRecord)


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
    shown = output.wrapper if output.form in FORMS else output.result
    return with_label(label, shown, page_width)


def script_result_text(output) -> str:
    """A result as ``wolframscript -code`` prints it: one line, a string raw."""
    value = output.wrapper if output.wrapper is not None else output.value
    if isinstance(value, ObjectAtom):
        return output_form(value, None)      # a net's summary, not its every weight
    return script_form(value)


def script_record_text(record) -> str:
    """A message or Print line as a script shows it (see the module docstring)."""
    if isinstance(record, MessageRecord):
        return "\n" + message_text(record, None)
    return "".join(script_form(item) for item in record.items)


def record_block(record, page_width: int | None = 78) -> str:
    """A record as the terminal shows it: a blank line before a message, none before a
    Print line. A front end that shows records as they come writes these one by one."""
    blank = "\n" if is_message(record) else ""
    return blank + record_text(record, page_width) + "\n"


def result_block(output, page_width: int | None = 78) -> str:
    """The ``Out`` line of one output after its blank line, or "" when there is none."""
    result = result_text(output, page_width)
    return "" if result is None else "\n" + result + "\n"


def render_exchange(outputs, page_width: int | None = 78) -> str:
    """Everything a Wolfram terminal shows after one input line, up to the next prompt.

    The terminal (and ``wolframscript``) puts a blank line before each message and before
    the ``Out`` line, none before a Print line, and a blank line before the next prompt.
    The REPL prints this text (each record as it is issued, each ``result_block`` as its input ends) and
    transcripts compare against it, so both agree by construction. ``outputs`` is the
    list ``Session.evaluate`` returns.
    """
    parts = []
    for output in outputs:
        parts += [record_block(record, page_width) for record in output.records]
        parts.append(result_block(output, page_width))
    return "".join(parts) + "\n"
