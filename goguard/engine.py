"""The driver: reads and parses a unit's files, runs the enabled rules on each file
and collects findings and warnings. Units are analysed in parallel processes."""

from __future__ import annotations

import bisect
import gc
import multiprocessing
import os
import re
import traceback
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterable

from tree_sitter import Node

from goguard import ISSUES, analyses, cache, facts, suppress
from goguard.findings import Finding, Fix, FlowStep, one_line
from goguard.frontend import module as module_mod
from goguard.frontend import package as package_mod
from goguard.frontend import source as src
from goguard.frontend.loader import Unit, display_path
from goguard.frontend.package import Package, go_mod_version
from goguard.frontend.querying import combined
from goguard.rules import Rule, all_rules

FUNCTION_TYPES = ("function_declaration", "method_declaration", "func_literal")


@dataclass
class Options:
    rules: tuple[str, ...] | None = None  # enabled codes; None: those enabled by default
    include_generated: bool = False
    severity: dict[str, str] = field(default_factory=dict)  # code -> severity override
    go_version: tuple[int, int] | None = None  # overrides go.mod
    jobs: int = 0  # 0: all cores
    # (matcher, codes): the codes do not run on files whose absolute path the matcher
    # (a picklable callable, e.g. goguard.config.PathMatcher) accepts.
    per_file_ignores: tuple[tuple[Any, frozenset[str]], ...] = ()
    # The result cache's folder (goguard.cache); None: no cache (the library's default;
    # the command turns it on).
    cache_dir: str | None = None
    # Contents to use instead of a file's bytes on disk, by absolute path: the editor's
    # unsaved buffer read from stdin (`--stdin-filename`).
    overrides: dict[str, bytes] = field(default_factory=dict)

    def enabled(self) -> list[Rule]:
        if self.rules is None:
            return [r for r in all_rules() if r.meta.default_enabled]
        return [r for r in all_rules() if r.code in self.rules]

    def rules_for(self, abspath: str, rules: list[Rule]) -> list[Rule]:
        """The rules that run on one file: `rules` less its per-file ignores."""
        off: set[str] = set()
        for matcher, codes in self.per_file_ignores:
            if matcher(abspath):
                off |= codes
        return [r for r in rules if r.code not in off] if off else rules


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: int = 0
    # Files asked for that could not be checked at all (unreadable, binary, too large,
    # not Go): the run exits 2. Deliberate skips (generated files) are only counted.
    unchecked: list[str] = field(default_factory=list)
    generated: int = 0
    # goguard itself failed (an internal error, a worker that died): one line each,
    # naming the file or folder; the run exits 3. Never cached.
    failures: list[str] = field(default_factory=list)


_ABSENT = object()
# How many results the parts of a large file keep between them while another part is
# analysed.
_OTHER_PART_RESULTS = 2048


