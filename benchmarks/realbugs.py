"""goguard's recall on real crash bugs from public fix commits: reads the real-bug
corpus kept outside the project (`../shared/realbugs` from the project's root: a
manifest, and each bug's package as it was before the fix) and prints, per bug,
whether goguard finds it, then a table per kind and scope.

    python benchmarks/realbugs.py [--dir ../shared/realbugs] [--only ID,ID] [--markdown]

Each bug's package is copied into a module of its own (`go` line: the bug's Go version
when older than 1.22, else 1.22), all of them below one temporary folder, and the
installed goguard checks them in one run (`check --select ALL --no-cache --format json
./...`, which checks every module below a folder that lies in none). A bug is found
when a finding of its kind's rules lands in the faulty file on one of its lines (+-1):
kinds a and b: GG101/GG102; c: GG201/GG202; d: GG301/GG302/GG303; e: GG401. Every
other finding is printed as OTHER, to be judged like a corpus finding. No code of the
real-bug corpus is kept in the project. Exit status 2 when goguard fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from stdlib import console_script  # noqa: E402 (a sibling script)

DEFAULT_DIR = os.path.join(HERE, "..", "..", "shared", "realbugs")
FAMILY = {"a": ("GG101", "GG102"), "b": ("GG101", "GG102"), "c": ("GG201", "GG202"),
          "d": ("GG301", "GG302", "GG303"), "e": ("GG401",)}
KINDS = {"a": "nil map", "b": "nil pointer", "c": "aliasing", "d": "unsafe", "e": "concurrent map writes"}


def go_line(version: str) -> str:
    try:
        major, minor = (int(x) for x in version.split(".")[:2])
    except ValueError:
        return "1.22"
    return version if (major, minor) < (1, 22) else "1.22"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=DEFAULT_DIR, help="the real-bug corpus (manifest.tsv, src/ID/)")
    ap.add_argument("--only", default="", help="comma-separated bug ids")
    ap.add_argument("--markdown", action="store_true", help="also print the tables as Markdown")
    args = ap.parse_args(argv)
    manifest = os.path.join(args.dir, "manifest.tsv")
    if not os.path.isfile(manifest):
        print(f"realbugs.py: {manifest} not found (--dir names the real-bug corpus)", file=sys.stderr)
        return 2
    with open(manifest, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    only = set(filter(None, args.only.split(",")))
    rows = [r for r in rows if not only or r["id"] in only]
    with tempfile.TemporaryDirectory(prefix="goguard-realbugs-") as tmp:
        for r in rows:
            mod = os.path.join(tmp, r["id"])
            shutil.copytree(os.path.join(args.dir, "src", r["id"]), os.path.join(mod, "pkg"),
                            ignore=lambda d, names: [n for n in names if not n.endswith(".go")])
            with open(os.path.join(mod, "go.mod"), "w", encoding="utf-8") as fh:
                fh.write(f"module example.com/x\n\ngo {go_line(r['go'])}\n")
        p = subprocess.run([console_script(), "check", "--select", "ALL", "--no-cache", "--format", "json", "./..."],
                           cwd=tmp, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if p.returncode not in (0, 1):
        print(f"realbugs.py: goguard failed (exit {p.returncode}):\n{p.stderr[-3000:]}", file=sys.stderr)
        return 2
    by_bug: dict[str, list[dict]] = defaultdict(list)
    for f in json.loads(p.stdout or "[]"):
        by_bug[f["path"].split("/", 1)[0]].append(f)
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    others = []
    found = 0
    for r in rows:
        faulty = [n.strip() for n in r["files"].split(",") if n.strip()][0]
        lines = {int(x) for x in r["lines"].split(",") if x.strip()}
        near = {n + d for n in lines for d in (-1, 0, 1)}
        hits = [f for f in by_bug[r["id"]] if f["code"] in FAMILY[r["kind"]]
                and f["path"] == f"{r['id']}/pkg/{faulty}" and f["line"] in near]
        t = tally[(r["kind"], r["scope"])]
        t[1] += 1
        if hits:
            t[0] += 1
            found += 1
        others += [(r["id"], f) for f in by_bug[r["id"]] if f not in hits]
        print(f"{r['id']:<6} {r['kind']} {r['scope']:<10} {'FOUND ' if hits else 'missed'} "
              f"{r['repo']} {faulty}:{r['lines']}")
    print()
    for rid, f in others:
        print(f"OTHER {rid}: {f['code']} {f['path'].split('/', 2)[-1]}:{f['line']} {f['message'][:140]}")
    print()
    print(f"{'kind':<26} {'scope':<10} {'found':>7}")
    for (kind, scope), (a, b) in sorted(tally.items()):
        print(f"{kind} ({KINDS.get(kind, '?')})".ljust(26) + f" {scope:<10} {a:>3}/{b:<3}")
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (kind, _), (a, b) in tally.items():
        per_kind[kind][0] += a
        per_kind[kind][1] += b
    print(f"real bugs: {found}/{len(rows)} found; {len(others)} other findings "
          f"({', '.join(f'{k} {a}/{b}' for k, (a, b) in sorted(per_kind.items()))})")
    if args.markdown:
        print("\n| Kind | Scope | Found |\n|---|---|---|")
        for (kind, scope), (a, b) in sorted(tally.items()):
            print(f"| {kind} ({KINDS.get(kind, '?')}) | {scope} | {a}/{b} |")
        print(f"| all | | {found}/{len(rows)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
