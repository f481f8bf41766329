"""ONNX files: Export["file.onnx", net] and Import["file.onnx"] (docs/onnx.md).

The lowering is the optional backend ``wlnet.backends.onnx``; this module is the bridge:
a net expression goes out with its description (``files.description``: the constructor
tree of the .wlnet format, without arrays) in the model's metadata, so that Import gives
back the same net, its arrays read from the model's initialisers. A model wlnet did not
write is read operator by operator.
"""

from __future__ import annotations

import json

from ...backends import onnx as backend
from ...backends.onnx import OnnxFormatError, OnnxUnavailable, OnnxUnsupported
from . import files as netfile
from .values import NetValue

__all__ = ["dumps", "loads", "OnnxProblem", "OnnxUnavailable"]


class OnnxProblem(Exception):
    """The net has no ONNX form, or the file no wlnet form; the text says why."""


def dumps(value) -> bytes:
    """The ONNX model of a net expression: its numeric core (what the layers compute, no
    encoders or decoders), and its description where the .wlnet format can write one."""
    try:
        metadata = {backend.DESCRIPTION_KEY: json.dumps(netfile.description(value),
                                                        separators=(",", ":"))}
    except netfile.NetFileError:
        metadata = {}
    try:
        return backend.export(value.payload, metadata)
    except OnnxUnsupported as problem:
        raise OnnxProblem(str(problem)) from None


def loads(data: bytes) -> NetValue:
    """The net of an ONNX model: the very net wlnet exported, or the net its operators
    read as."""
    try:
        model = backend.parse(data)
        described = backend.metadata(model).get(backend.DESCRIPTION_KEY)
        if described is None:
            return NetValue(backend.to_net(model))
        try:
            value = netfile.from_description(json.loads(described))
        except (ValueError, netfile.NetFileError) as problem:
            raise OnnxProblem(f"its wlnet description is damaged ({problem})") from None
        return NetValue(backend.fill_arrays(value.payload, model), value.multipliers)
    except (OnnxUnsupported, OnnxFormatError) as problem:
        raise OnnxProblem(str(problem)) from None