class FilePass:
    """Everything a rule may ask about one file. Shared analyses are cached here."""

    def __init__(self, file: src.SourceFile, package: Package, options: Options) -> None:
        self.file = file
        self.package = package
        self.options = options
        self.findings: list[Finding] = []
        self.warnings: list[str] = []
        self._results: dict[tuple[str, int], Any] = {}
        self._imports: dict[str, str] | None = None
        # Matches of the shared analyses' file queries, from the one traversal.
        self.file_matches: dict[str, list] = {}
        # The file's suppression directives, set once every rule but GG000 has run.
        self.directives: suppress.FileDirectives | None = None

    @classmethod
    def of(cls, file: src.SourceFile, package: Package, options: Options) -> "FilePass":
        """The one pass of a file of a package: shared, so that an analysis another file
        asks for (a callee's result summary) is computed once per function."""
        key = ("pass", file.key)
        fp = package.facts.get(key)
        if fp is None:
            fp = package.facts[key] = cls(file, package, options)
            if file.owned is not None:
                package.facts.setdefault(("part passes",), []).append(fp)
        return fp

    def release(self) -> None:
        """Drop the per-function results once the file is analysed: a package's other
        files may still ask for summaries, which are cached apart, but keeping every
        file's scopes, graphs and nil-ness until the package is done costs memory."""
        self._results.clear()
        self.file_matches.clear()

    def for_file(self, file: src.SourceFile) -> "FilePass":
        return self if file is self.file else FilePass.of(file, self.package, self.options)

    @property
    def imports(self) -> dict[str, str]:
        if self._imports is None:
            self._imports = self.package.imports(self.file)
        return self._imports

    @property
    def go_version(self) -> tuple[int, int] | None:
        """The file's language version: go.mod's `go` line (or the go-version setting,
        which stands in for it), overridden by the file's `//go:build go1.N`, which the
        type checker raises to at least go1.21 (so such a file keeps loop variables
        shared below go1.22)."""
        tagged = self.file.build_go_version
        if tagged is not None:
            return max(tagged, (1, 21))
        return self.options.go_version or self.package.go_version

    def text(self, node: Node) -> str:
        return self.file.text(node)

    def fact(self, name: str) -> Any:
        """A package fact (goguard.facts), computed once per package."""
        return facts.get(self.package, name)

    def result(self, name: str, fn: Node | None = None) -> Any:
        key = (name, fn.id if fn is not None else 0)
        got = self._results.get(key, _ABSENT)
        if got is _ABSENT:
            got = self._results[key] = analyses.get(name)(self, fn)
            if self.file.owned is not None and self.package.facts.get(("current",)) is not self:
                # another part of a large file, asked by a package fact: the parts keep
                # only the latest such results between them, so memory stays bounded by a part
                kept = self.package.facts.setdefault(("other parts' results",), deque())
                kept.append((self, key))
                if len(kept) > _OTHER_PART_RESULTS:
                    other, old = kept.popleft()
                    other._results.pop(old, None)
        return got

    def enclosing_function(self, node: Node) -> Node | None:
        """The innermost function, method or function literal around `node`."""
        return self.file.enclosing_function(node)


class RulePass:
    """A FilePass seen by one rule: `report` knows the rule."""

    def __init__(self, fp: FilePass, rule: Rule) -> None:
        self._fp = fp
        self.rule = rule

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fp, name)

    def report(
        self,
        node: Node | tuple[int, int],
        message: str,
        flow: Iterable[tuple[Node | int, str]] = (),
        fix: Fix | None = None,
    ) -> None:
        """Report `message` at a node (or a (start_byte, end_byte) span); `flow` holds
        (node or byte offset, note) steps in order, from the nil source to this spot;
        `fix`, edits of this file that remove the finding."""
        fp = self._fp
        f = fp.file
        start, end = (node.start_byte, node.end_byte) if isinstance(node, Node) else node
        line, col = f.position(start)
        end_line, end_col = f.position(end)
        steps = []
        for where, note in flow:
            if isinstance(where, tuple):  # (path, line, column) in another file
                steps.append(FlowStep(where[0], where[1], where[2], one_line(note)))
                continue
            off = where.start_byte if isinstance(where, Node) else where
            l, c = f.position(off)
            steps.append(FlowStep(f.path, l, c, one_line(note)))
        meta = self.rule.meta
        fp.findings.append(
            Finding(
                code=meta.code,
                name=meta.name,
                severity=fp.options.severity.get(meta.code, meta.severity),
                path=f.path,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                message=one_line(message),
                flow=tuple(steps),
                abspath=f.abspath,
                fix=fix,
            )
        )


def _deep_ranges(file: src.SourceFile) -> list[tuple[int, int]]:
    """Byte ranges of top-level declarations nested deeper than src.MAX_NESTING."""
    data = file.data
    lo, hi = file.span
    if src.brace_depth(data[lo:hi] if file.owned is not None else data) <= src.MAX_NESTING:
        return []
    return [(d.start_byte, d.end_byte) for d in file.root.children
            if src.brace_depth(data[d.start_byte:d.end_byte]) > src.MAX_NESTING]


