"""The `goguard` console script."""

from __future__ import annotations

import json
import os
import sys

import click

from goguard import __version__
from goguard.frontend.loader import PatternError, expand
from goguard.output import names as format_names
from goguard.rules import RuleError, all_rules, get_rule, resolve_selector


def _rules_or_exit():
    try:
        return all_rules()
    except RuleError as e:
        raise click.ClickException(f"invalid rule registry: {e}")


def _selection(values: tuple[str, ...], option: str) -> set[str]:
    codes: set[str] = set()
    for value in values:
        for item in value.split(","):
            item = item.strip()
            if not item:
                continue
            rules = resolve_selector(item)
            if not rules:
                raise click.BadParameter(f"unknown rule code, name or prefix {item!r}", param_hint=option)
            codes.update(r.code for r in rules)
    return codes


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goguard")
def main() -> None:
    """goguard: finds crash-class bugs in Go source (nil map writes, nil *[]byte
    dereferences, unsafe slice misuse) without a Go toolchain."""


@main.command()
@click.argument("patterns", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(format_names()), default="text", show_default=True,
              help="Output format: text (go vet style), json, sarif (SARIF 2.1.0 for GitHub code "
                   "scanning) or github (workflow commands that annotate a pull request).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write findings to FILE instead of standard output.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (codes, names or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Leave out these rules.")
@click.option("--no-tests", is_flag=True, help="Leave out _test.go files.")
@click.option("--include-generated", is_flag=True, help="Also analyse files marked '// Code generated ... DO NOT EDIT.'.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Parallel worker processes (0: one per core).")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when there are findings (usage errors still exit 2).")
@click.option("--sarif-no-root-uri", is_flag=True,
              help="SARIF: leave the absolute file:// URI of the repository root out of "
                   "originalUriBaseIds, so the log is byte-identical on every machine.")
def check(patterns, fmt, output, select, ignore, no_tests, include_generated, jobs, exit_zero,
          sarif_no_root_uri) -> None:
    """Check Go packages. PATTERNS as for the go tool: ./... (default), dir/..., dir, file.go."""
    from goguard.engine import Options, run
    from goguard.output import render

    rules = _rules_or_exit()
    codes = _selection(select, "--select") if select else {r.code for r in rules}
    codes -= _selection(ignore, "--ignore")

    def warn(msg: str) -> None:
        click.echo(f"goguard: warning: {msg}", err=True)

    try:
        units = expand(list(patterns) or ["./..."], include_tests=not no_tests, warn=warn)
    except PatternError as e:
        click.echo(f"goguard: error: {e}", err=True)
        sys.exit(2)
    options = Options(rules=tuple(sorted(codes)), include_generated=include_generated, jobs=jobs)
    result = run(units, options)
    for w in result.warnings:
        warn(w)
    text = render(fmt, result.findings, warnings=result.warnings, warn=warn,
                  sarif_root_uri=not sarif_no_root_uri)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as e:
            click.echo(f"goguard: error: cannot write {output}: {e.strerror or e}", err=True)
            sys.exit(2)
    else:
        click.echo(text, nl=False)
    failed = any(f.suppressed is None for f in result.findings)
    sys.exit(1 if failed and not exit_zero else 0)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_cmd(fmt) -> None:
    """List the rules."""
    rules = _rules_or_exit()
    if fmt == "json":
        click.echo(json.dumps(
            [{"code": r.code, "name": r.name, "severity": r.severity, "title": r.title} for r in rules],
            indent=2))
        return
    for r in rules:
        click.echo(f"{r.code}  {r.name:<28} {r.severity:<8} {r.title}")


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


if __name__ == "__main__":  # pragma: no cover
    main()
