"""Safety: the language has no door into Python or the shell.

Two halves. The source scan proves the absence structurally: no call anywhere in wlnet can
run Python or a process on text a user chose (no eval/exec/compile/__import__, no os.system,
subprocess, pickle or dynamic getattr), and files are opened only by the file builtins and
the command line. The escape attempts then show, from the user's side, that dunder names,
odd ToExpression strings and path tricks stay ordinary Wolfram symbols, strings and files.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from wlnet.kernel.builtin import BUILTINS

PACKAGE = Path(__file__).resolve().parents[2] / "wlnet"

# Bare calls that run code or change what runs.
FORBIDDEN_NAMES = {"eval", "exec", "compile", "__import__", "breakpoint", "input"}
# module.function calls that run code, processes or deserialise objects.
FORBIDDEN_ATTRIBUTES = {
    ("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "execl"),
    ("os", "spawnv"), ("os", "fork"), ("os", "startfile"), ("pickle", "load"),
    ("pickle", "loads"), ("marshal", "loads"), ("shelve", "open"), ("runpy", "run_path"),
    ("runpy", "run_module"), ("code", "interact"),
}
FORBIDDEN_MODULES = {"subprocess", "pickle", "marshal", "shelve", "runpy", "code", "pty"}

# The known safe places, each with the reason it is safe.
ALLOWED = {
    # registers the builtin modules found in the package directory, never a user name
    ("builtins/__init__.py", "importlib.import_module"),
    # registers the layer modules found in the package directory, never a user name
    ("nets/layers/__init__.py", "importlib.import_module"),
    # registers the ONNX mapping modules found in the package directory, never a user name
    ("backends/onnx/mappings/__init__.py", "importlib.import_module"),
    # the command line reads the script file the user named on the command line, and
    # points stdout at os.devnull once its reader has closed the pipe
    ("cli.py", "open"),
    ("cli.py", "os.open"),
    # writes kernel.json into a fresh temporary folder that Jupyter then copies
    ("jupyter/install.py", "open"),
    # Import/Export/Put/Get: the language's own file access, through the file layer that
    # opens only regular files
    ("builtins/io/filesystem.py", "os.open"),
    # loads OpenBLAS from NumPy's own directory to set its thread count; names are constants
    ("nets/plan.py", "ctypes.CDLL"),
    ("nets/plan.py", "getattr"),
    # the fold plan generates straight-line NumPy code; its source is built only from
    # register numbers and op indices (ints), never from node, port or array names
    ("nets/fold/code.py", "exec"),
    ("nets/fold/code.py", "compile"),
    # ElementwiseLayer's special functions (erf, gamma) under JAX come from the array
    # namespace's own library (jax.scipy.special); module and function names are constants
    ("nets/special.py", "importlib.import_module"),
    ("nets/special.py", "getattr"),
    # the JAX backend's namespace hands a pure forward jax.numpy's function by the name
    # the layer's own source asks for (xp.exp): attribute names from wlnet's code
    ("backends/jax/lowering.py", "getattr"),
    # attribute names from Python code (S.Name, Net._evolve keywords)
    ("expr.py", "setattr"),
    ("nets/base.py", "setattr"),
}


def _calls(tree):
    """(dotted name, call node) for every call whose function is a name or attribute."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            parts, f = [], node.func
            while isinstance(f, ast.Attribute):
                parts.append(f.attr)
                f = f.value
            if isinstance(f, ast.Name):
                parts.append(f.id)
                yield ".".join(reversed(parts)), node


def _bound_names(tree) -> set:
    """Names a module defines or imports itself (a local ``compile`` is not the builtin)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _findings():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        local = _bound_names(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                bad = [a.name for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES]
            elif isinstance(node, ast.ImportFrom):
                bad = [node.module] if (node.module or "").split(".")[0] in \
                    FORBIDDEN_MODULES and node.level == 0 else []
            else:
                continue
            found += [(rel, f"import {b}", node.lineno) for b in bad]
        for name, call in _calls(tree):
            head = tuple(name.split(".")[-2:])
            risky = (name in FORBIDDEN_NAMES and name not in local) or \
                head in FORBIDDEN_ATTRIBUTES or name.split(".")[0] in {"subprocess", "ctypes"} \
                or name in {"open", "os.open", "io.open", "importlib.import_module"} or \
                (name in {"getattr", "setattr"} and not (
                    len(call.args) >= 2 and isinstance(call.args[1], ast.Constant)))
            if risky and (rel, name) not in ALLOWED:
                found.append((rel, name, call.lineno))
    return found


def test_no_code_execution_or_process_calls_outside_known_safe_places():
    assert _findings() == []


def test_netfile_loading_never_unpickles():
    text = (PACKAGE / "builtins" / "nets" / "files.py").read_text()
    loads = [c for _, c in _calls(ast.parse(text)) if _ == "np.load"]
    assert loads and all(any(k.arg == "allow_pickle" and k.value.value is False
                             for k in c.keywords) for c in loads)


def test_no_process_or_shell_builtins():
    names = {b.name for b in BUILTINS.values()}
    assert not names & {"Run", "RunProcess", "StartProcess", "ExternalEvaluate",
                        "SystemOpen", "Install", "LibraryFunctionLoad", "DeleteFile",
                        "DeleteDirectory", "RenameFile", "CopyFile", "SetDirectory"}


@pytest.mark.parametrize("code, expected", [
    ("Run[\"echo hacked\"]", "Run[\"echo hacked\"]"),
    ("RunProcess[{\"ls\"}]", "RunProcess[{\"ls\"}]"),
    ("Symbol[\"__class__\"]", "Symbol[\"__class__\"]"),
    ("ToExpression[\"__import__\"]", "__*__import"),
    ("ToExpression[\"__import__('os')\"]", None),
    ("ToExpression[\"1 + 1; __builtins__\"]", "__*__builtins"),
    ("Head[x.__class__]", "Times"),
    ("\"__import__('os').system('echo hacked')\"", "\"__import__('os').system('echo hacked')\""),
    ("ToExpression[\"os`system[\\\"ls\\\"]\"]", "os`system[\"ls\"]"),
    ("StringLength[\"\\u0000__import__\"]", None),
    ("Information[__import__]", None),
])
def test_escape_attempts_stay_inside_the_language(guarded, code, expected):
    out = guarded.run(code)
    assert not any(r for r in out.prints if "hacked" in str(r))
    if expected is not None:
        assert guarded.text(code) == expected


def test_dunder_attribute_names_are_just_symbols(guarded):
    assert guarded.text("__class__ = 5; __class__ + 1") != "$Failed"
    assert guarded.text('Head[Symbol["__dict__"]]') == "Symbol"


def test_path_tricks_only_reach_files_the_script_names(guarded, tmp_path, monkeypatch):
    """``..`` and absolute paths are the user's own file access (as in Wolfram): Import
    reads what it is told to and nothing else; a system file that is not data gives a
    message, not a traceback."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "data.csv").write_text("1,2\n")
    assert guarded.text('Import["sub/../data.csv"]') == "{{1, 2}}"
    for code in ('Import["/etc/passwd", "JSON"]', 'Import["/etc", "CSV"]',
                 'Import["/dev/null/x.csv"]', 'Get["/etc/passwd"]',
                 'Import["../../../../../../../nonexistent.csv"]'):
        assert guarded.text(code) == "$Failed", code
