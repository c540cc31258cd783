"""Does GG201's prefilter drop a store that its model would judge?

    python benchmarks/gg201_prefilter.py [--corpus DIR] [--jobs N] [PATH ...]

GG201 runs its alias model only on the statements that a cheap text test
(`goguard/rules/_gg201_prefilter.py`) lets through. That test may only skip work: every
store the model would judge (a store of an alias whose storage the function writes,
held stores carried on) must survive it. This script runs GG201 twice over the same
code, once as shipped and once with the prefilter letting every statement the rule's
query captures through, records the judged stores of both runs, and prints every
store the second run judges that the first does not. Exit status 1 when there is one.

PATH arguments are folders analysed with `./...` (and their nested modules); with
`--corpus DIR`, every project of benchmarks/corpus.json under DIR and the Go standard
library are added.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from stdlib import goroot, module_patterns  # noqa: E402 (a sibling script)

from goguard.engine import Options, run  # noqa: E402
from goguard.frontend.loader import expand  # noqa: E402
from goguard.rules import gg201_reused_buffer_alias as gg201  # noqa: E402


def judged(roots: list[str], jobs: int, unfiltered: bool) -> set[tuple]:
    """(path, line, column, kind, how) of every store judged, over all roots."""
    fd, out = tempfile.mkstemp(prefix="gg201-stores-")
    os.close(fd)
    saved = (gg201._maybe_alias, gg201.may_keep_call, gg201._check_function)
    original = gg201._check_function

    def record(pass_, model, stmts):
        with open(out, "a") as f:  # forked workers append whole lines
            for st in gg201.judged_stores(model, stmts):
                a = st.alias.expr
                f.write(json.dumps([pass_.file.abspath, a.start_point[0] + 1, a.start_point[1] + 1,
                                    st.alias.kind, st.how]) + "\n")
        original(pass_, model, stmts)

    gg201._check_function = record
    if unfiltered:
        gg201._maybe_alias = lambda *a, **k: True
        gg201.may_keep_call = lambda *a, **k: True
    try:
        for root in roots:
            run(expand(module_patterns(root), cwd=root), Options(rules=("GG201",), jobs=jobs))
    finally:
        gg201._maybe_alias, gg201.may_keep_call, gg201._check_function = saved
    with open(out) as f:
        found = {tuple(json.loads(line)) for line in f if line.strip()}
    os.unlink(out)
    return found


def dropped(roots: list[str], jobs: int = 1) -> list[tuple]:
    """The stores judged with the prefilter off and not with it on."""
    return sorted(judged(roots, jobs, True) - judged(roots, jobs, False))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--corpus", help="the corpus folder of benchmarks/corpus.py run --dir")
    ap.add_argument("--jobs", type=int, default=0)
    a = ap.parse_args()
    roots = [os.path.abspath(p) for p in a.paths]
    if a.corpus:
        with open(os.path.join(HERE, "corpus.json")) as f:
            manifest = json.load(f)
        roots += [os.path.join(a.corpus, p["name"]) for p in manifest["projects"]]
        roots.append(os.path.join(goroot(None), "src"))
        deb = manifest.get("debian")
        if deb and os.path.isdir(deb["root"]):
            roots.append(deb["root"])
    if not roots:
        ap.error("no folder to analyse")
    lost = dropped(roots, a.jobs or os.cpu_count() or 1)
    for path, line, col, kind, how in lost:
        print(f"{path}:{line}:{col}: {kind} alias {how}: dropped by the prefilter")
    print(f"{len(lost)} judged store(s) dropped by the prefilter")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
