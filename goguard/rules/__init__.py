"""The rule registry: every module in this package that declares META is a rule.

Codes, names and pages are validated when the registry loads, so a rule with a bad
page cannot ship (a test loads the registry).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from goguard.rules.base import Rule, RuleError, RuleMeta, validate

__all__ = ["Rule", "RuleMeta", "RuleError", "all_rules", "default_codes", "get_rule", "resolve_selector",
           "unknown_selector"]


@lru_cache(maxsize=None)
def _load() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name == "base" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        meta = getattr(module, "META", None)
        if not isinstance(meta, RuleMeta):
            continue
        rule = Rule(meta, getattr(module, "check"), module.__doc__ or "")
        validate(rule)
        if meta.code in seen_codes:
            raise RuleError(f"rule code {meta.code} declared twice ({seen_codes[meta.code]}, {info.name})")
        if meta.name in seen_names:
            raise RuleError(f"rule name {meta.name} declared twice ({seen_names[meta.name]}, {info.name})")
        seen_codes[meta.code] = info.name
        seen_names[meta.name] = info.name
        rules.append(rule)
    return tuple(sorted(rules, key=lambda r: r.code))


def all_rules() -> tuple[Rule, ...]:
    return _load()


def get_rule(code_or_name: str) -> Rule | None:
    key = code_or_name.strip()
    for r in _load():
        if r.code == key.upper() or r.name == key.lower():
            return r
    return None


def default_codes() -> frozenset[str]:
    """The codes of the rules that run when nothing selects rules."""
    return frozenset(r.code for r in _load() if r.meta.default_enabled)


def unknown_selector(selector: str) -> str:
    """Why a selector selects nothing, for an error message."""
    off = resolve_selector(selector, include_off=True)
    if off:
        return (f"{selector!r} matches only rules that are off by default; select them by code or name: "
                f"{', '.join(r.code for r in off)}")
    hint = suggestion(selector)
    return f"unknown rule code, name or prefix {selector!r}" + (f"; did you mean {hint}?" if hint else "")


def suggestion(selector: str) -> str | None:
    """The closest rule to a misspelt code or name, as `GG101 (nil-map-write)`."""
    import difflib

    rules = all_rules()
    by_key = {r.code.lower(): r for r in rules} | {r.name.lower(): r for r in rules}
    close = difflib.get_close_matches(selector.strip().lower(), list(by_key), n=1, cutoff=0.75)
    if not close:
        return None
    r = by_key[close[0]]
    return f"{r.code} ({r.name})"


def resolve_selector(selector: str, include_off: bool = False) -> list[Rule]:
    """Rules named by a code (GG101), a name (nil-map-write) or a code prefix (GG1, GG,
    ALL). A prefix selects opt-in rules (off by default) only with `include_off` (as for
    `ignore`); naming one exactly always selects it."""
    s = selector.strip()
    exact = get_rule(s)
    if exact is not None:
        return [exact]
    up = s.upper()
    if up.startswith("GG") and up[2:].isdigit() or up == "GG" or up == "ALL":
        return [r for r in _load() if (up == "ALL" or r.code.startswith(up))
                and (include_off or r.meta.default_enabled)]
    return []
