"""goguard on one huge, non-generated Go file of many functions, at several sizes: the
time per MB must stay flat (no analysis may grow faster than linearly in file size).

    python benchmarks/linear.py [--sizes 1,2,4,8,16,20] [--keep DIR]

Not a timed test: it measures and prints, per size, the wall time of the installed
`goguard check -j 1 FILE` (one process, so the file's own cost is what is measured),
its CPU time (user and system, steady on a busy machine where wall time is not), its
peak memory, the CPU seconds per MB and the ratio to tree-sitter's parse of the same
file in a fresh process, then the ratio of the largest to the smallest CPU seconds
per MB. Exit status 1 when that ratio exceeds the budget `max_per_mb_spread` of
benchmarks/budgets.json (1.5), the largest file takes more than `max_parse_ratio`
(3) times its parse-only time, or peaks above `max_peak_mb` (a file of at most
`max_peak_file_mb` MB); 2 when it cannot run.

The file repeats a set of functions, each copy under new names, written to exercise
every rule's analysis: maps made on one branch and checked for nil, pointers to
slices, byte buffers read into and cloned, goroutines in loops writing under a lock,
struct types with map fields and their constructor. The same local names (m, buf,
err, p, s) recur in every function, which is what once made a per-write rescan of
the file's same-named variables quadratic.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from stdlib import console_script, verdict

BUDGETS = os.path.join(HERE, "budgets.json")

HEADER = 'package big\n\nimport (\n\t"bytes"\n\t"io"\n\t"sync"\n)\n'
FUNCTIONS = '''
func f{i}a(keys []string, r io.Reader) (map[string]int, error) {{
	var m map[string]int
	if len(keys) > {i} {{
		m = make(map[string]int)
	}}
	buf := make([]byte, 64)
	var out [][]byte
	for _, k := range keys {{
		n, err := r.Read(buf)
		if err != nil {{
			return m, err
		}}
		out = append(out, bytes.Clone(buf[:n]))
		if m != nil {{
			m[k] = n
		}}
	}}
	_ = out
	return m, nil
}}

func f{i}b(s *state{i}, words []string) {{
	var wg sync.WaitGroup
	for _, w := range words {{
		wg.Add(1)
		go func() {{
			defer wg.Done()
			s.mu.Lock()
			defer s.mu.Unlock()
			s.seen[w]++
		}}()
	}}
	wg.Wait()
	var p *[]byte
	if s.buf != nil {{
		p = s.buf
	}}
	if p != nil {{
		*p = append(*p, 1)
	}}
}}

type state{i} struct {{
	mu   sync.Mutex
	seen map[string]int
	buf  *[]byte
}}

func new{i}() *state{i} {{ return &state{i}{{seen: map[string]int{{}}}} }}
'''


def generate(mb: float) -> str:
    parts, size, i = [HEADER], len(HEADER), 0
    while size < mb * 1_000_000:
        chunk = FUNCTIONS.format(i=i)
        parts.append(chunk)
        size += len(chunk)
        i += 1
    return "".join(parts)


def measure(path: str) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak MB of the child, exit status of one goguard run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([console_script(), "check", "-j", "1", "--no-cache", "--format", "json", path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    peak = max(before.ru_maxrss, after.ru_maxrss) / 1024
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode(errors="replace")[-2000:])
    return wall, cpu, peak, proc.returncode


PARSE_ONLY = """
import sys, time
import tree_sitter, tree_sitter_go
data = open(sys.argv[1], "rb").read()
parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_go.language()))
t = time.perf_counter()
parser.parse(data)
print(time.perf_counter() - t)
"""


def parse_only(path: str) -> float:
    """tree-sitter's time to parse the file, in a fresh process (the floor of any run)."""
    out = subprocess.run([sys.executable, "-c", PARSE_ONLY, path], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,4,8,16,20", help="file sizes in MB, comma-separated")
    ap.add_argument("--keep", help="write the files here (and keep them) instead of a temporary folder")
    args = ap.parse_args(argv)
    try:
        sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        print(f"--sizes: expected numbers such as 1,2,4, not {args.sizes!r}", file=sys.stderr)
        return 2
    if len(sizes) < 2 or min(sizes) <= 0:
        print("--sizes: give at least two sizes above 0", file=sys.stderr)
        return 2
    with open(BUDGETS, encoding="utf-8") as f:
        budgets = json.load(f)["linear"]
    budget = budgets["max_per_mb_spread"]
    folder = args.keep or tempfile.mkdtemp(prefix="goguard-linear-")
    os.makedirs(folder, exist_ok=True)
    per_mb = []
    print(f"{'size':>8} {'wall':>9} {'CPU':>9} {'CPU/MB':>7} {'parse':>8} {'ratio':>7} {'peak':>9}  exit")
    ratios, peaks = [], []
    for mb in sizes:
        path = os.path.join(folder, f"big_{mb:g}mb.go")
        with open(path, "w", encoding="utf-8") as f:
            f.write(generate(mb))
        real_mb = os.path.getsize(path) / 1_000_000
        wall, cpu, peak, status = measure(path)
        if status not in (0, 1):
            print(f"goguard exited with status {status} on {path}", file=sys.stderr)
            return 2
        per_mb.append(cpu / real_mb)
        parse = parse_only(path)
        ratios.append(cpu / parse)
        peaks.append(peak)
        print(f"{real_mb:7.2f}M {wall:8.2f}s {cpu:8.2f}s {cpu / real_mb:7.2f} {parse:7.2f}s {cpu / parse:6.1f}x "
              f"{peak:7.0f}MB  {status}")
        if not args.keep:
            os.remove(path)
    spread = max(per_mb) / min(per_mb)
    print(f"\nCPU seconds per MB, largest over smallest: {spread:.2f}x (budget {budget}x)")
    print(f"largest file: {ratios[-1]:.1f}x its own parse-only time (budget {budgets['max_parse_ratio']}x)")
    print(f"largest file: {peaks[-1]:.0f} MB peak (budget {budgets['max_peak_mb']} MB up to "
          f"{budgets['max_peak_file_mb']} MB of source)")
    broken = []
    if real_mb < budgets["max_peak_file_mb"] * 1.01 and peaks[-1] > budgets["max_peak_mb"]:
        broken.append(f"the largest file peaks at {peaks[-1]:.0f} MB > {budgets['max_peak_mb']} MB")
    if spread > budget:
        broken.append(f"time per MB grows {spread:.2f}x across sizes > {budget}x")
    if ratios[-1] > budgets["max_parse_ratio"]:
        broken.append(f"the largest file takes {ratios[-1]:.1f}x its parse-only time > {budgets['max_parse_ratio']}x")
    return verdict(broken, "budgets met: the cost is linear in the file's size")


if __name__ == "__main__":
    sys.exit(main())
