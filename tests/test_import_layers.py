"""Imports run one way (docs/architecture.md): a test fails if a lower app imports a higher one,
two apps import each other, or files import each other in a circle at module level.

Function-local imports count for the app-level rules (they are still dependencies); only the
module-level circle check looks at top-level imports alone, since those are what break loading.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

KINDRED = Path(__file__).resolve().parents[1] / "kindred"
SKIP_PARTS = {"tests", "migrations", "testing"}
# Lower floors first; an app may import only apps on its own floor or below.
FLOORS = [
    {"core"},
    {"accounts"},
    {"memberships"},
    {"content", "coach", "search"},
    {"learning", "questions", "resources"},
    {"toolkit", "groups"},
    {"api"},
]
FLOOR_OF = {app: level for level, apps in enumerate(FLOORS) for app in apps}
# Sideways imports (same floor) that are not allowed either: site search reaches the page types
# only through the SEARCH_KINDS hook (kindred/core/extensions.py), never by importing them.
NEVER_IMPORTS = {("search", "content"), ("search", "coach")}


def _modules() -> dict[str, tuple[str, ast.Module]]:
    found = {}
    for path in KINDRED.rglob("*.py"):
        rel = path.relative_to(KINDRED.parent)
        if SKIP_PARTS & set(rel.parts):
            continue
        name = ".".join(rel.with_suffix("").parts).removesuffix(".__init__")
        found[name] = (rel.parts[1], ast.parse(path.read_text(encoding="utf-8")))
    return found


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return []


def _app_edges() -> dict[str, set[tuple[str, str]]]:
    edges: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for module, (app, tree) in _modules().items():
        for node in ast.walk(tree):
            for name in _imported(node):
                parts = name.split(".")
                if parts[0] == "kindred" and len(parts) > 1 and parts[1] != app:
                    edges[app].add((parts[1], module))
    return edges


def test_every_app_has_a_floor() -> None:
    apps = {path.parent.name for path in KINDRED.glob("*/apps.py")} | {"api"}
    assert apps - {"testing"} <= set(FLOOR_OF), sorted(apps - set(FLOOR_OF) - {"testing"})


def test_imports_only_go_down_or_sideways() -> None:
    wrong = sorted(
        f"{module} imports kindred.{other}"
        for app, targets in _app_edges().items()
        for other, module in targets
        if FLOOR_OF.get(other, 0) > FLOOR_OF.get(app, 0)
    )
    assert wrong == []


def test_apps_kept_apart_on_one_floor_do_not_import_each_other() -> None:
    wrong = sorted(
        f"{module} imports kindred.{other}"
        for app, targets in _app_edges().items()
        for other, module in targets
        if (app, other) in NEVER_IMPORTS
    )
    assert wrong == []


def test_core_imports_no_other_app_and_no_two_apps_import_each_other() -> None:
    edges = _app_edges()
    assert {other for other, _ in edges.get("core", set())} == set()
    mutual = sorted(
        (app, other)
        for app, targets in edges.items()
        for other, _ in targets
        if app < other and any(back == app for back, _ in edges.get(other, set()))
    )
    assert mutual == []


def test_no_module_level_import_circle() -> None:
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for module, (_app, tree) in modules.items():
        for node in tree.body:
            for name in _imported(node):
                while name and name not in modules:
                    name = name.rpartition(".")[0]
                if name and name != module:
                    graph[module].add(name)
    # Tarjan's strongly connected components, iteratively.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = 0
    for root in list(modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    circles.append(sorted(component))
    assert circles == []
