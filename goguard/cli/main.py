"""The `goguard` console script."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

import click

from goguard import __version__
from goguard.frontend.loader import PatternError, expand
from goguard.output import names as format_names
from goguard.rules import (
    RuleError,
    all_rules,
    get_rule,
    resolve_selector,
    unknown_selector,
)


def _rules_or_exit():
    try:
        return all_rules()
    except RuleError as e:
        # Not a finding (1): the installation itself is broken.
        click.echo(f"goguard: error: invalid rule registry: {e}", err=True)
        sys.exit(2)


def _selection(values: tuple[str, ...], option: str) -> set[str]:
    """The codes `--select` / `--ignore` name; a prefix selects opt-in rules only for
    `--ignore` (`--select` turns one on only by naming it)."""
    codes: set[str] = set()
    for value in values:
        for item in value.split(","):
            item = item.strip()
            if not item:
                continue
            rules = resolve_selector(item, include_off=option != "--select")
            if not rules:
                raise click.BadParameter(unknown_selector(item), param_hint=option)
            codes.update(r.code for r in rules)
    return codes


# Exit statuses every command keeps (README, `goguard check --help`).
EXIT_FINDINGS, EXIT_USAGE, EXIT_FAILED = 1, 2, 3


class _Guarded(click.Group):
    """Any exception goguard did not expect, anywhere in a command, is one line naming
    what failed and where to report it, and exit status 3: never a traceback, never
    the 1 of "findings" nor the 0 of a pass."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # A reader that stops early (`| head`): not goguard's failure.
            sys.stderr.close()
            sys.exit(EXIT_FINDINGS)
        except Exception as e:  # noqa: BLE001
            from goguard.engine import internal_error

            click.echo(f"goguard: error: {internal_error('goguard ' + (ctx.invoked_subcommand or ''), e)}",
                       err=True)
            sys.exit(EXIT_FAILED)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goguard")
def main() -> None:
    """goguard: finds crash-class bugs in Go source (nil map writes, nil *[]byte
    dereferences, unsafe slice misuse) without a Go toolchain."""


@main.command()
@click.argument("patterns", nargs=-1)
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:FILE]",
              help="Output format: text (go vet style, the default), json, sarif (SARIF 2.1.0 for GitHub "
                   "code scanning), github (workflow commands that annotate a pull request), gitlab "
                   "(GitLab Code Quality) or checkstyle (XML for reviewdog, Jenkins). Repeat it for several "
                   "outputs in one run, each FORMAT:FILE but one, which goes to standard output (or --output).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the format given without a file to FILE instead of standard output.")
@click.option("--stdin-filename", metavar="PATH", default=None,
              help="With the pattern '-': analyse standard input as the file PATH (an editor's unsaved "
                   "buffer), the rest of its package read from disk.")
@click.option("--new-from-rev", metavar="REV", default=None,
              help="Report only findings on lines added or changed since the git revision REV "
                   "(committed or not), or whose flow starts there.")
@click.option("--new-from-patch", metavar="FILE", type=click.Path(dir_okay=False), default=None,
              help="Report only findings on lines that the unified diff FILE adds or changes.")
