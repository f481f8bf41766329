"""The one-way data flow of DESIGN.md, checked on the import statements of every module:
the net runtime knows nothing of expressions, the parser only expressions, the formatter
never evaluates, and front ends reach the kernel only through Session. ``wlnet.stack``
(the big-stack threads deep walks run on) imports nothing of wlnet, so anyone may use it."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "wlnet"

# package prefix -> wlnet modules it may import (prefixes)
ALLOWED = {
    "wlnet.nets": ["wlnet.nets"],
    "wlnet.train": ["wlnet.train", "wlnet.nets"],
    "wlnet.backends.onnx": ["wlnet.backends.onnx", "wlnet.nets", "wlnet.version"],
    "wlnet.backends": ["wlnet.backends", "wlnet.nets", "wlnet.train"],
    "wlnet.syntax": ["wlnet.syntax", "wlnet.expr"],
    "wlnet.format": ["wlnet.format", "wlnet.expr", "wlnet.kernel.messages", "wlnet.nets",
                     "wlnet.syntax.named", "wlnet.stack"],
    "wlnet.stack": [],
    "wlnet.repl": ["wlnet.repl", "wlnet.format", "wlnet.kernel.session"],
    "wlnet.jupyter": ["wlnet.jupyter", "wlnet.format", "wlnet.kernel.session",
                      "wlnet.repl.completer"],
    "wlnet.cli": ["wlnet.cli", "wlnet.format", "wlnet.kernel.session", "wlnet.repl",
                  "wlnet.transcript", "wlnet.jupyter", "wlnet.version"],
    "wlnet.transcript": ["wlnet.transcript", "wlnet.format", "wlnet.kernel.session",
                         "wlnet.repl.prompts"],
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every wlnet module a file imports, at any depth (inside functions too)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.update(f"{base}.{a.name}" if not node.module and node.level else base
                         for a in node.names)
    return {m for m in found if m == "wlnet" or m.startswith("wlnet.")}


def _rule(module: str):
    for prefix, allowed in ALLOWED.items():
        if module == prefix or module.startswith(prefix + "."):
            return allowed
    return None


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_imports_point_one_way(path):
    module = _module_name(path)
    allowed = _rule(module)
    if allowed is None:
        return                          # kernel and builtins bridge everything
    wrong = [m for m in _imports(path)
             if not any(m == a or m.startswith(a + ".") for a in allowed)]
    assert not wrong, f"{module} imports {wrong}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "nets").rglob("*.py")) +
                         sorted((PACKAGE / "train").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_runtime_needs_only_numpy_and_the_standard_library(path):
    import sys
    outside = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            outside.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            outside.add(node.module.split(".")[0])
    assert outside <= set(sys.stdlib_module_names) | {"numpy", "__future__"}
