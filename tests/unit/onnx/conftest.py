"""Helpers of the ONNX tests: export with onnx's full check, a run in onnxruntime (one
thread: the machine is shared, and the test process forks), wlnet's own outputs, and
the equality of two nets (the same description and every array bit for bit)."""
import numpy as np
import pytest

from wlnet.builtins.nets import files as netfile
from wlnet.builtins.nets.values import NetValue
from wlnet.nets.plan import compile


def need_onnx():
    """Skip unless the optional extra onnx (onnx and onnxruntime) is installed."""
    pytest.importorskip("onnx", reason="the optional extra onnx is not installed")
    pytest.importorskip("onnxruntime", reason="the optional extra onnx is not installed")


def exported(net, metadata=None):
    """The model of ``net``, after onnx.checker's full check (with shape inference)."""
    import onnx

    from wlnet.backends import onnx as backend
    model = onnx.load_from_string(backend.export(net, metadata))
    onnx.checker.check_model(model, full_check=True)
    return model


def run(model, inputs: dict) -> dict:
    """{output name: array} of the model in onnxruntime on float32 inputs."""
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options,
                                   providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    feed = {p: np.asarray(v, np.float32) for p, v in inputs.items()}
    return dict(zip(names, session.run(names, feed)))


def wlnet_outputs(net, inputs: dict) -> dict:
    """wlnet's outputs and final states on float32 inputs."""
    plan = compile(net, np.float32)
    outs = plan.forward({p: np.asarray(v, np.float32) for p, v in inputs.items()})
    return {**outs, **plan.final_states}


def assert_runs_like_wlnet(model, net, inputs, tol=1e-5):
    got, want = run(model, inputs), wlnet_outputs(net, inputs)
    assert set(got) == set(want)
    for port in want:
        assert got[port].shape == np.shape(want[port]), port
        np.testing.assert_allclose(got[port], want[port], rtol=tol, atol=tol, err_msg=port)


def assert_same_net(a, b):
    assert netfile.description(NetValue(a)) == netfile.description(NetValue(b))
    arrays_a, arrays_b = a.arrays(), b.arrays()
    assert list(arrays_a) == list(arrays_b)
    for path, x in arrays_a.items():
        y = arrays_b[path]
        assert x.dtype == y.dtype == np.float32 and x.shape == y.shape, path
        assert x.tobytes() == y.tobytes(), path


def without_description(model):
    """A copy of the model without wlnet's description, as another tool writes one."""
    import onnx
    copy = onnx.ModelProto()
    copy.CopyFrom(model)
    del copy.metadata_props[:]
    return copy
