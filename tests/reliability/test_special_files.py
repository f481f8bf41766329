"""Files that are not ours stay untouched, and saves leave nothing behind (issue 11).

Export, Put and PutAppend write only regular files: a FIFO or a device node in the way is
refused with ``::nonreg`` and left as it was, and a symbolic link is written through to
its target (still atomically). Import and Get refuse FIFOs and devices before reading a
byte, so they cannot block or read forever. Temporaries are named ``.wlnet-tmp-<pid>-...``
and a killed save's is removed by the next save to the folder. Every path here is inside
pytest's ``tmp_path``; the device nodes are our own (made with mknod, as root only), never
the machine's.
"""

from __future__ import annotations

import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from wlnet.builtins.io.filesystem import TEMPORARY_PREFIX
from wlnet.format.inputform import input_form

from .conftest import Guarded

REPO = Path(__file__).resolve().parents[2]
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMPORARY_PREFIX))


# -- special files --------------------------------------------------------------------------

@pytest.mark.parametrize("code", ['Export["pipe", {1}, "CSV"]', 'Put[1, "pipe"]',
                                  'PutAppend[1, "pipe"]'])
def test_writes_refuse_a_fifo_and_leave_it(files, code):
    os.mkfifo(files.dir / "pipe")
    out, took = files.timed(code)
    assert [m.name for m in out.messages][0].endswith("::nonreg") and took < 5
    assert stat.S_ISFIFO(os.lstat(files.dir / "pipe").st_mode)
    assert temporaries(files.dir) == []


@pytest.mark.parametrize("code", ['Import["pipe", "CSV"]', 'Get["pipe"]', 'Import["pipe.wl"]'])
def test_reads_refuse_a_fifo_at_once(files, code):
    for name in ("pipe", "pipe.wl"):
        os.mkfifo(files.dir / name)
    out, took = files.timed(code)
    assert [m.name for m in out.messages][0].endswith("::nonreg")
    assert input_form(out.result) == "$Failed" and took < 5


@pytest.mark.skipif(not AS_ROOT, reason="making a device node needs root")
@pytest.mark.parametrize("name, major, minor", [("null", 1, 3), ("zero", 1, 5),
                                                ("urandom", 1, 9)])
def test_devices_are_neither_replaced_nor_read(files, name, major, minor):
    """Our own device nodes (like /dev/null, /dev/zero, /dev/urandom) inside tmp_path."""
    node = files.dir / name
    os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(major, minor))
    for code in (f'Export["{name}", {{1}}, "CSV"]', f'Put[1, "{name}"]',
                 f'Get["{name}"]', f'Import["{name}", "CSV"]'):
        out, took = files.timed(code)
        assert [m.name for m in out.messages][0].endswith("::nonreg"), code
        assert took < 5
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_export_writes_through_a_symlink(files):
    (files.dir / "real.csv").write_text("old\n")
    os.symlink("real.csv", files.dir / "mylink.csv")
    files.run('Export["mylink.csv", {1, 2}]')
    assert os.path.islink(files.dir / "mylink.csv")
    assert (files.dir / "real.csv").read_text() == "1\n2\n"
    files.run('PutAppend[3, "mylink.csv"]')
    assert (files.dir / "real.csv").read_text() == "1\n2\n3\n"
    assert os.path.islink(files.dir / "mylink.csv") and temporaries(files.dir) == []


def test_export_through_a_link_into_another_folder(files):
    (files.dir / "data").mkdir()
    os.symlink("data/target.json", files.dir / "link.json")     # dangling until written
    files.run('Export["link.json", {1}]')
    assert json.loads((files.dir / "data" / "target.json").read_text()) == [1]
    assert os.path.islink(files.dir / "link.json")


def test_export_onto_a_directory(files):
    (files.dir / "d.csv").mkdir()
    assert files.names('Export["d.csv", {1}]') == ["Export::nonreg"]


# -- temporaries ------------------------------------------------------------------------------

def test_a_dead_process_temporary_is_removed_by_the_next_save(files):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = files.dir / f"{TEMPORARY_PREFIX}{dead}-abcd1234-x.csv"
    stale.write_bytes(b"half written")
    live = files.dir / f"{TEMPORARY_PREFIX}{os.getppid()}-abcd1234-y.csv"
    live.write_bytes(b"another process is writing this")
    files.run('Export["x.csv", {1}]')
    assert not stale.exists() and live.exists()


