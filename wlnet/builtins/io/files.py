"""Files: Export, Import, Put (``>>``) and PutAppend (``>>>``); Get (``<<``) is in session.

These are the only builtins that touch the file system besides Get, so a script's file
access is exactly the calls it makes. Formats come from the file extension or an explicit
format name: "CSV" (numeric tables come back packed), "JSON" (lists, associations,
strings, numbers, True/False/Null), "WL" (InputForm text, read back by the parser and
evaluated, as Wolfram's Package format is) and "WLNet" (nets, see ``netfile`` and
docs/file-format.md).

Two promises hold for every format. Every write is atomic and goes only to a regular
file (``files``: through a symbolic link to its target, never over a device or FIFO),
so an interrupted or failed write leaves either the old file or the new one, never a
truncated one. And reading never trusts the file: anything damaged, foreign, special or
too big becomes a message and ``$Failed``, never a traceback (nothing read is ever
executed as Python).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re

import numpy as np

from ...expr import (FALSE, TRUE, Expr, Integer, NumericArray, ObjectAtom, PackedArray,
                     Rational, Real, S, String, from_python, pack)
from ...format.fullform import MAX_SHOWN_BITS, integer_digits, visible
from ...format.inputform import exact_input_form, input_form
from ...format.pictures import picture_bytes
from ...format.skeleton import PRINT_DEPTH, TooDeep
from ...kernel.builtin import builtin
from ...kernel.limits import CHAR_BYTES, MAX_BYTES, check_allocation, parse_input
from ...syntax.to_expr import parse_int
from ..nets import files as netfile
from ..nets import onnx_files
from ..nets.values import NetValue
from .filesystem import NotRegular, read_regular, write_atomically

FAILED = S["$Failed"]

EXTENSIONS = {".csv": "CSV", ".json": "JSON", ".wl": "WL", ".m": "WL", ".wlnet": "WLNet",
              ".onnx": "ONNX", ".png": "PNG", ".svg": "SVG", ".pdf": "PDF"}
FORMATS = {"CSV", "JSON", "WL", "WLNET", "ONNX", "PNG", "SVG", "PDF"}
SHOWN = {"WLNET": "WLNet"}   # format names as Wolfram spells them, where not upper case

MESSAGES = {
    "infer": "Cannot infer format of file `1`.",
    "fmtnosup": "`1` is not a supported format (use \"CSV\", \"JSON\", \"WL\", \"WLNet\", "
                "\"ONNX\", \"PNG\", \"SVG\" or \"PDF\").",
    "noopen": "Cannot open `1`.",
    "nonreg": "`1` is a `2`, not a regular file; wlnet reads and writes only regular files.",
    "deep": "The expression is nested more than `1` levels deep, more than wlnet writes "
            "to a file.",
    "nffil": "File `1` not found during `2`.",
    "fmterr": "Cannot import data as `1` format: `2`.",
    "type": "`1` cannot be exported to the \"`2`\" format.",
    "fstr": "File specification `1` is not a string of one or more characters.",
    "noplot": "Drawing a picture needs the optional plot extra (matplotlib and grandalf; "
              "`1` is missing): pip install 'wlnet[plot]'.",
    "noonnx": "Reading and writing ONNX needs the optional onnx extra (`1` is missing): "
              "pip install 'wlnet[onnx]'.",
    "onnx": "`1`",
}


class FormatProblem(Exception):
    """The data cannot be written in, or read as, the format; the text says why."""


# -- paths and atomic writes --------------------------------------------------------------


def _file_name(ev, name_expr, head: str) -> str | None:
    if isinstance(name_expr, String) and name_expr.value and "\0" not in name_expr.value:
        return os.path.expanduser(name_expr.value)
    ev.message(head, "fstr", name_expr)
    return None


def _format(ev, head: str, path: str, given) -> str | None:
    """The format name (upper case) from an explicit argument or the extension."""
    if given is not None:
        if isinstance(given, String) and given.value.upper() in FORMATS:
            return given.value.upper()
        ev.message(head, "fmtnosup", given)
        return None
    fmt = EXTENSIONS.get(os.path.splitext(path)[1].lower())
    if fmt is None:
        ev.message(head, "infer", String(path))
        return None
    return fmt.upper()


def _file_and_format(ev, expr, format_at: int):
    """(path, format name) for Export and Import: the file is the first argument, the
    format the argument at ``format_at`` or else the extension's; None after a message."""
    head = expr.head.name
    path = _file_name(ev, expr.args[0], head)
    if path is None:
        return None
    fmt = _format(ev, head, path, expr.args[format_at] if len(expr.args) > format_at else None)
    return None if fmt is None else (path, fmt)


