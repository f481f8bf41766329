"""Export["file.onnx", net] and Import["file.onnx"] in a session: the net comes back the
same (InputForm, learning-rate multipliers, every array bit for bit, its values), and
every problem is a message: a net without an ONNX form or not initialised, a model
without a wlnet form, damaged bytes, and the optional extra missing."""
import numpy as np
import pytest

from wlnet.format.inputform import input_form
from wlnet.kernel.session import Session

from .conftest import need_onnx

NETS = {
    "chain": 'NetInitialize[NetChain[{LinearLayer[3], ElementwiseLayer[#^2 + 0.1 &], '
             'DropoutLayer[0.3], SoftmaxLayer[]}, "Input" -> 2]]',
    "graph": 'NetInitialize[NetGraph[<|"a" -> LinearLayer[2], "b" -> ThreadingLayer[Times], '
             '"loss" -> MeanSquaredLossLayer[]|>, {NetPort["Input"] -> "a", '
             '{"a", NetPort["Input"]} -> "b", "b" -> NetPort["loss", "Input"]}, "Input" -> 2]]',
    "trained fold": 'NetTrain[NetInitialize[NetFoldOperator[NetGraph[<|"l1" -> TotalLayer[], '
                    '"l2" -> LinearLayer[2, "Input" -> 2], "l3" -> LinearLayer[2]|>, '
                    '{{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}], '
                    '"Input" -> {"Varying", 2}]], {{{1, 2}, {3, 4}} -> {{1, 2}, {3, 4}}}, '
                    'MaxTrainingRounds -> 3]',
    "multipliers": 'NetInitialize[NetChain[{LinearLayer[2, LearningRateMultipliers -> 0], '
                   '1}, "Input" -> 2]]',
    "coders": 'NetInitialize[NetChain[{LinearLayer[3], SoftmaxLayer[]}, "Input" -> '
              'NetEncoder[{"Class", {"x", "y"}}], "Output" -> NetDecoder[{"Class", '
              '{"a", "b", "c"}}]]]',
    "recurrent classifier": 'NetInitialize[NetChain[{EmbeddingLayer[3, 5], '
                            'LongShortTermMemoryLayer[4], GatedRecurrentLayer[3], '
                            'SequenceLastLayer[], LinearLayer[2], SoftmaxLayer[]}, '
                            '"Input" -> {"Varying"}]]',
    "image classifier": 'NetInitialize[NetChain[{ConvolutionLayer[2, 3], '
                        'BatchNormalizationLayer[], Ramp, PoolingLayer[2, 2], FlattenLayer[], '
                        'LinearLayer[2]}, "Input" -> {1, 6, 6}]]',
}
SAMPLE = {"recurrent classifier": "{1, 5, 2}", "image classifier": "{Table[i + j, {i, 6}, "
          "{j, 6}] / 10.}", "graph": '<|"Input" -> {1, 2}, "Target" -> {0, 1}|>',
          "trained fold": "{{1, 2}, {3, 4}}", "coders": '"y"'}


