"""Saving work: Export/Import round-trips, atomic writes, and hostile files.

Data formats (CSV, JSON, WL) give back what was written; a net saved as .wlnet comes back
with the same structure and every array bit for bit, trained or not. A write that fails
half-way leaves the old file untouched, and a damaged or foreign file gives
``Import::fmterr`` and ``$Failed``.
"""

from __future__ import annotations

import io
import json
import os
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wlnet.builtins.io import filesystem as wlfiles
from wlnet.format.inputform import input_form

from .conftest import Guarded


def test_csv_numeric_table_comes_back_packed(files):
    files.run("m = RandomReal[1, {50, 3}]; Export[\"m.csv\", m]")
    assert files.text("Import[\"m.csv\"] === m") == "True"
    value = files.run('Import["m.csv"]').value
    assert value.array.dtype == np.float64 and value.array.shape == (50, 3)


def test_csv_mixed_table_and_vector(files):
    files.run('Export["t.csv", {{1, "a,b", 2.5}, {-3, "say \\"hi\\"", 1.*^-7}}]')
    assert files.text('Import["t.csv"]') == '{{1, "a,b", 2.5}, {-3, "say \\"hi\\"", 1.*^-7}}'
    files.run('Export["v.csv", {1, 2, 3}]')
    assert files.text('Import["v.csv"]') == "{{1}, {2}, {3}}"


def test_json_round_trip(files):
    data = '<|"a" -> {1, 2.5, "x"}, "b" -> <|"c" -> True, "d" -> Null|>, "e" -> {}|>'
    files.run(f'Export["d.json", {data}]')
    assert files.text('Import["d.json"]') == data
    assert json.loads((files.dir / "d.json").read_text())["a"] == [1, 2.5, "x"]


def test_wl_round_trip_and_put_get(files):
    data = '{f[x_] :> x^2, "s\\n", 1/3, 0.1 + 0.2, <|1 -> {2}|>, Hold[1 + 1]}'
    files.run(f'e = {data}; Export["e.wl", e]')
    assert files.text('Import["e.wl"] === e') == "True"
    files.run('x >> "p.wl"; {1, 2} >>> "p.wl"')
    assert (files.dir / "p.wl").read_text() == "x\n{1, 2}\n"
    assert files.text('Get["p.wl"]') == "{1, 2}"


@settings(max_examples=60, deadline=None)
@given(st.recursive(
    st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(),
              st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=12))
def test_json_and_wl_round_trip_any_data(tmp_path_factory, data):
    """Any JSON-shaped data survives JSON and WL export, bit for bit for reals."""
    from wlnet.expr import from_python
    g = Guarded()
    folder = tmp_path_factory.mktemp("rt")
    expr = from_python(_as_wl(data))
    for ext in ("json", "wl"):
        path = str(folder / f"d.{ext}").replace("\\", "/")
        g.session.evaluate(f'data = {input_form(expr)};')
        out = g.run(f'Export["{path}", data]; Import["{path}"] === data')
        assert input_form(out.result) == "True", (ext, input_form(expr))


def _as_wl(x):
    """JSON data as wlnet values: objects are associations (dicts convert to them)."""
    if isinstance(x, list):
        return [_as_wl(v) for v in x]
    if isinstance(x, dict):
        return {k: _as_wl(v) for k, v in x.items()}
    return x


@pytest.mark.parametrize("code, message", [
    ('Export["f.xyz", {1}]', "Export::infer"),
    ('Export["f.csv", {1}, "XLSX"]', "Export::fmtnosup"),
    ('Export["f.json", f[x]]', "Export::type"),
    ('Export["f.csv", {{{1}}}]', "Export::type"),
    ('Export["f.wl", LinearLayer[2]]', "Export::type"),
    ('Export["f.wlnet", {1, 2}]', "Export::type"),
    ('Export["no/such/dir/f.csv", {1}]', "Export::noopen"),
    ('Export[3, {1}]', "Export::fstr"),
    ('Import["missing.csv"]', "Import::nffil"),
    ('Import["f.xyz"]', "Import::infer"),
])
def test_bad_requests_give_messages(files, code, message):
    out = files.run(code)
    assert [m.name for m in out.messages] == [message]
    assert input_form(out.result) == "$Failed"