class Unreadable(Exception):
    """A file that cannot be checked at all; the message says why."""


GENERATED = object()  # _read's answer for a generated file left out


def _read(display: str, abspath: str, options: Options, warn) -> bytes | None:
    """The bytes to analyse, or None (with a warning) when the file cannot be checked;
    generated files are left out silently (see read_source for the distinction)."""
    try:
        data = read_source(display, abspath, options)
    except Unreadable as e:
        warn(str(e))
        return None
    return None if data is GENERATED else data


def read_source(display: str, abspath: str, options: Options):
    """The bytes to analyse, or GENERATED for a generated file left out; raises
    Unreadable for a file that cannot be checked."""
    if abspath in options.overrides:
        data = options.overrides[abspath]
        if b"\0" in data:
            raise Unreadable(f"{display}: cannot check: binary input (contains NUL bytes)")
        return data
    try:
        size = os.path.getsize(abspath)
        if size > src.MAX_FILE_BYTES:
            raise Unreadable(f"{display}: cannot check: file is larger than {src.MAX_FILE_BYTES >> 20} MB "
                             f"(leave it out with the exclude setting)")
        with open(abspath, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise Unreadable(f"{display}: cannot read file: {e.strerror or e}") from None
    if b"\0" in data:
        raise Unreadable(f"{display}: cannot check: binary file (contains NUL bytes)")
    if not options.include_generated and src.is_generated(data):
        return GENERATED
    return data


def _utf8_error(data: bytes) -> int | None:
    """The byte offset of the first invalid UTF-8 sequence, or None."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start
    return None


def fault(where: str, path: str = "") -> None:
    """A test hook for exit status 3: GOGUARD_FAULT=analysis:<substring> raises an
    internal error while analysing a file whose path holds the substring,
    GOGUARD_FAULT=report once the analysis is done, outside it."""
    spec = os.environ.get("GOGUARD_FAULT")
    if spec:
        name, _, sub = spec.partition(":")
        if name == where and sub in path:
            raise RuntimeError(f"fault injected by GOGUARD_FAULT={spec}")


def internal_error(subject: str, e: BaseException) -> str:
    """The one line of a failure of goguard's own: what failed, the exception and where
    it was raised, and where to report it."""
    tb = traceback.extract_tb(e.__traceback__)
    at = f" [{os.path.basename(tb[-1].filename)}:{tb[-1].lineno} in {tb[-1].name}]" if tb else ""
    return f"{subject}: internal error: {type(e).__name__}: {one_line(str(e))}{at}; please report it at {ISSUES}"


def analyse_unit(unit: Unit, options: Options) -> Result:
    res = Result()
    warn = res.warnings.append
    files: list[src.SourceFile] = []
    wholes: dict[str, src.SourceFile] = {}  # a large file analysed in parts: itself, for its directives
    pending: dict[str, list[tuple[str, str, bytes]]] = {}
    for display, abspath in unit.files:
        report = unit.report is None or abspath in unit.report
        try:
            data = read_source(display, abspath, options)
        except Unreadable as e:
            # A file read only for its declarations is not the user's concern.
            if report:
                warn(str(e))
                res.unchecked.append(display)
            continue
        if data is GENERATED:
            res.generated += report
            continue
        if not report:  # parsed only if the package's declarations are asked for
            pending.setdefault(src.package_name_of(data), []).append((display, abspath, data))
            continue
        try:
            tree, parsed = src.parse_source(data)  # parsed: data, or its normalised copy
            f = src.SourceFile(display, abspath, data, tree, report)
        except Exception as e:  # the parser should not fail, but a run must go on
            res.failures.append(internal_error(f"{display}: parsing", e))
            continue
        if not f.package_name:  # an empty file, or one that is not Go at all
            warn(f"{display}: cannot check: no package clause (not a Go source file)")
            res.unchecked.append(display)
            continue
        bad = _utf8_error(data)
        if bad is not None:
            warn(f"{display}: file is not valid UTF-8 (byte offset {bad}); analysed as bytes")
        plan = src.plan_parts(f) if report else None
        if plan is None:
            files.append(f)
        else:  # the whole tree is freed before the parts are parsed
            f = tree = None
            parts, wholes[abspath] = src.build_parts(display, abspath, data, plan, parsed=parsed)
            files.extend(parts)
    groups: dict[str, list[src.SourceFile]] = {}
    for f in files:
        groups.setdefault(f.package_name, []).append(f)
    version = go_mod_version(unit.dir)
    rules = options.enabled()
    for name, group in sorted(groups.items()):
        pkg = Package(unit.dir, name, group, version, pending.get(name))
        parted: list[Finding] = []  # the findings of a large file's parts so far
        for f in group:
            if not f.report:
                continue
            if f.owned is None or f.owned[0] == 0:
                res.files += 1
            fp = FilePass.of(f, pkg, options)
            pkg.facts[("current",)] = fp
            file_rules = options.rules_for(f.abspath, rules)
            try:
                fault("analysis", f.path)
                analyse_file(fp, file_rules, directives=f.owned is None)
            except RecursionError:
                if f.path not in res.unchecked:
                    warn(f"{f.path}: cannot check: nesting too deep to analyse")
                    res.unchecked.append(f.path)
                fp.findings.clear()
            except Exception as e:
                res.failures.append(internal_error(f.path, e))
                fp.findings.clear()
            # a large file's parts may each warn the same (a nesting limit): once per file
            res.warnings.extend(fp.warnings if f.owned is None else
                                (w for w in fp.warnings if w not in res.warnings))
            fp.release()
            if f.owned is None:
                res.findings.extend(fp.findings)
                continue
            # A part's analyses leave cycles the raised thresholds of a large unit would
            # keep until much later: freed now, before the next part builds its own.
            gc.collect()
            lo, hi = f.owned
            parted.extend(x for x in fp.findings if lo <= f.line_starts[x.line - 1] + x.column - 1 < hi)
            if hi == len(wholes[f.abspath].data):  # the last part: the directives apply to the whole file's findings
                whole = FilePass(wholes[f.abspath], pkg, options)
                whole.findings = parted
                _apply_directives(whole, file_rules, [])
                res.findings.extend(whole.findings)
                parted = []
    return res


def analyse_file(fp: FilePass, rules: list[Rule], directives: bool = True) -> None:
    """Run the rules on a file; then, unless the engine applies them to a whole file
    analysed in parts, its suppression directives and GG000."""
    f = fp.file
    syntax = f.syntax_errors()
    if syntax:  # one warning per file, however many declarations fail
        fp.warnings.append(f.syntax_warning(syntax))
    errors = sorted((a, b) for a, b, _ in syntax)
    deep = _deep_ranges(f)
    if deep:  # skipped like syntax errors: the rest of the file is still analysed
        fp.warnings.append(f"{f.path}: nested more than {src.MAX_NESTING} levels deep; "
                           f"{len(deep)} declaration(s) not analysed")
        errors = sorted(set(errors + deep))

    def in_error(n: Node) -> bool:
        return _in_ranges_at(errors, n.start_byte)

    active = [r for r in rules if r.code != suppress.RULE_CODE  # GG000 runs after the directives
              and (not r.meta.requires or any(b in f.data for b in r.meta.requires))]
    uses = sorted({u for r in active for u in r.meta.uses})
    parts = tuple((r.code, r.meta.query) for r in active if r.meta.query is not None)
    if uses:
        queries = analyses.file_queries()
        parts += tuple((u, queries[u]) for u in uses)
    if parts:
        parts += (("functions", src.FUNCTIONS),)  # for enclosing_function, in the same traversal
    by_owner = combined(parts).run(f.root)
    if parts:
        f.index_functions([n for _, caps in by_owner.get("functions", []) for n in caps.get("fn", [])])
    for u in uses:
        fp.file_matches[u] = by_owner.get(u, [])
    for rule in active:
        if rule.meta.query is None:
            found = []
        else:
            found = by_owner.get(rule.code) or []
            if not found and not rule.meta.every_file:
                continue
            if errors:
                found = [m for m in found if not any(in_error(ns[0]) for ns in m[1].values() if ns)]
                if not found and not rule.meta.every_file:
                    continue
        rule.check(RulePass(fp, rule), found)
        if f.owned is not None:
            _release_other_parts(fp)
    if errors:
        fp.findings[:] = [x for x in fp.findings if not _in_ranges(f, x, errors)]
    if directives:
        _apply_directives(fp, rules, errors)


def _release_other_parts(fp: FilePass) -> None:
    """A rule on one part of a large file may analyse the others' functions (a package
    fact); what it computed there is dropped, to be computed again when that part's
    turn comes: time traded for memory bounded by a part, on files that large only."""
    for other in fp.package.facts.get(("part passes",), ()):
        if other is not fp and other._results:
            other.release()


def _apply_directives(fp: FilePass, rules: list[Rule], errors: list[tuple[int, int]]) -> None:
    """Marks the findings that an in-source directive suppresses, then runs the
    directive rule (GG000), which reports malformed and stale directives."""
    directives = suppress.parse(fp.file) if suppress.may_have_directives(fp.file) else []
    fp.findings[:] = suppress.apply(fp.file, fp.findings, directives)
    fp.directives = suppress.FileDirectives(directives, frozenset(r.code for r in rules), errors)
    for rule in rules:
        if rule.code == suppress.RULE_CODE:
            rule.check(RulePass(fp, rule), [])


def _in_ranges(f: src.SourceFile, finding: Finding, ranges: list[tuple[int, int]]) -> bool:
    return _in_ranges_at(ranges, f.line_starts[finding.line - 1] + finding.column - 1)


def _in_ranges_at(ranges: list[tuple[int, int]], offset: int) -> bool:
    """offset lies in one of the sorted ranges (top-level declarations: never
    overlapping), found by bisection, not by trying each range for every capture."""
    i = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]


def _lookup(store: "cache.Cache", unit: Unit) -> tuple[str | None, Result | None]:
    """The unit's cache key (None: not cached) and its cached result, if any."""
    try:
        key = store.key(unit)
        return key, (store.load(key) if key is not None else None)
    except Exception:  # noqa: BLE001 (a cache that fails costs time, never the run)
        return None, None