# -- Export ---------------------------------------------------------------------------------


@builtin(argc=(2, 3), messages=MESSAGES,
         usage="Export[\"file\", expr] writes expr to the file in the format of its "
               "extension, and gives the file name.\nExport[\"file\", expr, \"format\"] "
               "uses the format given.")
def Export(ev, expr):
    """Export["file", expr] or Export["file", expr, "format"]: write expr in the format of
    the file's extension (or the one given); the file name on success, else $Failed."""
    target = _file_and_format(ev, expr, 2)
    if target is None:
        return FAILED
    path, fmt = target
    value = expr.args[1]
    try:
        data = ENCODERS[fmt](value)
    except TooDeep:
        ev.message("Export", "deep", Integer(PRINT_DEPTH))
        return FAILED
    except (FormatProblem, netfile.NetFileError):   # as Wolfram: the head is named
        ev.message("Export", "type", value.head if isinstance(value, Expr) else value,
                   String(SHOWN.get(fmt, fmt)))
        return FAILED
    except onnx_files.OnnxProblem as problem:
        ev.message("Export", "onnx", String(_sentence(problem)))
        return FAILED
    except onnx_files.OnnxUnavailable as missing:
        ev.message("Export", "noonnx", String(missing.name))
        return FAILED
    except ModuleNotFoundError as missing:
        ev.message("Export", "noplot", String(str(missing.name).split(".")[0]))
        return FAILED
    if not _write(ev, "Export", path, data):
        return FAILED
    return expr.args[0]


def _write(ev, head: str, path: str, data: bytes, append: bool = False) -> bool:
    try:
        write_atomically(path, data, append)
    except NotRegular as special:
        ev.message(head, "nonreg", String(path), String(special.kind))
        return False
    except OSError:
        ev.message(head, "noopen", String(path))
        return False
    return True


def _utf8(text: str) -> bytes:
    """UTF-8 bytes of text, lone surrogates written as Wolfram's ``\\:d800`` escapes."""
    return visible(text).encode("utf-8")


def _csv_bytes(value) -> bytes:
    rows = _rows(value)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([_csv_field(x) for x in row])
    return _utf8(out.getvalue())


def _rows(value) -> list:
    """A table as rows: a matrix is its rows, a vector one value per row (as Wolfram)."""
    if isinstance(value, NumericArray):
        value = value.normal()
    if isinstance(value, PackedArray):
        if value.array.ndim > 2:
            raise FormatProblem()
        return value.array.reshape(len(value.array), -1).tolist()
    if not (isinstance(value, Expr) and value.head is S.List):
        raise FormatProblem()
    return [list(r.array.tolist()) if isinstance(r, PackedArray) else
            list(r.args) if isinstance(r, Expr) and r.head is S.List else [r]
            for r in value.args]


