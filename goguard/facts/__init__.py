"""Package facts: what holds for a whole package, computed once from all its files and
requested by name (`pass_.fact("never-set-fields")`), the way go/analysis passes
package facts. A fact is cached with its package; a rule or an analysis reads it and
never re-walks the package itself.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, Callable

_FACTS: dict[str, Callable[..., Any]] = {}
_loaded = False


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