# A unit this large (bytes of source) is analysed with the collector's thresholds
# raised, and the defaults restored after it. The analyses allocate many small
# objects that live as long as their package; at the default thresholds the collector
# kept re-walking them (a fifth of the time on a 4 MB file). Measured: 4 MB file 20%
# less time at the same peak memory; standard library packages 12% less wall time,
# peak memory not higher. Left raised across units (and with gc.freeze) they saved
# nothing more and doubled peak memory: the garbage of finished packages piled up.
LARGE_UNIT = 256 << 10
_LARGE_UNIT_GC = (100_000, 50, 100)


def _work(args: tuple[Unit, Options, str | None]) -> Result:
    """Analyse one unit; with a key, store its result in the cache."""
    unit, options, key = args
    package_mod.CONSULTED.clear()
    package_mod.BODIES.clear()
    module_mod.SCANS.clear()
    thresholds = gc.get_threshold()
    if unit.size >= LARGE_UNIT:
        gc.set_threshold(*_LARGE_UNIT_GC)
    try:
        res = analyse_unit(unit, options)
    except Exception as e:  # never lose the rest of the run
        return Result(failures=[internal_error(f"{_rel(unit.dir)}/", e)])
    finally:
        gc.set_threshold(*thresholds)
    if key is not None:
        try:
            cache.Cache(options.cache_dir, options).store(key, unit, res, set(package_mod.CONSULTED),
                                                          set(package_mod.BODIES), set(module_mod.SCANS))
        except Exception:  # noqa: BLE001
            pass
    return res