def test_write_is_atomic(files, monkeypatch):
    """A failure between writing and renaming keeps the old file and leaves no temporary."""
    files.run('Export["keep.csv", {1, 2}]')
    before = (files.dir / "keep.csv").read_bytes()

    def crash(*args):
        raise OSError("disk full")
    monkeypatch.setattr(wlfiles.os, "replace", crash)
    out = files.run('Export["keep.csv", Range[1000]]')
    assert [m.name for m in out.messages] == ["Export::noopen"]
    monkeypatch.undo()
    assert (files.dir / "keep.csv").read_bytes() == before
    assert sorted(p.name for p in files.dir.iterdir()) == ["keep.csv"]


def test_write_keeps_permissions(files):
    files.run('Export["p.json", {1}]')
    os.chmod(files.dir / "p.json", 0o640)
    files.run('Export["p.json", {2}]')
    assert (files.dir / "p.json").stat().st_mode & 0o777 == 0o640


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _npy(array, allow_pickle=False) -> bytes:
    b = io.BytesIO()
    np.save(b, array, allow_pickle=allow_pickle)
    return b.getvalue()


GOOD = {"format": "wlnet-net", "version": 2}


def _net_file(net, **members) -> bytes:
    return _zip({"net.json": json.dumps({**GOOD, "net": net}), **members})
