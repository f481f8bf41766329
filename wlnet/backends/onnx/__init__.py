"""ONNX export and import of wlnet nets (the optional extra ``onnx``: onnx and
onnxruntime). docs/onnx.md is the user's page.

    export(net, metadata)   the bytes of an ONNX model computing net (inference mode)
    parse(data)             the ModelProto in bytes (OnnxFormatError if they are not one)
    metadata(model)         the model's metadata_props as a dict
    fill_arrays(net, model) net with the arrays a wlnet-written model holds for it
    to_net(model)           a model's graph read as a wlnet net, operator by operator

The lowering reads each net through its one definition (head, params, arrays, ports):
``mappings/`` holds one small mapping per kind of layer, container and operator, the
ONNX operators it becomes and, beside it, how those operators read back. Nothing is
imported from ``onnx`` until one of these functions runs, so wlnet works without the
extra and says what to install when it is needed (OnnxUnavailable).
"""

OPSET = 18          # the newest operator set Wolfram exports (its ONNX page: 9 to 18)
IR_VERSION = 8      # the IR version of opset 18
DESCRIPTION_KEY = "wlnet.net"   # metadata_props key of the wlnet description


class OnnxUnavailable(Exception):
    """The optional extra is not installed; ``name`` is the missing package."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class OnnxUnsupported(Exception):
    """A net, or part of one, that has no ONNX form (export), or an ONNX graph that has
    no wlnet form (import); the text says which part and why."""


class OnnxFormatError(Exception):
    """The bytes are not an ONNX model, or the model is damaged."""


def _load():
    try:
        import onnx  # noqa: F401
    except ModuleNotFoundError as missing:
        raise OnnxUnavailable(missing.name or "onnx") from None
    from . import exporter, importer
    return exporter, importer


def export(net, metadata: dict | None = None) -> bytes:
    exporter, _ = _load()
    return exporter.to_model(net, metadata or {}).SerializeToString()


def parse(data: bytes):
    _, importer = _load()
    return importer.parse(data)


def metadata(model) -> dict:
    return {p.key: p.value for p in model.metadata_props}


def fill_arrays(net, model):
    _, importer = _load()
    return importer.fill_arrays(net, model)


def to_net(model):
    _, importer = _load()
    return importer.to_net(model)
