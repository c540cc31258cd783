"""Shared analyses, computed once per function and requested by name.

A rule asks `pass_.result("cfg", fn)`; the first request builds the result and every
later request (from any rule) gets the same object, the way go/analysis passes
results through `Requires`. An analysis never reports; rules do.
"""

from __future__ import annotations

from typing import Any, Callable

_ANALYSES: dict[str, Callable[..., Any]] = {}
# Tree-sitter queries whose matches an analysis reads (`pass_.file_matches[name]`),
# run in the engine's one traversal per file when a rule lists them in `uses`.
FILE_QUERIES: dict[str, str] = {}


def file_query(name: str, source: str) -> str:
    FILE_QUERIES[name] = source
    return source


def analysis(name: str):
    """Register `fn(pass_, function_node)` as the analysis `name`."""

    def register(fn):
        _ANALYSES[name] = fn
        return fn

    return register


def get(name: str) -> Callable[..., Any]:
    fn = _ANALYSES.get(name)
    if fn is None:
        _load()  # importing a rule may have registered some analyses, not all
        fn = _ANALYSES.get(name)
    if fn is None:
        raise KeyError(f"no analysis named {name!r}")
    return fn


def file_queries() -> dict[str, str]:
    """Every registered file query, by name (loading the analyses that declare them)."""
    _load()
    return FILE_QUERIES


_loaded = False


def _load() -> None:
    # Importing the modules registers them: every module of this package, and the
    # front end's scope model.
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib
    import pkgutil

    importlib.import_module("goguard.frontend.scopes")
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
