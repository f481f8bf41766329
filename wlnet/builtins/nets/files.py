"""The ``.wlnet`` file: a net saved by Export and read back by Import, bit for bit.

A zip archive holding ``net.json`` (the net tree: every net as its constructor, the
head with the arguments and options that rebuild it, in a small tagged JSON encoding)
and one ``arrays/<n>.npy`` per array (NumPy's own format, float32 as the runtime keeps
them, so every bit survives). The layout is described for users in docs/file-format.md.

Layers and coders are written from what their definitions declare (``constructor``), so
a new layer is saved without changes here; a class label that is neither an integer nor
a string is written as Wolfram code and read back by the parser, never evaluated.
Loading never trusts the file: sizes are bounded before anything is inflated (the
description to ``DESCRIPTION_BYTES``, all members to the memory budget; zip never
inflates a member past its declared size), a damaged deflate stream is a damaged file,
and no code chosen by the file runs: no pickle (``np.load(allow_pickle=False)``), heads
only from the registry of layers and
the five containers, and every layer's arguments and options are checked against its
definition (unknown heads, unknown options, bad values, bad shapes) before anything is
built; the rebuilt net is then checked (ports, array shapes) before it becomes a value.
Any damage becomes NetFileError, which Import reports as ``Import::fmterr``, in words
of its own (never a Python error's text).
"""

from __future__ import annotations

import io
import json
import math
import zipfile
import zlib

import numpy as np

from ...expr import Atom, Expr
from ...format.inputform import input_form
from ...kernel.limits import check_allocation
from ...nets.structured import Call, Sym
from ...nets.base import Net
from ...nets.coders import Coder, coder_class
from ...nets.errors import NetError
from ...nets.graph import Chain, Graph
from ...nets.layer import Layer, layer_classes
from ...nets.bidirectional import Bidirectional
from ...nets.operators import Fold, MapOp, NestOp
from ...syntax.parser import parse
from .data import to_label
from .values import NetValue

FORMAT = "wlnet-net"
VERSION = 2
DESCRIPTION = "net.json"
DESCRIPTION_BYTES = 64 * 1024 ** 2    # the JSON of a net: ample for 100,000 layers


class NetFileError(Exception):
    """The value cannot be saved, or the bytes are not a net file this version reads."""


# -- saving ---------------------------------------------------------------------------------


def dumps(value) -> bytes:
    """The .wlnet bytes of a net expression (NetFileError for anything else)."""
    if not isinstance(value, NetValue):
        raise NetFileError("only nets can be exported as WLNet")
    text, arrays = value.canonical()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DESCRIPTION, text)
        for i, array in enumerate(arrays):
            member = io.BytesIO()
            np.save(member, array, allow_pickle=False)
            archive.writestr(f"arrays/{i}.npy", member.getvalue())
    return buffer.getvalue()


def describe(value: NetValue) -> tuple[str, list]:
    """(the text of net.json, the arrays it refers to by position) for a net value."""
    arrays: list[np.ndarray] = []
    description = {"format": FORMAT, "version": VERSION,
                   "net": _encode(value.payload, arrays),
                   "multipliers": _encode(value.multipliers, arrays)}
    return json.dumps(description, indent=1), arrays


def _encode(x, arrays: list):
    """Tagged JSON: lists stay lists; tuples, dicts, arrays, nets and non-finite floats
    become one-key objects, so nothing is ambiguous on the way back."""
    if x is None or isinstance(x, (bool, int, str)):
        return x
    if isinstance(x, float):
        return x if math.isfinite(x) else {"float": repr(x)}
    if isinstance(x, (np.integer, np.floating, np.bool_)):
        return _encode(x.item(), arrays)
    if isinstance(x, list):
        return [_encode(v, arrays) for v in x]
    if isinstance(x, tuple):
        return {"tuple": [_encode(v, arrays) for v in x]}
    if isinstance(x, dict):
        return {"dict": [[_encode(k, arrays), _encode(v, arrays)] for k, v in x.items()]}
    if isinstance(x, np.ndarray):
        if arrays is None:
            raise NetFileError("an array outside a layer's arrays cannot be saved")
        arrays.append(x)
        return {"array": len(arrays) - 1}
    if isinstance(x, Sym):
        return {"symbol": x.name}
    if isinstance(x, Call):
        return {"call": [x.head, [_encode(v, arrays) for v in x.args]]}
    if isinstance(x, Net):
        args, options = x.constructor()
        if arrays is None:   # a format that stores the arrays itself (ONNX)
            options = {k: v for k, v in options.items() if not isinstance(v, np.ndarray)}
        return {"net": x.head, "arguments": [_encode(v, arrays) for v in args],
                "options": {name: _encode(v, arrays) for name, v in options.items()}}
    if isinstance(x, Coder):
        args, options = x.constructor()
        return {"coder": x.head, "kind": x.kind, "arguments": [_encode(v, arrays) for v in args],
                "options": {name: _encode(v, arrays) for name, v in options.items()}}
    if isinstance(x, (Atom, Expr)):            # a class label that is an expression
        return {"wl": input_form(x)}
    raise NetFileError(f"a {type(x).__name__} inside the net cannot be saved")


