"""Where `goguard check` writes: one or more formats (`--format sarif:out.sarif
--format text`, as golangci-lint allows), and the units of a run on standard input."""

from __future__ import annotations

import os

from goguard.frontend.loader import Unit, display_path, expand


class OutputError(Exception):
    """A bad --format or --output: a usage error (exit 2)."""


def parse(values: tuple[str, ...], output: str | None, known: list[str]) -> list[tuple[str, str | None]]:
    """(format, file or None for standard output) per --format; `--output` is the file
    of the one format given without a file."""
    targets: list[tuple[str, str | None]] = []
    for value in values or ("text",):
        name, sep, path = value.partition(":")
        if name not in known:
            raise OutputError(f"--format: unknown format {name!r}; choose from {', '.join(known)}")
        if sep and not path:
            raise OutputError(f"--format {value}: give a file after the colon, or leave the colon out")
        targets.append((name, path if sep else None))
    bare = [i for i, (_, p) in enumerate(targets) if p is None]
    if len(bare) > 1:
        raise OutputError("only one --format can write to standard output; give the others a file, "
                          "e.g. --format sarif:goguard.sarif")
    if output is not None:
        if not bare:
            raise OutputError("--output names the file of the --format given without one; every --format "
                              "here has its file")
        i = bare[0]
        targets[i] = (targets[i][0], output)
    files = [p for _, p in targets if p is not None]
    if len(set(map(os.path.abspath, files))) < len(files):
        raise OutputError("two --format outputs name the same file")
    return targets


def stdin_units(stdin_filename: str, named: list[str], settings, warn) -> list[Unit]:
    """The unit of the file that standard input stands for: its folder's other files
    for declarations, it alone reported on. Neither the file nor its folder need exist
    on disk (a new, unsaved buffer of a new package): then it is analysed alone."""
    path = os.path.abspath(stdin_filename)
    if not named:  # excluded by the configuration
        return []
    if os.path.isfile(path):
        return expand([stdin_filename], include_tests=settings.tests, excluded=settings.excluded, warn=warn)
    folder = os.path.dirname(path)
    units = expand([folder], include_tests=settings.tests, excluded=settings.excluded,
                   warn=lambda m: None) if os.path.isdir(folder) else []
    unit = units[0] if units else Unit(folder)
    unit.files.append((display_path(path, os.getcwd()), path))
    unit.report = {path}
    return [unit]