def _kill_while_saving(folder: Path) -> None:
    """Start a wlnet process saving a big file over and over into folder and SIGKILL it
    once a temporary of its is there."""
    script = folder / "save.wl"
    script.write_text('m = RandomReal[1, {100000, 10}];\n'
                      'Do[Export["big.csv", m], {100}]\n')
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    process = subprocess.Popen([sys.executable, "-m", "wlnet", str(script)], cwd=folder,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not temporaries(folder) and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()


def test_kill_during_export_leaves_nothing_after_the_next_save(tmp_path):
    for _ in range(3):               # the kill may fall between two saves: try again
        _kill_while_saving(tmp_path)
        if temporaries(tmp_path):
            break
    assert temporaries(tmp_path), "no save was caught in the middle"
    g = Guarded()
    g.run(f'Export["{str(tmp_path / "other.json")}", {{1}}]')
    assert temporaries(tmp_path) == []


def test_an_interrupted_encoder_leaves_no_temporary(files):
    out = files.run('Export["e.wl", Nest[Hold, 1, 20000]]', seconds=30)
    assert [m.name for m in out.messages] == ["Export::deep"]
    assert sorted(p.name for p in files.dir.iterdir()) == []


# -- nets in files --------------------------------------------------------------------------

def test_an_imported_net_is_sameq_to_the_original(files):
    files.run('n = NetInitialize[NetChain[{LinearLayer[3], Ramp, LinearLayer[2]}, '
              '"Input" -> 2]]; Export["n.wlnet", n]', seconds=30)
    assert files.text('{n === Import["n.wlnet"], n === NetInitialize[n, All], '
                      'Length[Union[{n, Import["n.wlnet"]}]]}') == "{True, False, 1}"


def _archive(description: str | bytes, method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        z.writestr("net.json", description)
    return buffer.getvalue()


def _description(net) -> bytes:
    return _archive(json.dumps({"format": "wlnet-net", "version": 2, "net": net,
                                "multipliers": {"dict": []}}))


def _elementwise(function, **options):
    return {"net": "ElementwiseLayer", "arguments": [function],
            "options": {"Input": {"tuple": [2]}, **options}}


HOSTILE = {
    "unknown function": _description(_elementwise("Explode")),
    "unknown tree": _description(_elementwise({"tuple": ["Explode", "x"]})),
    "negative shape": _description(_elementwise("Tanh", Input={"tuple": [-3]})),
    "option named kernel": _description(_elementwise("Tanh", kernel=1)),
    "unknown head": _description({"net": "os.system", "arguments": ["ls"], "options": {}}),
    "bad wiring": _description({"net": "NetGraph", "arguments": [
        {"dict": [["a", _elementwise("Tanh")]]},
        [{"tuple": ["a", "nowhere"]}, {"tuple": ["nowhere", "a"]}]], "options": {}}),
    "wrong array": _archive(json.dumps({"format": "wlnet-net", "version": 2, "net": {
        "net": "LinearLayer", "arguments": [{"tuple": [2]}],
        "options": {"Input": {"tuple": [2]}, "Weights": {"array": 0}}},
        "multipliers": {"dict": []}})),
    "not utf-8": _archive(b"\xff\xfe{}"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_crafted_net_files_are_refused_before_building(files, name):
    (files.dir / "h.wlnet").write_bytes(HOSTILE[name])
    out = files.run('Import["h.wlnet"]')
    assert [m.name for m in out.messages] == ["Import::fmterr"]
    text = str(out.messages[0].args[-1].value)
    assert "codec" not in text and "Error" not in text and "version 1" not in text


def test_an_inflating_description_is_refused_before_inflating(files):
    """100 MB of JSON in a small archive: refused from the declared size at once."""
    (files.dir / "bomb.wlnet").write_bytes(_archive(b" " * 100_000_000 + b"{}"))
    out, took = files.timed('Import["bomb.wlnet"]')
    assert [m.name for m in out.messages] == ["Import::fmterr"] and took < 10


def test_a_damaged_deflate_stream_is_a_format_error(files):
    data = bytearray(_archive(json.dumps({"format": "wlnet-net", "padding": "x" * 5000})))
    start = data.index(b"net.json") + len("net.json")
    for i in range(start + 10, start + 60):
        data[i] ^= 0x5A
    (files.dir / "bad.wlnet").write_bytes(bytes(data))
    assert files.names('Import["bad.wlnet"]') == ["Import::fmterr"]