@click.option("--fix", "apply_fixes", is_flag=True,
              help="Apply the safe fixes findings carry (marked [*]); report what is left.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the fixes --fix would apply as a unified diff, and change nothing.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, also apply fixes that change what the program can observe "
                   "(a returned nil map becomes an empty one).")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (codes, names or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Leave out these rules.")
@click.option("--tests/--no-tests", "tests", default=None,
              help="Include _test.go files (the default) or leave them out.")
@click.option("--include-generated/--no-include-generated", default=None,
              help="Also analyse files marked '// Code generated ... DO NOT EDIT.' (default: no).")
@click.option("--go-version", metavar="X.Y", default=None, help="The Go version of the code (overrides go.mod).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Read this configuration file instead of the one found from the current folder "
                   "(goguard.toml, .goguard.toml or pyproject.toml's [tool.goguard]).")
@click.option("--show-suppressed", is_flag=True,
              help="Also list findings that a //goguard:ignore or //nolint:goguard directive suppresses.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Record today's findings in this baseline file and exit 0.")
@click.option("--color", "color_mode", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour text output (auto: only on a terminal, and not when NO_COLOR is set).")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no warnings, no summary.")
@click.option("--statistics", "show_statistics", is_flag=True, help="End with the number of findings per rule.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Parallel worker processes (0: one per core).")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when there are findings (usage errors still exit 2).")
@click.option("--sarif-no-root-uri", is_flag=True,
              help="SARIF: leave the absolute file:// URI of the repository root out of "
                   "originalUriBaseIds, so the log is byte-identical on every machine.")
@click.option("--no-cache", is_flag=True, help="Analyse everything again: neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Keep the result cache here (default: $GOGUARD_CACHE_DIR, else the platform's cache "
                   "folder, e.g. ~/.cache/goguard).")
def check(patterns, formats, output, stdin_filename, new_from_rev, new_from_patch, apply_fixes, show_diff,
          unsafe_fixes, select, ignore, tests,
          include_generated, go_version, config_file, show_suppressed, baseline_file, write_baseline,
          color_mode, quiet, show_statistics, jobs, exit_zero, sarif_no_root_uri, no_cache, cache_dir) -> None:
    """Check Go packages. PATTERNS as for the go tool: ./... (default), dir/..., dir, file.go.

    Options given here override the configuration file.

    \b
    Exit status:
      0  no findings (files left out on purpose, as exclude, generated
         files, vendor/ and testdata/, are not failures)
      1  findings (0 with --exit-zero)
      2  a usage or configuration error, or something could not be checked:
         a file named or matched that cannot be read or is not Go, or no
         rule selected
      3  goguard itself failed (an internal error): please report it"""
    from goguard import baseline
    from goguard.cli import changes, outputs, report
    from goguard.cli.settings import SettingsError, resolve
    from goguard.engine import fault, run
    from goguard.output import render

    rules = _rules_or_exit()

    warn, fail = report.messages(quiet)

    try:
        targets = outputs.parse(formats, output, format_names())
    except outputs.OutputError as e:
        fail(str(e))
    stdout_fmt = next((name for name, path in targets if path is None), None)
    if new_from_rev and new_from_patch:
        fail("--new-from-rev and --new-from-patch cannot be used together")
    if apply_fixes and show_diff:
        fail("--fix and --diff cannot be used together (--diff shows what --fix would change)")
    if unsafe_fixes and not (apply_fixes or show_diff):
        fail("--unsafe-fixes goes with --fix or --diff")
    stdin_data = None
    if stdin_filename is not None or "-" in patterns:
        if stdin_filename is None:
            fail("the pattern '-' reads standard input: name the file it stands for with --stdin-filename")
        if apply_fixes:
            fail("--fix cannot write standard input back: use --diff")
        if list(patterns) != ["-"]:
            fail("--stdin-filename needs the single pattern '-'")
        if not stdin_filename.endswith(".go"):
            fail(f"--stdin-filename: {stdin_filename} is not a .go file")
        stdin_data = sys.stdin.buffer.read()
        patterns = (stdin_filename,)

    try:
        settings = resolve(config_file, {r.code for r in rules if r.meta.default_enabled},
                           _selection(select, "--select") if select else None,
                           _selection(ignore, "--ignore"), tests, include_generated, go_version)
        known = baseline.load(baseline_file) if baseline_file else None
    except (SettingsError, baseline.BaselineError) as e:
        fail(str(e))
    if not settings.codes:
        fail("no rule selected, so nothing would be checked (see `select`/`ignore` in "
             f"{settings.config.path or 'the configuration'} and --select/--ignore)")
    named = settings.patterns(list(patterns))
    skipped = Counter(excluded=len(patterns) - len(named))
    try:
        if stdin_data is not None:
            units = outputs.stdin_units(stdin_filename, named, settings, warn)
        else:
            # Every named file excluded by the configuration: nothing to check.
            units = expand(named or ["./..."], include_tests=settings.tests, excluded=settings.excluded,
                           warn=warn, skipped=skipped) if named or not patterns else []
    except PatternError as e:
        fail(str(e))
    changed = None
    try:
        if new_from_rev:
            changed = changes.from_rev(new_from_rev, os.getcwd())
        elif new_from_patch:
            changed = changes.from_patch(new_from_patch, os.getcwd())
    except changes.ChangesError as e:
        fail(str(e))
    options = settings.options(jobs)
    if stdin_data is not None:
        options.overrides = {os.path.abspath(stdin_filename): stdin_data}
    if not no_cache:
        from goguard import cache

        options.cache_dir = os.path.abspath(cache_dir or cache.default_dir())
    result = run(units, options)
    fault("report")
    if options.cache_dir:
        try:
            cache.trim(options.cache_dir)
        except OSError:
            pass  # a cache that cannot be trimmed costs disk, never the run
    skipped["generated"] += result.generated
    if stdout_fmt != "github":  # there, warnings are annotations on standard output
        for w in result.warnings:
            warn(w)
    found = result.findings
    if changed is not None:
        found = [f for f in found if changes.is_new(f, changed)]
    reported = [f for f in found if f.suppressed is None]
    suppressed = [f for f in found if f.suppressed is not None]
    if write_baseline:
        _exit_if_incomplete(result, skipped)  # a baseline of a run that missed files would hide them
        try:
            n = baseline.write(write_baseline, reported)
        except baseline.BaselineError as e:
            fail(str(e))
        if not quiet:
            click.echo(f"goguard: wrote {n} finding{'' if n == 1 else 's'} to {write_baseline}", err=True)
        sys.exit(0)
    in_baseline: list = []
    if known is not None:
        reported, in_baseline = known.split(reported)
    fixed = 0
    if apply_fixes or show_diff:
        from goguard.cli import fixes

        planned = fixes.plan(fixes.chosen(reported, unsafe_fixes), warn)
        if show_diff:
            _exit_if_incomplete(result, skipped)
            click.echo(fixes.diff(planned), nl=False)
            n = sum(len(v[2]) for v in planned.values())
            if not quiet:
                click.echo(f"{n} fix{'' if n == 1 else 'es'} would be applied to {len(planned)} "
                           f"file{'' if len(planned) == 1 else 's'} (goguard check --fix"
                           f"{' --unsafe-fixes' if unsafe_fixes else ''}).", err=True)
            sys.exit(1 if planned else 0)
        done = fixes.write(planned, warn)
        fixed = len(done)
        reported = [f for f in reported if id(f) not in done]
    shown = sorted(reported + suppressed, key=lambda f: f.sort_key()) if show_suppressed else reported
    color = stdout_fmt == "text" and report.use_color(color_mode, _isatty(sys.stdout))
    for name, path in targets:
        text = render(name, shown, warnings=result.warnings, warn=warn,
                      sarif_root_uri=not sarif_no_root_uri, color=color and path is None)
        if path is None:
            click.echo(text, nl=False, color=color)
            continue
        try:
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write(text)
        except OSError as e:
            click.echo(f"goguard: error: cannot write {path}: {e.strerror or e}", err=True)
            sys.exit(2)
    if show_statistics:
        # On stderr when stdout carries a machine-readable format.
        click.echo(report.statistics(reported, suppressed if show_suppressed else [], color),
                   nl=False, color=color, err=stdout_fmt not in ("text", None))
    if not quiet and any(name == "text" for name, _ in targets):
        click.echo(report.summary(reported, len(suppressed), len(in_baseline), result.files, fixed,
                                  report.skip_note(skipped, result.files)), err=True)
    _exit_if_incomplete(result, skipped)
    sys.exit(EXIT_FINDINGS if reported and not exit_zero else 0)


def _exit_if_incomplete(result, skipped: Counter) -> None:
    """A run in which goguard failed exits 3, one that could not check a file or folder
    it was asked to exits 2, each with a line that says so (after everything else)."""
    for line in result.failures:
        click.echo(f"goguard: error: {line}", err=True)
    if result.failures:
        sys.exit(EXIT_FAILED)
    parts = []
    if result.unchecked:
        from goguard.findings import one_line

        n = len(result.unchecked)
        parts.append(f"{n:,} file{'' if n == 1 else 's'} ({one_line(result.unchecked[0])}{', ...' if n > 1 else ''})")
    if skipped["unreadable folder"]:
        n = skipped["unreadable folder"]
        parts.append(f"{n:,} folder{'' if n == 1 else 's'}")
    if parts:
        click.echo(f"goguard: error: could not check {' and '.join(parts)}: the warnings say why", err=True)
        sys.exit(EXIT_USAGE)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@main.command("triage")
@click.argument("log", required=False, metavar="[FILE]")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--root", type=click.Path(file_okay=False), default=None,
              help="The checkout of the code that crashed (default: the current folder).")
