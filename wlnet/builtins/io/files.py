"""Files: Export, Import, Put (``>>``) and PutAppend (``>>>``); Get (``<<``) is in session.

These are the only builtins that touch the file system besides Get, so a script's file
access is exactly the calls it makes. Formats come from the file extension or an explicit
format name: "CSV" (numeric tables come back packed), "JSON" (lists, associations,
strings, numbers, True/False/Null), "WL" (InputForm text, read back by the parser and
evaluated, as Wolfram's Package format is) and "WLNet" (nets, see ``netfile`` and
docs/file-format.md).

Two promises hold for every format. Every write is atomic: the bytes go to a temporary
file in the target's directory, which then replaces the target with ``os.replace``, so an
interrupted or failed write leaves either the old file or the new one, never a truncated
one. And reading never trusts the file: anything damaged, foreign or too big becomes a
message and ``$Failed``, never a traceback (nothing read is ever executed as Python).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import tempfile

import numpy as np

from ...expr import (FALSE, TRUE, Expr, Integer, NumericArray, ObjectAtom, PackedArray,
                     Rational, Real, S, String, from_python, pack)
from ...format.inputform import input_form
from ...format.pictures import picture_bytes
from ...kernel.builtin import builtin
from ...kernel.limits import CHAR_BYTES, check_allocation
from ..nets import files as netfile
from ..nets import onnx_files
from ..nets.values import NetValue

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


def write_atomically(path: str, data: bytes, append: bool = False) -> None:
    """Write ``data`` (after the current contents when ``append``) to ``path`` through a
    temporary file in the same directory and ``os.replace``: the target is never seen
    half-written. The new file keeps an existing file's permissions (else the umask's)."""
    directory = os.path.dirname(os.path.abspath(path))
    old = b""
    if append and os.path.exists(path):
        with open(path, "rb") as f:
            old = f.read()
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.",
                                     suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(old + data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, os.stat(path).st_mode & 0o777 if os.path.exists(path)
                 else 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    except FormatProblem:
        ev.message("Export", "type", value.head if isinstance(value, Expr) else value,
                   String(SHOWN.get(fmt, fmt)))
        return FAILED
    except onnx_files.OnnxProblem as problem:
        ev.message("Export", "onnx", String(_sentence(problem)))
        return FAILED
    except onnx_files.OnnxUnavailable as missing:
        ev.message("Export", "noonnx", String(missing.name))
        return FAILED
    except netfile.NetFileError as problem:
        ev.message("Export", "type", String(str(problem)), String("WLNet"))
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
    except OSError:
        ev.message(head, "noopen", String(path))
        return False
    return True


def _csv_bytes(value) -> bytes:
    rows = _rows(value)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([_csv_field(x) for x in row])
    return out.getvalue().encode("utf-8")


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
        return str(x.value)
    if isinstance(x, Real):
        return repr(x.value)
    if isinstance(x, Rational):
        return repr(float(x.value))
    if isinstance(x, String):
        return x.value
    if isinstance(x, ObjectAtom) or (isinstance(x, Expr) and x.head is S.List):
        raise FormatProblem()
    return input_form(x)


def _json_bytes(value) -> bytes:
    return json.dumps(_to_json(value), ensure_ascii=False, allow_nan=False).encode("utf-8")


def _to_json(x):
    if isinstance(x, NumericArray):
        x = x.normal()
    if isinstance(x, PackedArray):
        if x.array.dtype.kind == "f" and not np.all(np.isfinite(x.array)):
            raise FormatProblem()
        return x.array.tolist()
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
    return (input_form(value) + "\n").encode("utf-8")


def _holds_object(x) -> bool:
    """Opaque values (nets) have no InputForm that reads back."""
    if isinstance(x, ObjectAtom):
        return True
    if isinstance(x, PackedArray) or not isinstance(x, Expr):
        return False
    return _holds_object(x.head) or any(_holds_object(a) for a in x.args)


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
    if not os.path.isfile(path):
        ev.message("Import", "nffil", String(path), S.Import)
        return FAILED
    try:
        check_allocation(ev, expr, os.path.getsize(path), CHAR_BYTES)
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        ev.message("Import", "noopen", String(path))
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
        return Integer(int(text))
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
    try:
        data = json.loads(text, parse_float=finite, parse_constant=no_constant)
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
    from ...syntax.parser import SyntaxProblem, parse
    try:
        exprs = parse(text)
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
    data = "".join(input_form(v) + "\n" for v in values).encode("utf-8")
    return S.Null if _write(ev, head, path, data, append) else FAILED


__all__ = ["write_atomically", "Export", "Import", "Put", "PutAppend"]