def description(value) -> dict:
    """The net.json description of a net without its arrays (uninitialised), for a
    format that stores the arrays itself: an ONNX model keeps it in its metadata."""
    if not isinstance(value, NetValue):
        raise NetFileError("only nets can be exported")
    return {"format": FORMAT, "version": VERSION, "net": _encode(value.payload, None),
            "multipliers": _encode(value.multipliers, None)}


def _net_classes() -> dict:
    """{head: class}: every registered layer and the containers, the only nets a file
    may name."""
    return {**layer_classes(), **{c.head: c for c in (Chain, Graph, Fold, MapOp, NestOp,
                                                      Bidirectional)}}


# -- loading --------------------------------------------------------------------------------


def loads(ev, expr, data: bytes) -> NetValue:
    """The net in ``data``; NetFileError (with the reason in words) if it is not one.
    ``expr`` is the Import call, named by General::mem if the archive is too big."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            description = _description(ev, expr, archive)
            return _from_description(description, _Loader(archive))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error,
            NotImplementedError):
        raise NetFileError("the file is not a zip archive (or it is damaged)") from None
    except (ValueError, OSError):
        raise NetFileError("the net description is damaged") from None


def from_description(description) -> NetValue:
    """The net of a description without arrays (``description``), uninitialised."""
    return _from_description(description, _Loader(None))


def _from_description(description, loader) -> NetValue:
    if not (isinstance(description, dict) and description.get("format") == FORMAT):
        raise NetFileError("the archive does not hold a wlnet net")
    if description.get("version") == 1:
        raise NetFileError("version 1 of the net format (the runtime's own objects, "
                           "written before layers had one definition) is no "
                           f"longer read; this wlnet reads version {VERSION}")
    if description.get("version") != VERSION:
        raise NetFileError(f"version {description.get('version')!r} of the net "
                           f"format is not supported (this wlnet reads {VERSION})")
    try:
        spec = loader.decode(description.get("net"))
        multipliers = loader.decode(description.get("multipliers", {"dict": []}))
        net = _build(spec)
    except NetError as problem:
        raise NetFileError(f"the net does not fit its definition ({problem})") from None
    except (ValueError, TypeError, KeyError, AttributeError, OSError):
        raise NetFileError("the net description is damaged") from None
    return NetValue(_checked(net), _checked_multipliers(multipliers))


def _description(ev, expr, archive: zipfile.ZipFile) -> dict:
    """The parsed net.json, after the sizes the archive declares are checked: zipfile
    never inflates a member past its declared size, so bounding those bounds memory."""
    members = archive.infolist()
    check_allocation(ev, expr, sum(i.file_size for i in members), 1)
    info = next((i for i in members if i.filename == DESCRIPTION), None)
    if info is None:
        raise NetFileError("the archive has no net description")
    if info.file_size > DESCRIPTION_BYTES:
        raise NetFileError(f"the net description is {info.file_size:,} bytes, more than a "
                           f"net needs ({DESCRIPTION_BYTES:,} at most)")
    return json.loads(archive.read(info))


class _Spec:
    """A net read from the file and checked against its definition, not yet built."""

    def __init__(self, cls, args, options):
        self.cls, self.args, self.options = cls, args, options


def _build(x):
    """The nets of a decoded description built, innermost first."""
    if isinstance(x, _Spec):
        return x.cls.build([_build(a) for a in x.args],
                           {k: _build(v) for k, v in x.options.items()})
    if isinstance(x, list):
        return [_build(v) for v in x]
    if isinstance(x, tuple):
        return tuple(_build(v) for v in x)
    if isinstance(x, dict):
        return {k: _build(v) for k, v in x.items()}
    return x


class _Loader:
    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.classes = _net_classes()

    def decode(self, x):
        if x is None or isinstance(x, (bool, int, str)):
            return x
        if isinstance(x, float):
            return x
        if isinstance(x, list):
            return [self.decode(v) for v in x]
        if not (isinstance(x, dict) and (len(x) == 1 or "net" in x or "coder" in x)):
            raise NetFileError("the net description is damaged")
        if "tuple" in x:
            return tuple(self.decode(v) for v in _list(x["tuple"]))
        if "dict" in x:
            return {_hashable(self.decode(k)): self.decode(v) for k, v in
                    (_pair(p) for p in _list(x["dict"]))}
        if "float" in x:
            return float(x["float"])
        if "array" in x:
            return self.array(x["array"])
        if "symbol" in x and isinstance(x["symbol"], str):
            return Sym(x["symbol"])
        if "call" in x:
            head, args = _pair(x["call"])
            if not isinstance(head, str):
                raise NetFileError("the net description is damaged")
            return Call(head, tuple(self.decode(v) for v in _list(args)))
        if "net" in x:
            return self.net(x)
        if "coder" in x:
            return self.coder(x)
        if "wl" in x:
            return _label(x["wl"])
        raise NetFileError("the net description is damaged")

    def coder(self, x) -> Coder:
        """A NetEncoder or NetDecoder, checked by its definition."""
        head, kind = x["coder"], x.get("kind")
        if head not in ("NetEncoder", "NetDecoder") or set(x) - {"coder", "kind", "arguments",
                                                                "options"}:
            raise NetFileError("the net description is damaged")
        options = x.get("options", {})
        if not isinstance(options, dict):
            raise NetFileError("the net description is damaged")
        return coder_class(head, kind).build([self.decode(v) for v in _list(x.get("arguments",
                                                                                  []))],
                                             {k: self.decode(v) for k, v in options.items()})

    def array(self, index) -> np.ndarray:
        if not isinstance(index, int) or isinstance(index, bool) or self.archive is None:
            raise NetFileError("the net description is damaged")
        try:
            raw = self.archive.read(f"arrays/{index}.npy")
        except KeyError:
            raise NetFileError(f"the array arrays/{index}.npy is missing") from None
        try:
            array = np.load(io.BytesIO(raw), allow_pickle=False)
        except (ValueError, OSError, EOFError):
            raise NetFileError(f"the array arrays/{index}.npy is damaged") from None
        if array.dtype != np.float32:
            raise NetFileError(f"the array arrays/{index}.npy is {array.dtype}, not float32")
        array.setflags(write=False)
        return array

    def net(self, x) -> _Spec:
        """A net's constructor; a layer's arguments are checked by its definition."""
        head, args, options = x["net"], x.get("arguments", []), x.get("options", {})
        cls = self.classes.get(head) if isinstance(head, str) else None
        if cls is None:
            raise NetFileError(f"{head!r} is not a kind of net this wlnet knows")
        if set(x) - {"net", "arguments", "options"} or not isinstance(options, dict):
            raise NetFileError("the net description is damaged")
        args = [self.decode(v) for v in _list(args)]
        options = {k: self.decode(v) for k, v in options.items()}
        if issubclass(cls, Layer):
            cls.check_arguments(args, options)
        return _Spec(cls, args, options)


def _label(text):
    """A class label written as Wolfram code: parsed, never evaluated."""
    if not isinstance(text, str):
        raise NetFileError("the net description is damaged")
    try:
        exprs = parse(text)
    except Exception:   # noqa: BLE001 (any syntax problem means a damaged file)
        raise NetFileError("a class label in the file is not Wolfram code") from None
    if len(exprs) != 1:
        raise NetFileError("a class label in the file is not one expression")
    return to_label(exprs[0])


def _list(x) -> list:
    if not isinstance(x, list):
        raise NetFileError("the net description is damaged")
    return x


def _pair(p):
    if not (isinstance(p, list) and len(p) == 2):
        raise NetFileError("the net description is damaged")
    return p


def _hashable(key):
    try:
        hash(key)
    except TypeError:
        raise NetFileError("the net description is damaged") from None
    return key


def _checked(net) -> Net:
    """The loaded net, once it answers like a net and each array has the dtype and shape
    its layer expects (a file could be edited into something inconsistent)."""
    if not isinstance(net, Net):
        raise NetFileError("the file's top level is not a net")
    try:
        net.input_ports(), net.output_ports(), net.state_ports()
        shapes = net.array_shapes()
        for path, array in net.arrays().items():
            if array is None:
                continue
            want = shapes.get(path)
            if not isinstance(array, np.ndarray) or \
                    (want is not None and tuple(array.shape) != tuple(want)):
                raise NetFileError(f"the array {'/'.join(map(str, path))} does not fit "
                                   "its layer")
    except NetFileError:
        raise
    except Exception as problem:   # noqa: BLE001 (a foreign structure can fail anyhow)
        raise NetFileError(f"the net structure is damaged ({type(problem).__name__})"
                           ) from None
    return net


def _checked_multipliers(multipliers) -> dict:
    if not isinstance(multipliers, dict) or not all(
            isinstance(p, tuple) and isinstance(r, (int, float)) for p, r in multipliers.items()):
        raise NetFileError("the learning-rate multipliers are damaged")
    return multipliers


__all__ = ["dumps", "loads", "describe", "description", "from_description", "NetFileError",
           "FORMAT", "VERSION"]
