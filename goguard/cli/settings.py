"""The settings of one `goguard check` run: the configuration file, overridden by
command-line flags.

Rule selection is layered as in ruff: the file's `select` (or every rule) less its
`ignore`; then, if the command line has `--select`, that replaces the selection, and
the command line's `--ignore` is taken away from whatever is selected. Every other
flag (`--tests/--no-tests`, `--include-generated`, `--go-version`) replaces the file's
value; `exclude`, `per-file-ignores` and `severity` come from the file only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from goguard.config import (
    Config,
    ConfigError,
    PathMatcher,
    discover,
    load,
    parse_go_version,
)


class SettingsError(Exception):
    """A bad configuration file or flag value: exit 2 with this message."""


@dataclass
class Settings:
    config: Config
    codes: set[str]
    tests: bool = True
    include_generated: bool = False
    go_version: tuple[int, int] | None = None
    severity: dict[str, str] = field(default_factory=dict)
    excluded: Callable[[str], bool] = lambda path: False  # takes display paths
    per_file_ignores: tuple[tuple[PathMatcher, frozenset[str]], ...] = ()

    def options(self, jobs: int):
        from goguard.engine import Options

        return Options(rules=tuple(sorted(self.codes)), include_generated=self.include_generated,
                       severity=dict(self.severity), go_version=self.go_version, jobs=jobs,
                       per_file_ignores=self.per_file_ignores)

    def patterns(self, patterns: list[str]) -> list[str]:
        """The patterns less the .go files named in them that `exclude` matches, so
        that a hook handing over every staged file still honours `exclude`."""
        return [p for p in patterns if not (p.endswith(".go") and self.excluded(p))]


def resolve(
    config_file: str | None,
    all_codes: set[str],
    select: set[str] | None,
    ignore: set[str],
    tests: bool | None,
    include_generated: bool | None,
    go_version: str | None,
    start: str | None = None,
) -> Settings:
    """Settings from the configuration (`config_file`, or the one found from `start`,
    by default the current folder) and the flags; None for a flag that was not given."""
    try:
        cfg = load(config_file) if config_file else discover(start)
    except ConfigError as e:
        raise SettingsError(str(e)) from e
    codes = set(cfg.select) if cfg.select is not None else set(all_codes)
    codes -= set(cfg.ignore or ())
    if select is not None:
        codes = set(select)
    codes -= ignore
    version = cfg.go_version
    if go_version is not None:
        version = parse_go_version(go_version)
        if version is None:
            raise SettingsError(f"--go-version: expected a Go version such as 1.22, not {go_version!r}")
    s = Settings(
        config=cfg,
        codes=codes,
        tests=tests if tests is not None else (cfg.tests if cfg.tests is not None else True),
        include_generated=(include_generated if include_generated is not None
                           else bool(cfg.include_generated)),
        go_version=version,
        severity=dict(cfg.severity),
    )
    if cfg.exclude:
        matcher = PathMatcher.of(cfg.root, cfg.exclude)
        s.excluded = lambda path: matcher(os.path.abspath(path))
    s.per_file_ignores = tuple(
        (PathMatcher.of(cfg.root, [glob]), codes) for glob, codes in cfg.per_file_ignores.items()
    )
    return s
