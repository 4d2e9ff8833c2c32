#!/usr/bin/env python
"""The static import graph of a package: which module imports which, and the cycles in it.

    python scripts/import_graph.py [--root pipeline] [--json OUT] [--packages]

Every ``import`` statement counts, wherever it is written: at module level and inside functions
(a "lazy" import inside a function is still a dependency, and still closes a cycle). Imports only
done through ``importlib`` with a string (the registries' "module:Class" entries) are not static
and do not count. ``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else to
``pkg`` (its ``__init__``). Cycles are the strongly connected components with more than one module.
"""
from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path


def modules(root: Path) -> dict[str, Path]:
    """Dotted name -> file, for every .py file under the package folder `root`."""
    out = {}
    for p in sorted(root.rglob("*.py")):
        parts = list(p.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _targets(name: str, is_pkg: bool, node: ast.AST, known: dict[str, Path]) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    assert isinstance(node, ast.ImportFrom)
    if node.level:
        base = name.split(".") if is_pkg else name.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    return [f"{target}.{a.name}" if f"{target}.{a.name}" in known else target for a in node.names]


def graph(root: Path) -> dict[str, set[str]]:
    """module -> the modules of the same package it imports (any import statement in its source)."""
    known = modules(root)
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        deps: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for t in _targets(name, path.name == "__init__.py", node, known):
                    if t in known and t != name:
                        deps.add(t)
        edges[name] = deps
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "(root)"


def package_graph(edges: dict[str, set[str]]) -> dict[str, list[str]]:
    """First-level package (or top-level module) -> the ones it imports."""
    out: dict[str, set[str]] = {}
    for m, deps in edges.items():
        for d in deps:
            a, b = package_of(m), package_of(d)
            if a != b:
                out.setdefault(a, set()).add(b)
    return {k: sorted(v) for k, v in sorted(out.items())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=str(Path(__file__).resolve().parents[1] / "pipeline"))
    ap.add_argument("--json", help="write {cycles, packages, modules} here")
    ap.add_argument("--packages", action="store_true", help="print the package-level graph")
    args = ap.parse_args(argv)
    edges = graph(Path(args.root))
    found = cycles(edges)
    pkgs = package_graph(edges)
    for c in found:
        print(f"cycle of {len(c)} modules: {', '.join(c)}")
    if not found:
        print(f"no import cycle among {len(edges)} modules")
    if args.packages:
        for a, bs in pkgs.items():
            print(f"{a} -> {', '.join(bs)}")
    if args.json:
        Path(args.json).write_text(json.dumps({"modules": len(edges), "cycles": found, "packages": pkgs},
                                              indent=2) + "\n", encoding="utf-8")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
