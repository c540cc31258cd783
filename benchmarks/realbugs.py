"""goguard against real crash bugs from public fix commits: recall per kind and scope.

    python benchmarks/realbugs.py [--root ../shared/realbugs] [--verbose]

Reads the real-bug corpus kept beside the project (`../shared/realbugs` from the
project's root: manifest.tsv, the pre-fix packages in src/ID/, and its scorer
score.py, which copies each package into a temporary module and runs `goguard check
--select ALL` on it) and prints the scorer's table for the installed console script:
each bug FOUND or missed (found means a finding of its kind's rule family on one of
the faulty lines, +-1), every other finding as OTHER to judge, the tally per kind and
scope, and the total. The corpus is not copied into the project: this script only
runs what is there, and exits 2 when it is absent.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stdlib import console_script  # noqa: E402 (a sibling script)

DEFAULT_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "realbugs")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=DEFAULT_ROOT, help="the real-bug corpus (manifest.tsv, src/, score.py)")
    ap.add_argument("--verbose", action="store_true", help="print each finding that counts")
    args = ap.parse_args(argv)
    scorer = os.path.join(args.root, "score.py")
    if not os.path.isfile(scorer):
        print(f"realbugs.py: {scorer} is missing: the real-bug corpus is kept beside the project", file=sys.stderr)
        return 2
    cmd = [sys.executable, scorer, console_script()] + (["--verbose"] if args.verbose else [])
    return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
