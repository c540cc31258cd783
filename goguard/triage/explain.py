"""From one parsed crash to a verdict: the frame in the tree, and the goguard finding
that explains it, or an honest "no goguard finding explains this".

A finding explains a crash only when all of these hold: its rule is one of those the
crash class names (a nil-map finding never explains an index panic), it lies in the
file a frame of the crashed goroutine maps to, and its range covers that frame's
line. Frames are tried innermost first, the first few in the tree only (a nil map
passed down to a helper crashes in the helper, and the finding may sit at the
caller's line). Any frame whose file no longer holds the frame's function stops the
search: the tree is not the code that crashed, and guessing would mislead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from goguard.findings import Finding
from goguard.triage.classes import CrashClass, classify
from goguard.triage.traces import Crash, Frame, split_function
from goguard.triage.tree import Located, Tree

# In-tree frames whose packages are analysed, innermost first.
MAX_ANALYSED_FRAMES = 3
# Frames mapped onto the tree (each may parse one file to check its function).
MAX_LOCATED_FRAMES = 12

EXPLAINED = "explained"


@dataclass
class Verdict:
    crash: Crash
    cls: CrashClass
    status: str  # explained, no-finding, no-rule, not-in-tree, stale, no-frames
    located: list[Located] = field(default_factory=list)
    frame: Located | None = None  # the innermost frame in the tree
    finding: Finding | None = None
    explained_at: Located | None = None
    fix_diff: str = ""

    @property
    def explained(self) -> bool:
        return self.status == EXPLAINED

    @property
    def reason(self) -> str:
        """Why nothing explains the crash (empty when something does)."""
        if self.status == "no-frames":
            return "the trace holds no frames of the goroutine that crashed"
        if self.status == "not-in-tree":
            return "no frame of the crashed goroutine is a file of this tree"
        if self.status == "stale":
            stale = next(l for l in self.located if l.stale)
            return f"the tree is not the code that crashed: {stale.why[len('stale: '):]}"
        if self.status == "no-rule":
            return f"no goguard rule covers {self.cls.title}"
        if self.status == "no-finding":
            return (f"{', '.join(self.cls.rules)} report{'s' if len(self.cls.rules) == 1 else ''} "
                    f"nothing on the crashing lines")
        return ""


def _runtime(frame: Frame) -> bool:
    pkg = split_function(frame.function)[0]
    return frame.function == "panic" or pkg in ("runtime", "panic") or pkg.startswith(("internal/", "runtime/"))


def triage(crash: Crash, tree: Tree, analyse) -> Verdict:
    """`analyse(directory, codes)` returns the findings of one package folder."""
    cls = classify(crash)
    frames = [f for f in crash.frames if not f.created_by and not _runtime(f)][:MAX_LOCATED_FRAMES]
    if not frames:
        return Verdict(crash, cls, "no-frames")
    located = []
    for f in frames:
        loc = tree.locate(f)
        located.append(loc)
        if loc.stale:
            break
    in_tree = [l for l in located if l.abspath]
    first = next((l for l in located if l.abspath or l.stale), None)
    v = Verdict(crash, cls, "no-finding", located, in_tree[0] if in_tree else None)
    if first is None:
        v.status = "not-in-tree"
        return v
    if first.stale:
        v.status = "stale"
        return v
    if not cls.rules:
        v.status = "no-rule"
        return v
    for loc in in_tree[:MAX_ANALYSED_FRAMES]:
        for finding in analyse(os.path.dirname(loc.abspath), cls.rules):
            if finding.code in cls.rules and os.path.normcase(finding.abspath) == os.path.normcase(loc.abspath) \
                    and finding.line <= loc.frame.line <= max(finding.end_line, finding.line):
                v.status, v.finding, v.explained_at = EXPLAINED, finding, loc
                return v
    if any(l.stale for l in located):
        v.status = "stale"
    return v