def _csv_field(x) -> str:
    if isinstance(x, (int, float)):
        return repr(x) if not isinstance(x, bool) else str(x)
    if isinstance(x, Integer):
        if x.value.bit_length() > MAX_SHOWN_BITS:
            raise FormatProblem()
        return integer_digits(x.value)
    if isinstance(x, Real):
        return repr(x.value)
    if isinstance(x, Rational):
        return repr(float(x.value))
    if isinstance(x, String):
        return x.value
    if isinstance(x, ObjectAtom) or (isinstance(x, Expr) and x.head is S.List):
        raise FormatProblem()
    return exact_input_form(x)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_bytes(value) -> bytes:
    """JSON text; a lone surrogate becomes JSON's own ``\\ud800`` escape, which reads back."""
    text = json.dumps(_to_json(value), ensure_ascii=False, allow_nan=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


def _to_json(x):
    if isinstance(x, NumericArray):
        x = x.normal()
    if isinstance(x, PackedArray):
        if x.array.dtype.kind == "f" and not np.all(np.isfinite(x.array)):
            raise FormatProblem()
        return x.array.tolist()
    if isinstance(x, Integer) and x.value.bit_length() > JSON_INTEGER_BITS:
        raise FormatProblem()
    if isinstance(x, (Integer, String)):
        return x.value
    if isinstance(x, Real):
        if not math.isfinite(x.value):
            raise FormatProblem()
        return x.value
    if isinstance(x, Rational):
        return float(x.value)
    if x is TRUE or x is FALSE:
        return x is TRUE
    if x is S.Null:
        return None
    if isinstance(x, Expr) and x.head is S.List:
        if x.args and all(_is_string_rule(r) for r in x.args):
            return {r.args[0].value: _to_json(r.args[1]) for r in x.args}
        return [_to_json(e) for e in x.args]
    if isinstance(x, Expr) and x.head is S.Association and all(_is_string_rule(r)
                                                               for r in x.args):
        return {r.args[0].value: _to_json(r.args[1]) for r in x.args}
    raise FormatProblem()


def _is_string_rule(r) -> bool:
    return isinstance(r, Expr) and r.head in (S.Rule, S.RuleDelayed) and \
        len(r.args) == 2 and isinstance(r.args[0], String)


def _wl_bytes(value) -> bytes:
    if _holds_object(value):
        raise FormatProblem()
    return (exact_input_form(value) + "\n").encode("utf-8")


def _holds_object(x) -> bool:
    """Opaque values (nets) have no InputForm that reads back. (A loop, not recursion:
    the expression may be nested deeper than any stack.)"""
    stack = [x]
    while stack:
        x = stack.pop()
        if isinstance(x, ObjectAtom):
            return True
        if isinstance(x, Expr) and not isinstance(x, PackedArray):
            stack.append(x.head)
            stack.extend(x.args)
    return False


def _wlnet_bytes(value) -> bytes:
    return netfile.dumps(value)


def _onnx_bytes(value) -> bytes:
    if not isinstance(value, NetValue):
        raise FormatProblem()
    return onnx_files.dumps(value)


def _sentence(problem) -> str:
    text = str(problem)
    return text[:1].upper() + text[1:]


def _picture_bytes(fmt: str):
    """A picture (a plot such as a LossPlot, or a net) as PNG, SVG or PDF bytes; the
    drawing libraries are imported only then, as the optional plot extra."""
    def encode(value) -> bytes:
        data = picture_bytes(value, fmt.lower())
        if data is None:
            raise FormatProblem()
        return data
    return encode


ENCODERS = {"CSV": _csv_bytes, "JSON": _json_bytes, "WL": _wl_bytes, "WLNET": _wlnet_bytes,
            "ONNX": _onnx_bytes,
            "PNG": _picture_bytes("PNG"), "SVG": _picture_bytes("SVG"),
            "PDF": _picture_bytes("PDF")}


# -- Import ---------------------------------------------------------------------------------


@builtin(argc=(1, 2), messages=MESSAGES,
         usage="Import[\"file\"] reads the file in the format of its "
               "extension.\nImport[\"file\", \"format\"] uses the format given.")
def Import(ev, expr):
    """Import["file"] or Import["file", "format"]: read the file in the format of its
    extension (or the one given); $Failed with a message if it cannot be read as that."""
    target = _file_and_format(ev, expr, 1)
    if target is None:
        return FAILED
    path, fmt = target
    base = ev.session.script_path          # beside the running script, as Get looks
    if not os.path.isabs(path) and base and not os.path.exists(path):
        beside = os.path.join(os.path.dirname(base), path)
        path = beside if os.path.isfile(beside) else path
    if not os.path.exists(path):
        ev.message("Import", "nffil", String(path), S.Import)
        return FAILED
    data = read_file(ev, expr, "Import", path)
    if data is None:
        return FAILED
    shown = SHOWN.get(fmt, fmt)
    try:
        if fmt in ("PNG", "SVG", "PDF"):
            raise FormatProblem("wlnet writes pictures but does not read them")
        if fmt == "WLNET":
            return netfile.loads(ev, expr, data)
        if fmt == "ONNX":
            return onnx_files.loads(data)
        text = data.decode("utf-8")
        if fmt == "WL":
            return _read_wl(ev, text)
        return (_read_csv if fmt == "CSV" else _read_json)(text)
    except UnicodeDecodeError:
        reason = "the file is not UTF-8 text"
    except (FormatProblem, netfile.NetFileError, onnx_files.OnnxProblem) as problem:
        reason = str(problem)
    except onnx_files.OnnxUnavailable as missing:
        ev.message("Import", "noonnx", String(missing.name))
        return FAILED
    except RecursionError:
        reason = "the data are nested too deeply"
    ev.message("Import", "fmterr", String(shown), String(reason))
    return FAILED


def read_file(ev, expr, head: str, path: str) -> bytes | None:
    """The bytes of a regular file within the memory budget, else None after a message
    (``head::nonreg`` for a device or FIFO, ``head::noopen``, or General::mem)."""
    def too_big(size):
        check_allocation(ev, expr, size, CHAR_BYTES)
    try:
        return read_regular(path, MAX_BYTES // CHAR_BYTES, too_big)
    except NotRegular as special:
        ev.message(head, "nonreg", String(path), String(special.kind))
    except OSError:
        ev.message(head, "noopen", String(path))
    return None


# Integers read from data files: beyond this many digits (a million bits) a CSV field stays
# a string and JSON is refused, since converting them would take longer than an interrupt
# may wait; and JSON cannot write an integer of more than about 4000 digits.
READ_DIGITS = 300_000
JSON_INTEGER_BITS = 13_000


def _digits(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    return sign * parse_int(text.lstrip("+-"))


# A number as CSV writers spell it (1, -2.5, 1e-07, .5) or as Wolfram does (1.*^-7).
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:(?:[eE]|\*\^)[+-]?\d+)?")


def _read_csv(text: str):
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as problem:
        raise FormatProblem(str(problem)) from None
    table = [[_csv_value(field) for field in row] for row in rows]
    return pack(pack(row) for row in table)


def _csv_value(field: str):
    text = field.strip()
    if not _NUMBER.fullmatch(text):
        return String(field)
    if re.fullmatch(r"[+-]?\d+", text):
        return Integer(_digits(text)) if len(text) <= READ_DIGITS else String(field)
    value = float(text.replace("*^", "e"))
    return Real(value) if math.isfinite(value) else String(field)


def _read_json(text: str):
    def finite(s: str) -> float:
        value = float(s)
        if not math.isfinite(value):
            raise FormatProblem(f"the number {s} is too large")
        return value

    def no_constant(s: str):
        raise FormatProblem(f"{s} is not a JSON number")
    def integer(s: str) -> int:
        if len(s) > READ_DIGITS:
            raise FormatProblem(f"an integer has more than {READ_DIGITS:,} digits")
        return _digits(s)
    try:
        data = json.loads(text, parse_float=finite, parse_int=integer,
                          parse_constant=no_constant)
    except json.JSONDecodeError as problem:
        raise FormatProblem(f"{problem.msg} (line {problem.lineno}, column {problem.colno})"
                            ) from None
    return _from_json(data)


def _from_json(x):
    if isinstance(x, dict):
        return Expr.make(S.Association, [Expr(S.Rule, String(k), _from_json(v))
                                         for k, v in x.items()])
    if isinstance(x, list):
        return pack(_from_json(v) for v in x)
    return from_python(x)


def _read_wl(ev, text: str):
    from ...syntax.parser import SyntaxProblem
    try:
        exprs = parse_input(ev, text)
    except SyntaxProblem as problem:
        raise FormatProblem(f"{problem.message} (line {problem.line}, column {problem.col})"
                            ) from None
    value = S.Null
    for e in exprs:
        value = ev.evaluate(e)
    return value


# -- Put ------------------------------------------------------------------------------------


@builtin(argc=(1, None), messages=MESSAGES,
         usage="expr >> \"file\" or Put[expr, \"file\"] writes expr to the file in "
               "InputForm, replacing what was there.\nPut[e1, e2, ..., \"file\"] writes "
               "each expression on a line of its own.")
def Put(ev, expr):
    """Put[e1, e2, ..., "file"] (e >> "file"): write each expression's InputForm on its own
    line, replacing the file; Put["file"] makes it empty. Get reads it back."""
    return _put(ev, expr, append=False)


@builtin(argc=(1, None), messages=MESSAGES,
         usage="expr >>> \"file\" or PutAppend[expr, \"file\"] adds expr, in InputForm, at "
               "the end of the file.")
def PutAppend(ev, expr):
    """PutAppend[e1, ..., "file"] (e >>> "file"): like Put, after the file's contents."""
    return _put(ev, expr, append=True)


def _put(ev, expr, append: bool):
    head = expr.head.name
    path = _file_name(ev, expr.args[-1], head)
    if path is None:
        return FAILED
    values = expr.args[:-1]
    if any(_holds_object(v) for v in values):
        ev.message(head, "type", next(v for v in values if _holds_object(v)), String("WL"))
        return FAILED
    try:
        data = "".join(exact_input_form(v) + "\n" for v in values).encode("utf-8")
    except TooDeep:
        ev.message(head, "deep", Integer(PRINT_DEPTH))
        return FAILED
    return S.Null if _write(ev, head, path, data, append) else FAILED


__all__ = ["Export", "Import", "Put", "PutAppend", "read_file"]