@click.option("--go-version", metavar="X.Y", default=None, help="The Go version of the code (overrides go.mod).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("-q", "--quiet", is_flag=True, help="No warnings.")
def triage_cmd(log, fmt, root, go_version, no_cache, quiet) -> None:
    """Read a Go crash (a panic, fatal error or signal, as logs show it) from FILE or
    standard input, map its frames onto this tree, and say which goguard finding
    explains it, with its fix, or that none does and what the crash means.

    Exit 0 when a crash was read, 1 when the input holds none, 2 on a usage error."""
    from goguard.cli import triage

    _rules_or_exit()
    triage.command(log, fmt, root, go_version, no_cache, quiet)


@main.command("server")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Keep the result cache here (default: as for goguard check).")
def server_cmd(no_cache, cache_dir) -> None:
    """The language server (LSP over stdio), for editors: diagnostics for open Go
    files as they are edited, their fixes and suppressions as code actions, the rule
    pages on hover. Needs the server extra: pip install 'goguard[server]'."""
    try:
        from goguard.lsp import server
    except ImportError as e:
        click.echo(f"goguard: error: goguard server needs pygls ({e}): pip install 'goguard[server]'", err=True)
        sys.exit(EXIT_USAGE)
    from goguard import cache

    _rules_or_exit()
    server.main(None if no_cache else os.path.abspath(cache_dir or cache.default_dir()))


@main.group("cache")
def cache_cmd() -> None:
    """The result cache of warm runs: where it is, how big, and emptying it."""


def _cache_dir(directory: str | None) -> str:
    from goguard import cache

    return os.path.abspath(directory or cache.default_dir())


@cache_cmd.command("info")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="The cache folder to describe.")
def cache_info(cache_dir) -> None:
    """Print the cache folder, its number of entries and their size."""
    from goguard import cache

    d = _cache_dir(cache_dir)
    found = cache.entries(d, (cache.ENTRY_SUFFIX, cache.DECL_SUFFIX))
    size = sum(s for _, s, _ in found)
    n = sum(p.endswith(cache.ENTRY_SUFFIX) for _, _, p in found)
    click.echo(f"cache folder: {_shown(d)} (goguard's files: {_shown(cache.layout(d))})")
    click.echo(f"entries: {n} ({size / (1 << 20):.1f} MB; bound {cache.MAX_BYTES >> 20} MB, "
               f"the oldest removed past it)")


