"""The ``.wlnet`` file: a net saved by Export and read back by Import, bit for bit.

A zip archive holding ``net.json`` (the net tree: each runtime object's class and its
attributes, in a small tagged JSON encoding) and one ``arrays/<n>.npy`` per array (NumPy's
own format, float32 as the runtime keeps them, so every bit survives). The layout is
described for users in docs/file-format.md.

The encoding walks the runtime objects generically instead of knowing each layer, so a
new layer type is saved without changes here. Loading never trusts the file: sizes are
bounded before anything is inflated (the description to ``DESCRIPTION_BYTES``, the
arrays to the memory budget), a damaged deflate stream is a damaged file, the whole
description is held to the net schema (``schema``) before one object is made, and
then no code chosen by the file runs: no pickle (``np.load(allow_pickle=False)``),
classes only from the schema, objects made with ``__new__`` and given the checked plain
values, and the rebuilt net is checked (ports, array shapes and dtypes) before it becomes
a value. Any damage becomes NetFileError, which Import reports as ``Import::fmterr``.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
import zlib

import numpy as np

from ...kernel.limits import check_allocation
from ...nets.base import Net
from . import schema
from .values import NetValue

FORMAT = "wlnet-net"
VERSION = 1
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
        arrays.append(x)
        return {"array": len(arrays) - 1}
    if isinstance(x, Net):
        return {"net": _class_name(type(x)),
                "attributes": {k: _encode(v, arrays) for k, v in vars(x).items()}}
    raise NetFileError(f"a {type(x).__name__} inside the net cannot be saved")


def _class_name(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _net_classes() -> dict:
    """Every Net subclass defined in wlnet.nets, by module-qualified name: the only
    classes a file may name."""
    found, todo = {}, [Net]
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("wlnet.nets."):
            found[_class_name(cls)] = cls
        todo.extend(cls.__subclasses__())
    return found


# -- loading --------------------------------------------------------------------------------


def loads(ev, expr, data: bytes) -> NetValue:
    """The net in ``data``; NetFileError (with the reason in words) if it is not one.
    ``expr`` is the Import call, named by General::mem if the archive is too big."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            description = _description(ev, expr, archive)
            try:
                schema.check(description)
            except schema.SchemaError as problem:
                raise NetFileError(f"the net description does not fit the net schema "
                                   f"({problem})") from None
            loader = _Loader(archive)
            net = loader.decode(description.get("net"))
            multipliers = loader.decode(description.get("multipliers", {"dict": []}))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error,
            NotImplementedError):
        raise NetFileError("the file is not a zip archive (or it is damaged)") from None
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
    description = json.loads(archive.read(info))
    if not (isinstance(description, dict) and description.get("format") == FORMAT):
        raise NetFileError("the archive does not hold a wlnet net")
    if description.get("version") != VERSION:
        raise NetFileError(f"version {description.get('version')!r} of the net "
                           f"format is not supported (this wlnet reads {VERSION})")
    return description


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
        if not (isinstance(x, dict) and len(x) in (1, 2)):
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
        if "net" in x:
            return self.net(x["net"], x.get("attributes"))
        raise NetFileError("the net description is damaged")

    def array(self, index) -> np.ndarray:
        if not isinstance(index, int) or isinstance(index, bool):
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

    def net(self, name, attributes) -> Net:
        cls = self.classes.get(name) if isinstance(name, str) else None
        if cls is None:
            raise NetFileError(f"{name!r} is not a kind of net this wlnet knows")
        if not isinstance(attributes, dict) or \
                any(not isinstance(k, str) or k.startswith("__") for k in attributes):
            raise NetFileError("the net description is damaged")
        net = cls.__new__(cls)
        for key, value in attributes.items():
            setattr(net, key, self.decode(value))
        return net


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


__all__ = ["dumps", "loads", "describe", "NetFileError", "FORMAT", "VERSION"]
