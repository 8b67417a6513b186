"""The adapters stay thin: small modules, short functions, no action module importing another.

`bot/` never imports Rasa (tests elsewhere); here the rules for `actions/` (issue 16): at most
250 lines per module, 40 per function, and imports only from `actions.common` among the actions.
PENDING lists what still breaks a rule, so nothing new can: remove an entry once it is fixed.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import List, Set, Tuple

ACTIONS = Path(__file__).resolve().parent.parent / "actions"
MAX_MODULE_LINES = 250
MAX_FUNCTION_LINES = 40
PENDING: Set[Tuple[str, str]] = {
    ("scan.py", "imports actions.team"),
}


def _violations() -> Set[Tuple[str, str]]:
    found: Set[Tuple[str, str]] = set()
    for path in sorted(ACTIONS.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > MAX_MODULE_LINES:
            found.add((path.name, "module lines"))
        tree = ast.parse(source)
        for node in ast.walk(tree):
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_function and _length(node) > MAX_FUNCTION_LINES:
                found.add((path.name, f"function {node.name}"))
            for module in _imported(node):
                if module.startswith("actions.") and module != "actions.common":
                    found.add((path.name, f"imports {module}"))
    return found


def _length(node: ast.AST) -> int:
    start = getattr(node, "lineno", 0)
    return (getattr(node, "end_lineno", None) or start) - start + 1


def _imported(node: ast.AST) -> List[str]:
    if isinstance(node, ast.ImportFrom) and node.module:
        if node.module == "actions":
            return [f"actions.{alias.name}" for alias in node.names]
        return [node.module]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return []


def test_no_new_fat_adapters_or_cross_imports():
    assert _violations() - PENDING == set()


def test_the_pending_list_shrinks_when_something_is_fixed():
    assert PENDING - _violations() == set(), "fixed: remove these from PENDING"