DAMAGED = {
    "random.wlnet": os.urandom(300),
    "empty.wlnet": b"",
    "text.wlnet": b"LinearLayer[2]",
    "foreign.wlnet": _zip({"readme.txt": "hello"}),
    "badjson.wlnet": _zip({"net.json": "{not json"}),
    "future.wlnet": _zip({"net.json": json.dumps({**GOOD, "version": 99})}),
    "class.wlnet": _zip({"net.json": json.dumps({**GOOD, "net": {
        "net": "os._wrap_close", "attributes": {}}})}),
    "dunder.wlnet": _zip({"net.json": json.dumps({**GOOD, "net": {
        "net": "wlnet.nets.layers.LinearLayer", "attributes": {"__class__": 1}}})}),
    "noarray.wlnet": _zip({"net.json": json.dumps({**GOOD, "net": {"array": 0}})}),
    "pickled.wlnet": _zip({"net.json": json.dumps({**GOOD, "net": {"array": 0}}),
                           "arrays/0.npy": _npy(np.array([object()]), allow_pickle=True)}),
    "notanet.wlnet": _zip({"net.json": json.dumps({**GOOD, "net": [1, 2]})}),
    "deep.wlnet": _zip({"net.json": '{"format": "wlnet-net", "version": 2, "net": '
                        + "[" * 100000 + "]" * 100000 + "}"}),
    "version1.wlnet": _zip({"net.json": json.dumps({**GOOD, "version": 1})}),
    "unknownhead.wlnet": _net_file({"net": "ResizeLayer", "arguments": [], "options": {}}),
    "unknownoption.wlnet": _net_file({"net": "LinearLayer", "arguments": [2],
                                      "options": {"Foo": 1}}),
    "badshape.wlnet": _net_file({"net": "LinearLayer", "arguments": [2],
                                 "options": {"Input": {"tuple": [-3]}}}),
    "badsize.wlnet": _net_file({"net": "LinearLayer", "arguments": [0], "options": {}}),
    "manyargs.wlnet": _net_file({"net": "SoftmaxLayer", "arguments": [1, 2], "options": {}}),
    "extrakey.wlnet": _net_file({"net": "SoftmaxLayer", "arguments": [], "options": {},
                                 "attributes": {"_ins": 1}}),
    "nestedbad.wlnet": _net_file({"net": "NetChain", "options": {}, "arguments": [
        [{"net": "LinearLayer", "arguments": [2]},
         {"net": "ElementwiseLayer", "arguments": ["os.system"]}]]}),
    "badrank.wlnet": _net_file({"net": "LinearLayer", "arguments": [2],
                                "options": {"Weights": {"array": 0}}},
                               **{"arrays/0.npy": _npy(np.ones(3, np.float32))}),
    "badcontainer.wlnet": _net_file({"net": "NetGraph", "arguments": [[], [[1, 2]]],
                                     "options": {}}),
    "bad.csv": b"\xff\xfe\x00binary",
    "bad.json": b"{\"a\": [1, 2",
    "nan.json": b"[NaN]",
    "big.json": b"[1e999]",
    "bad.wl": b"f[1, (* unclosed",
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_damaged_or_foreign_files_give_fmterr(files, name):
    (files.dir / name).write_bytes(DAMAGED[name])
    out = files.run(f'Import["{name}"]')
    assert [m.name for m in out.messages] == ["Import::fmterr"]
    assert input_form(out.result) == "$Failed"


def test_a_file_is_checked_against_the_layer_definitions(files):
    """The reason names what does not fit, and nothing is built from such a file."""
    (files.dir / "u.wlnet").write_bytes(DAMAGED["unknownoption.wlnet"])
    out = files.run('Import["u.wlnet"]')
    assert "Foo" in out.messages[0].args[1].value and "LinearLayer" in \
        out.messages[0].args[1].value


def test_truncated_net_file(files):
    files.run('Export["n.wlnet", NetInitialize[NetChain[{3, Tanh, 1}, "Input" -> 2]]]')
    data = (files.dir / "n.wlnet").read_bytes()
    for cut in (10, len(data) // 2, len(data) - 5):
        (files.dir / "cut.wlnet").write_bytes(data[:cut])
        assert files.names('Import["cut.wlnet"]') == ["Import::fmterr"]


NETS = {
    "fixed": 'LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None]',
    "uninitialized": 'NetChain[{LinearLayer[3], Ramp, LinearLayer[1]}, "Input" -> 2]',
    "chain": 'NetInitialize[NetChain[{LinearLayer[3], ElementwiseLayer[#^2 + 1 &], '
             'DropoutLayer[0.3], SoftmaxLayer[]}, "Input" -> 2]]',
    "graph": 'NetInitialize[NetGraph[<|"a" -> LinearLayer[2], "b" -> ThreadingLayer[Times], '
             '"loss" -> MeanSquaredLossLayer[]|>, {NetPort["Input"] -> "a", '
             '{"a", NetPort["Input"]} -> "b", "b" -> NetPort["loss", "Input"]}, "Input" -> 2]]',
    "fold": 'NetInitialize[NetFoldOperator[NetGraph[<|"l1" -> TotalLayer[], '
            '"l2" -> LinearLayer[2, "Input" -> 2], "l3" -> LinearLayer[2]|>, '
            '{{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}], '
            '"Input" -> {"Varying", 2}]]',
    "trained": 'NetTrain[NetInitialize[NetChain[{LinearLayer[4], Tanh, LinearLayer[1]}, '
               '"Input" -> 2]], {{1., 2.} -> {1.}, {0., 1.} -> {0.}}, MaxTrainingRounds -> 20]',
    "multipliers": 'NetInitialize[NetChain[{LinearLayer[2, LearningRateMultipliers -> 0], '
                   '1}, "Input" -> 2]]',
}


@pytest.mark.parametrize("name", sorted(NETS))
def test_nets_round_trip_bit_exact(files, name):
    out = files.run(f"net = {NETS[name]}", seconds=60)
    assert out.messages == []
    files.run('Export["net.wlnet", net]; back = Import["net.wlnet"]')
    net = files.run("net").value
    back = files.run("back").value
    assert type(back) is type(net)
    assert input_form(back) == input_form(net)
    assert back.multipliers == net.multipliers
    a, b = net.payload.arrays(), back.payload.arrays()
    assert list(a) == list(b)
    for path in a:
        if a[path] is None:
            assert b[path] is None
        else:
            assert b[path].dtype == a[path].dtype and b[path].shape == a[path].shape
            assert a[path].tobytes() == b[path].tobytes(), path
    if name != "uninitialized":
        sample = "{{1, 2}, {3, 4}}" if name == "fold" else "{1, 2}"
        assert files.text(f"net[{sample}] === back[{sample}]") == "True"
