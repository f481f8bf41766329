"""Every golden transcript under transcripts/ replays exactly (see wlnet.transcript).

Those under transcripts/jax/ use the JAX backend (TargetDevice): they replay in a process
of their own (JAX's threads must not live in the test process, whose REPL tests fork),
and are skipped without JAX."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wlnet.transcript import check, transcripts

ROOT = Path(__file__).resolve().parent.parent / "transcripts"
JAX = ROOT / "jax"
FILES = [p for p in transcripts([ROOT]) if JAX not in p.parents]


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_transcript(path):
    result = check(path)
    assert result.passed, result.first_difference()


def test_jax_transcripts_in_their_own_process():
    if importlib.util.find_spec("jax") is None:
        pytest.skip("JAX is not installed (the optional extra jax)")
    env = {k: v for k, v in os.environ.items() if k != "XLA_FLAGS"}
    done = subprocess.run([sys.executable, "-m", "wlnet", "--check", str(JAX)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT.parent,
                          env={**env, "PYTHONPATH": str(ROOT.parent)})
    assert done.returncode == 0, done.stdout + done.stderr