def run(units: list[Unit], options: Options) -> Result:
    jobs = options.jobs or os.cpu_count() or 1
    total = Result()
    work = sorted(units, key=lambda u: -u.size) if len(units) > 1 else units
    keys: dict[int, str | None] = {}
    if options.cache_dir:
        # Hits are looked up here, before any worker starts: a warm run with nothing
        # changed forks no process and parses nothing.
        cache.forget()
        try:
            store = cache.Cache(options.cache_dir, options)  # one salt for the whole run
        except Exception:  # noqa: BLE001 (a cache that fails costs time, never the run)
            store = None
        misses = []
        for u in work:
            key, hit = _lookup(store, u) if store is not None else (None, None)
            if hit is not None:
                _merge(total, hit)
            else:
                keys[id(u)] = key
                misses.append(u)
        work = misses
    if jobs <= 1 or len(work) <= 1:
        for u in work:
            _merge(total, _work((u, options, keys.get(id(u)))))
    else:
        _run_parallel(work, options, min(jobs, len(work)), total, keys)
    total.findings.sort(key=Finding.sort_key)
    total.warnings.sort(key=_warning_key)
    total.unchecked.sort()
    total.failures.sort()
    return total


def _run_parallel(work: list[Unit], options: Options, jobs: int, total: Result, keys: dict) -> None:
    """Units across `jobs` processes. A worker that dies (killed for memory, a crash
    in native code) must not take the run with it nor hang it: the folders it left
    unfinished are run again one at a time, and the one that kills its worker again
    is skipped with a warning."""
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    left = _run_pool(work, options, jobs, ctx, total, keys)
    while left:
        left = _run_pool(left, options, 1, ctx, total, keys)
        if left:  # with one worker, units run in order: the first one left killed it
            total.failures.append(f"{_rel(left[0].dir)}/: the worker process analysing it died (out of memory? "
                                  f"a crash in native code); please report it at {ISSUES}")
            left = left[1:]


