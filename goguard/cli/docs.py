"""The rule pages under docs/rules/, generated from the registry.

`goguard docs --write docs/rules` regenerates them; `goguard docs --check docs/rules`
exits 1 naming each page that is stale, missing, or left over from a removed rule (a
test runs the same check). Each page is `Rule.page()`, the text `goguard rule CODE`
prints; README.md there is the index.
"""

from __future__ import annotations

import os
import re

from goguard.rules import all_rules

INDEX = "README.md"
_PAGE = re.compile(r"^GG[0-9]{3}\.md$")


def pages() -> dict[str, str]:
    """File name -> content for every generated file."""
    rules = all_rules()
    out = {f"{r.code}.md": r.page() for r in rules}
    rows = "".join(f"| [{r.code}]({r.code}.md) | `{r.name}` | {r.severity} | {r.title} |\n" for r in rules)
    out[INDEX] = (
        "# Rules\n\n"
        "Generated from the rule modules by `goguard docs docs/rules`; do not edit.\n\n"
        "| Code | Name | Default severity | Title |\n|---|---|---|---|\n" + rows
    )
    return out


def stale(directory: str) -> list[str]:
    """What is out of date in `directory`, one line each; empty when it is current."""
    problems = []
    for name, content in sorted(pages().items()):
        path = os.path.join(directory, name)
        try:
            with open(path, encoding="utf-8") as fh:
                current = fh.read()
        except OSError:
            problems.append(f"{path}: missing")
            continue
        if current != content:
            problems.append(f"{path}: stale")
    wanted = pages()
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        names = []
    problems.extend(f"{os.path.join(directory, n)}: no such rule" for n in names
                    if _PAGE.match(n) and n not in wanted)
    return problems


def write(directory: str) -> list[str]:
    """Regenerates the pages (and removes those of rules that no longer exist);
    returns the paths written or removed."""
    os.makedirs(directory, exist_ok=True)
    changed = []
    wanted = pages()
    for name, content in sorted(wanted.items()):
        path = os.path.join(directory, name)
        try:
            with open(path, encoding="utf-8") as fh:
                if fh.read() == content:
                    continue
        except OSError:
            pass
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(content)
        changed.append(path)
    for n in sorted(os.listdir(directory)):
        if _PAGE.match(n) and n not in wanted:
            os.remove(os.path.join(directory, n))
            changed.append(os.path.join(directory, n))
    return changed
