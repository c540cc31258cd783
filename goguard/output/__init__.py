"""Output formats. Each takes the run's findings and returns the text to print."""

from __future__ import annotations

from typing import Callable

from goguard.findings import Finding

FORMATS: dict[str, Callable[..., str]] = {}


def formatter(name: str):
    def register(fn):
        FORMATS[name] = fn
        return fn

    return register


def render(name: str, findings: list[Finding], **context) -> str:
    _load()
    return FORMATS[name](findings, **context)


def names() -> list[str]:
    _load()
    return sorted(FORMATS)


def _load() -> None:
    from goguard.output import checkstyle, github, gitlab, json_format, sarif, text  # noqa: F401
