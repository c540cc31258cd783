"""The `goguard triage` command: read a crash from a log, say what explains it.

Exit status: 0 when the input held a Go crash (explained or not: the verdict is the
output), 1 when it held none, 2 on a usage error (an unreadable file, a bad flag or
configuration)."""

from __future__ import annotations

import json
import os
import sys

import click

from goguard.findings import one_line
from goguard.frontend.loader import display_path, expand
from goguard.triage import traces
from goguard.triage.explain import Verdict, triage
from goguard.triage.tree import TooLarge, Tree


def read_input(path: str | None, warn) -> str:
    """The log's text; TraceError with a message when it cannot be read as one."""
    try:
        if path is None or path == "-":
            data, cut = traces.read_tail(sys.stdin.buffer)
            name = "standard input"
        else:
            with open(path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size > traces.MAX_BYTES:
                    fh.seek(size - traces.MAX_BYTES)
                data, cut = traces.read_tail(fh)
                cut = cut or size > traces.MAX_BYTES
            name = path
    except OSError as e:
        raise traces.TraceError(f"cannot read {path}: {e.strerror or e}") from e
    if cut:
        warn(f"{name} is larger than {traces.MAX_BYTES >> 20} MB: only its last "
             f"{traces.MAX_BYTES >> 20} MB are read")
    return traces.decode(data)


class Analyser:
    """Findings per package folder, each folder analysed once, with the rules asked for."""

    def __init__(self, options_for, cwd: str) -> None:
        self.options_for = options_for
        self.cwd = cwd
        self.done: dict[tuple[str, tuple[str, ...]], list] = {}

    def __call__(self, directory: str, codes: tuple[str, ...]) -> list:
        from goguard.engine import run

        key = (directory, codes)
        if key not in self.done:
            units = expand([directory], cwd=self.cwd)
            self.done[key] = run(units, self.options_for(codes)).findings if units else []
        return self.done[key]


def _where(v: Verdict, cwd: str) -> str:
    loc = v.frame
    if loc is None:
        return ""
    return f"{display_path(loc.abspath, cwd)}:{loc.frame.line} in {one_line(loc.frame.function)}"


def _fix_diff(finding, warn) -> str:
    if finding.fix is None:
        return ""
    from goguard.cli import fixes

    return fixes.diff(fixes.plan([finding], warn))


def render_text(verdicts: list[Verdict], cwd: str) -> str:
    out = []
    for n, v in enumerate(verdicts):
        if n:
            out.append("")
        c = v.crash
        where = f"goroutine {c.goroutine}" if c.goroutine is not None else "no goroutine trace"
        out.append(f"crash: {one_line(c.headline())} ({where}; input line {c.at_line})")
        if v.frame is not None:
            out.append(f"frame: {_where(v, cwd)}")
        elif c.frames:
            inner = next((f for f in c.frames if not f.created_by), c.frames[0])
            out.append(f"innermost frame: {one_line(inner.file)}:{inner.line} in {one_line(inner.function)}")
        if v.explained:
            f = v.finding
            at = "" if v.explained_at is v.frame else \
                f" (at the caller's frame {display_path(v.explained_at.abspath, cwd)}:{v.explained_at.frame.line})"
            out.append(f"explained by {f.code} {f.name}{at}:")
            out.append(f"  {f.text()}" + (f" [suppressed: {f.suppressed}]" if f.suppressed is not None else ""))
            for step in f.flow:
                out.append(f"    {step.path}:{step.line}:{step.column}: {step.note}")
            if f.fix is not None:
                how = "goguard check --fix" if f.fix.safe else "goguard check --fix --unsafe-fixes"
                out.append(f"fix ({'safe' if f.fix.safe else 'unsafe'}; {how} {f.path}): {f.fix.description}")
                if v.fix_diff:
                    out.extend("  " + line for line in v.fix_diff.rstrip("\n").split("\n"))
            out.append(f"rule page: goguard rule {f.code}")
            continue
        out.append(f"no goguard finding explains this: {one_line(v.reason)}.")  # it quotes the trace
        cls = v.cls
        out.append(f"what it means ({cls.title}): {cls.meaning}")
        if cls.causes:
            out.append("usual causes:")
            out.extend(f"  - {cause}" for cause in cls.causes)
        if cls.beyond:
            out.append(f"beyond static analysis: {cls.beyond}")
    return "\n".join(out) + "\n"


def render_json(verdicts: list[Verdict], cwd: str) -> str:
    items = []
    for v in verdicts:
        c = v.crash
        item = {
            "crash": {"kind": c.kind, "message": c.message, "signal": c.signal, "signal_code": c.signal_code,
                      "address": c.address, "goroutine": c.goroutine, "input_line": c.at_line,
                      "nested_panics": c.nested, "frames": [f.to_json() for f in c.frames],
                      "frames_elided": c.elided},
            "class": v.cls.to_json(),
            "status": v.status,
            "explained": v.explained,
            "reason": v.reason,
            "frame": None,
            "finding": None,
            "fix_diff": v.fix_diff or None,
        }
        if v.frame is not None:
            item["frame"] = {"path": display_path(v.frame.abspath, cwd), "line": v.frame.frame.line,
                             "function": v.frame.frame.function, "declaration": v.frame.declaration}
        if v.finding is not None:
            item["finding"] = v.finding.to_json()
        item["unmapped_frames"] = [{"file": l.frame.file, "line": l.frame.line, "why": l.why}
                                   for l in v.located if l.abspath is None]
        items.append(item)
    return json.dumps({"crashes": items}, indent=2) + "\n"


def command(path, fmt, root, go_version, no_cache, quiet) -> None:
    from goguard.cli import report

    warn, fail = report.messages(quiet)

    from goguard.cli.settings import SettingsError, resolve
    from goguard.config import find

    if root is not None and not os.path.isdir(root):
        fail(f"--root: {root} is not a folder")
    try:
        # The checkout's own configuration (its go version), found from --root when given.
        settings = resolve(find(os.path.abspath(root)) if root else None, set(), None, set(), True, True,
                           go_version)
    except SettingsError as e:
        fail(str(e))
    try:
        text = read_input(path, warn)
    except traces.TraceError as e:
        fail(str(e))
    crashes = traces.parse(text)
    if not crashes:
        click.echo("goguard: no Go crash found in the input (looked for 'panic:', 'fatal error:', "
                   "'unexpected fault address' and signal lines such as 'SIGILL: ...')", err=True)
        sys.exit(1)
    cwd = os.getcwd()
    try:
        tree = Tree(root or cwd, warn)
    except TooLarge as e:
        fail(str(e))

    def options_for(codes):
        from goguard import cache

        options = settings.options(1)
        options.rules = tuple(sorted(codes))
        options.per_file_ignores = ()
        if not no_cache:
            options.cache_dir = os.path.abspath(cache.default_dir())
        return options

    analyse = Analyser(options_for, cwd)
    verdicts = []
    for crash in crashes:
        v = triage(crash, tree, analyse)
        if v.finding is not None:
            v.fix_diff = _fix_diff(v.finding, warn)
        verdicts.append(v)
    render = render_json if fmt == "json" else render_text
    click.echo(render(verdicts, cwd), nl=False)
    sys.exit(0)