@pytest.fixture
def session(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Session(seed=1)

    def run(code):
        out = s.evaluate(code)[-1]
        return out, [m.name for m in out.messages]
    return run


@pytest.mark.parametrize("name", sorted(NETS))
def test_nets_come_back_the_same(session, name):
    need_onnx()
    session(f"net = {NETS[name]}")
    out, messages = session('Export["net.onnx", net]')
    assert messages == [] and input_form(out.result) == '"net.onnx"'
    session('back = Import["net.onnx"]')
    net, back = session("net")[0].value, session("back")[0].value
    assert input_form(back) == input_form(net) and back.multipliers == net.multipliers
    for path, a in net.payload.arrays().items():
        assert a.tobytes() == back.payload.arrays()[path].tobytes(), path
    x = SAMPLE.get(name, "{1, 2}")
    assert input_form(session(f"net[{x}] === back[{x}]")[0].result) == "True"


def test_explicit_format_names(session):
    need_onnx()
    session('net = NetInitialize[LinearLayer[2, "Input" -> 3]]')
    assert session('Export["net.bin", net, "ONNX"]')[1] == []
    out, messages = session('Import["net.bin", "ONNX"]')
    assert messages == [] and input_form(out.result).startswith("LinearLayer[")


@pytest.mark.parametrize("code, message", [
    ('Export["a.onnx", NetChain[{LinearLayer[3]}, "Input" -> 2]]', "Export::onnx"),
    ('Export["a.onnx", NetChain[{LinearLayer[3]}]]', "Export::onnx"),
    ('Export["a.onnx", {1, 2}]', "Export::type"),
    ('Export["a.onnx", ElementwiseLayer[Gamma, "Input" -> 2]]', "Export::onnx"),
])
def test_what_cannot_be_exported_says_why(session, code, message):
    need_onnx()
    out, messages = session(code)
    assert messages == [message] and input_form(out.result) == "$Failed"


def test_a_net_with_coders_exports_its_numeric_core(session):
    """The model takes what the encoder gives (a class index) and gives what the decoder
    takes (probabilities); Import puts the coders back."""
    need_onnx()
    from .conftest import run
    session(f'net = {NETS["coders"]}; Export["c.onnx", net]')
    import onnx
    probabilities = run(onnx.load("c.onnx"), {"Input": np.array([2.0], np.float32)})
    want = session('Values[net["y", "Probabilities"]]')[0].value
    np.testing.assert_allclose(probabilities["Output"][0], [v.value for v in want.args],
                               rtol=1e-5)


def test_a_function_without_an_onnx_form_is_named(session):
    need_onnx()
    out, _ = session('Export["a.onnx", ElementwiseLayer[InverseErf, "Input" -> 2]]')
    assert out.messages[0].args[0].value == (
        "ElementwiseLayer cannot be exported to ONNX: the function InverseErf (the inverse "
        "of Erf) has no ONNX operator or short composition of them.")


def test_uninitialised_arrays_are_named(session):
    need_onnx()
    out, _ = session('Export["a.onnx", NetChain[{LinearLayer[3]}, "Input" -> 2]]')
    assert "NetInitialize" in out.messages[0].args[0].value
    assert "1/Weights" in out.messages[0].args[0].value


def test_models_without_a_wlnet_form_and_damaged_files(session, tmp_path):
    need_onnx()
    import onnx
    from onnx import TensorProto, helper
    graph = helper.make_graph([helper.make_node("Hardmax", ["x"], ["y"])], "g",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]),
              str(tmp_path / "hardmax.onnx"))
    (tmp_path / "junk.onnx").write_bytes(b"\x08\x07not a model at all")
    for name, words in (("hardmax", "Hardmax"), ("junk", "not a valid ONNX model")):
        out, messages = session(f'Import["{name}.onnx"]')
        assert messages == ["Import::fmterr"] and words in out.messages[0].args[1].value


def test_without_the_extra_export_and_import_say_what_to_install(session, monkeypatch,
                                                                  tmp_path):
    from wlnet.backends import onnx as backend

    def missing():
        raise backend.OnnxUnavailable("onnx")
    monkeypatch.setattr(backend, "_load", missing)
    session('net = NetInitialize[LinearLayer[2, "Input" -> 3]]')
    assert session('Export["a.onnx", net]')[1] == ["Export::noonnx"]
    (tmp_path / "b.onnx").write_bytes(b"\x08\x07")
    out, messages = session('Import["b.onnx"]')
    assert messages == ["Import::noonnx"] and input_form(out.result) == "$Failed"
    assert "pip install 'wlnet[onnx]'" in out.messages[0].template


def test_the_exported_file_runs_in_onnxruntime(session):
    """The file on disk computes what the net computes in the session."""
    need_onnx()
    import onnxruntime as ort
    session('net = NetInitialize[NetChain[{LinearLayer[4], Tanh, LinearLayer[2]}, '
            '"Input" -> 3]]; Export["m.onnx", net]')
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    run = ort.InferenceSession("m.onnx", options, providers=["CPUExecutionProvider"])
    x = np.array([[0.5, -1.0, 2.0], [1.0, 1.0, 1.0]], np.float32)
    got = run.run(None, {"Input": x})[0]
    want = session("net[{{0.5, -1., 2.}, {1., 1., 1.}}]")[0].value.array
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name, x", [
    ("recurrent classifier", np.array([[1, 5, 2, 4], [3, 3, 1, 2]], np.float32)),
    ("image classifier", np.random.default_rng(0).standard_normal((2, 1, 6, 6)))])
def test_recurrent_and_image_nets_run_in_onnxruntime(session, name, x):
    need_onnx()
    import onnx

    from .conftest import assert_runs_like_wlnet
    session(f'net = {NETS[name]}; Export["n.onnx", net]')
    assert_runs_like_wlnet(onnx.load("n.onnx"), session("net")[0].value.payload, {"Input": x})