def _run_pool(work: list[Unit], options: Options, jobs: int, ctx, total: Result, keys: dict) -> list[Unit]:
    """Runs the units; returns those lost to a dead worker, in the order given."""
    # Imported here: a one-package run (a pre-commit hook) never needs them.
    from concurrent.futures import ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
        futures = [pool.submit(_work, (u, options, keys.get(id(u)))) for u in work]
        wait(futures)
    lost = []
    for u, fut in zip(work, futures):
        exc = fut.exception()
        if exc is None:
            _merge(total, fut.result())
        elif isinstance(exc, BrokenProcessPool):
            lost.append(u)
        else:
            total.failures.append(internal_error(f"{_rel(u.dir)}/", exc))
    return lost


_POSITION = re.compile(r"^(.*?):([0-9]+):([0-9]+): ")


def _warning_key(w: str) -> tuple:
    """Warnings by path, then by line and column as numbers (line 8 before line 11)."""
    m = _POSITION.match(w)
    if m is None:
        return (w.split(": ", 1)[0], 0, 0, w)
    return (m.group(1), int(m.group(2)), int(m.group(3)), w)


def _rel(directory: str) -> str:
    return display_path(directory, os.getcwd())


def _merge(total: Result, r: Result) -> None:
    total.findings.extend(r.findings)
    total.warnings.extend(r.warnings)
    total.files += r.files
    total.unchecked.extend(r.unchecked)
    total.generated += r.generated
    total.failures.extend(r.failures)
