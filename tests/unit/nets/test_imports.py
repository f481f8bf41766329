"""The runtime depends on numpy and the standard library only (DESIGN.md)."""
import ast
import pathlib
import sys

import wlnet.nets

ROOT = pathlib.Path(wlnet.nets.__file__).parent


def test_nets_imports_nothing_of_wlnet_outside_nets():
    allowed = set(sys.stdlib_module_names) | {"numpy"}
    for path in ROOT.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    continue
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in allowed or name.startswith("wlnet.nets"), (path.name, name)