@cache_cmd.command("clean")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="The cache folder to empty.")
def cache_clean(cache_dir) -> None:
    """Remove every entry of the cache: only files goguard wrote there, in the layout
    it keeps (a `goguard-vN` folder marked by a CACHEDIR.TAG); nothing else."""
    from goguard import cache

    d = _cache_dir(cache_dir)
    n = cache.clean(d)
    if n is None:
        click.echo(f"{_shown(d)} holds no cache of goguard's: nothing removed")
        return
    click.echo(f"removed {n} {'entry' if n == 1 else 'entries'} from {_shown(d)}")


def _shown(path: str) -> str:
    from goguard.findings import one_line

    return one_line(os.fsencode(path).decode("utf-8", "backslashreplace"))


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_cmd(fmt) -> None:
    """List the rules."""
    rules = _rules_or_exit()
    if fmt == "json":
        click.echo(json.dumps(
            [{"code": r.code, "name": r.name, "severity": r.severity, "title": r.title,
              "default_enabled": r.meta.default_enabled} for r in rules],
            indent=2))
        return
    for r in rules:
        off = "" if r.meta.default_enabled else "  (off by default: select it by code or name)"
        click.echo(f"{r.code}  {r.name:<28} {r.severity:<8} {r.title}{off}")


@main.command("rule")
@click.argument("code")
def rule_cmd(code) -> None:
    """Print the page of one rule (by code or name)."""
    _rules_or_exit()
    r = get_rule(code)
    if r is None:
        click.echo(f"goguard: error: unknown rule {code!r} (see 'goguard rules')", err=True)
        sys.exit(2)
    click.echo(r.page(), nl=False)


@main.command("docs", hidden=True)
@click.argument("extra", nargs=-1)
@click.option("-o", "--output", "directory", type=click.Path(file_okay=False), default=None,
              help="The folder to write the rule pages into (e.g. docs/rules).")
@click.option("--check", "check_only", is_flag=True, help="Exit 1, naming each page, when a page is stale.")
def docs_cmd(extra, directory, check_only) -> None:
    """Regenerate the rule pages in the folder named by --output from the registry."""
    from goguard.cli import docs

    _rules_or_exit()
    if extra:
        r = get_rule(extra[0])
        hint = f"to read one rule's page, run 'goguard rule {r.code}'" if r is not None else \
            "name the folder to write with --output"
        click.echo(f"goguard: error: goguard docs takes no arguments: {hint}", err=True)
        sys.exit(2)
    if directory is None:
        click.echo("goguard: error: goguard docs writes every rule's page: name the folder with --output "
                   "(e.g. --output docs/rules)", err=True)
        sys.exit(2)
    if check_only:
        problems = docs.stale(directory)
        for p in problems:
            click.echo(f"goguard: {p} (run 'goguard docs --output {directory}')", err=True)
        sys.exit(1 if problems else 0)
    try:
        written = docs.write(directory)
    except docs.DocsError as e:
        click.echo(f"goguard: error: {e}", err=True)
        sys.exit(2)
    for path in written:
        click.echo(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
