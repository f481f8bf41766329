"""Protocol conformance with jupyter_kernel_test: every reply and IOPub message of the
wlnet kernel is checked against the Jupyter message specification."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

jkt = pytest.importorskip("jupyter_kernel_test")

from .conftest import install_kernel_spec  # noqa: E402


class WlnetKernelTests(jkt.KernelTests):
    kernel_name = "wlnet"
    language_name = "wolfram"
    file_extension = ".wl"

    code_hello_world = 'Print["hello, world"]'
    code_stderr = "1/0"
    completion_samples = [{"text": "NetFoldOp", "matches": {"NetFoldOperator"}},
                          {"text": "ListLogP", "matches": {"ListLogPlot"}}]
    complete_code_samples = ["1 + 1", "f[x_] := x^2", "Print[\"a\"]; 2"]
    incomplete_code_samples = ["f[1,", "{1, 2", "(* open comment"]
    invalid_code_samples = ["1 +* 2", "f[1]]"]
    code_execute_result = [{"code": "6 * 7", "result": "42"},
                           {"code": "ListPlot[{1, 2}]", "mime": "image/png"},
                           {"code": "MatrixForm[{{1, 0}, {0, 1}}]", "mime": "text/latex"}]
    code_display_data = [{"code": 'NetTrain[LinearLayer[1, "Input" -> 1], {{1} -> {2}}, '
                                  'MaxTrainingRounds -> 3];', "mime": "text/html"}]
    code_inspect_sample = "NetTrain"

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="wlnet-jupyter-")
        cls.env = install_kernel_spec(Path(cls.folder))
        cls.saved = {name: os.environ.get(name) for name in cls.env}
        os.environ.update(cls.env)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        for name, value in cls.saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(cls.folder, ignore_errors=True)
