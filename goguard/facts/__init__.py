"""Package facts: what holds for a whole package, computed once from all its files and
requested by name (`pass_.fact("never-set-fields")`), the way go/analysis passes
package facts. A fact is cached with its package; a rule or an analysis reads it and
never re-walks the package itself.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable

_FACTS: dict[str, Callable[..., Any]] = {}
_loaded = False


@dataclass
class NilByName:
    """A fact's verdicts by name (a field, a variable): name -> (kind of nil, file path,
    line of the declaration)."""

    entries: dict[str, tuple[str, str, int]] = field(default_factory=dict)

    def kind(self, name: str) -> str | None:
        got = self.entries.get(name)
        return got[0] if got is not None else None

    def where(self, name: str) -> str:
        _, path, line = self.entries[name]
        return f"{path}:{line}"


def per_function(pass_, name: str, decl, file, compute: Callable, unknown: Any, stack: str, depth: int) -> Any:
    """A summary `name` of one function declaration of pass_'s package, computed once
    by `compute(file_pass, decl)` and cached with the package. Summaries that ask
    others (callees) share a `stack`: recursion, or more than `depth` levels, gives
    `unknown`, not cached as the answer."""
    package = pass_.package
    key = (name, file.abspath, decl.id)
    if key in package.facts:
        return package.facts[key]
    asking = package.facts.setdefault((stack,), [])
    if key in asking or len(asking) >= depth:
        return unknown
    asking.append(key)
    try:
        got = compute(pass_.for_file(file), decl)
    finally:
        asking.pop()
    package.facts[key] = got
    return got


def fact(name: str):
    """Register `fn(package)` as the package fact `name`."""

    def register(fn):
        _FACTS[name] = fn
        return fn

    return register


def get(package, name: str) -> Any:
    """The fact `name` of a package, computed on first request."""
    key = ("fact", name)
    if key not in package.facts:
        package.facts[key] = _compute(name)(package)
    return package.facts[key]


def _compute(name: str) -> Callable[..., Any]:
    global _loaded
    if not _loaded:
        _loaded = True
        for info in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{info.name}")
    fn = _FACTS.get(name)
    if fn is None:
        raise KeyError(f"no package fact named {name!r}")
    return fn
