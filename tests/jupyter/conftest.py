"""The kernel as Jupyter starts it: the spec installed (by ``python -m wlnet.jupyter
install --prefix``) into a temporary folder on JUPYTER_PATH, never into the user's home,
and the kernel run as a subprocess that imports this checkout's wlnet."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def install_kernel_spec(prefix: Path) -> dict:
    """Install the spec under ``prefix``; the environment a kernel must start with."""
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run([sys.executable, "-m", "wlnet.jupyter", "install", "--prefix",
                          str(prefix)], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return {"JUPYTER_PATH": str(prefix / "share" / "jupyter"), "PYTHONPATH": env["PYTHONPATH"],
            "JUPYTER_DATA_DIR": str(prefix / "data"), "JUPYTER_RUNTIME_DIR": str(prefix / "rt"),
            "JUPYTER_CONFIG_DIR": str(prefix / "config"), "JUPYTER_PLATFORM_DIRS": "1",
            "IPYTHONDIR": str(prefix / "ipython")}


@pytest.fixture(scope="session")
def kernel_env(tmp_path_factory):
    """JUPYTER_PATH (and the other Jupyter folders) pointing into a temporary folder that
    holds the wlnet kernel spec, for the whole test session."""
    pytest.importorskip("ipykernel")
    pytest.importorskip("jupyter_client")
    env = install_kernel_spec(tmp_path_factory.mktemp("jupyter"))
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        yield env
