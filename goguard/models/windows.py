"""Functions that return windows of a byte slice they are handed (subslices sharing
its array, not copies).

A window of a buffer a reader owns (`sc.Bytes()`, `r.ReadSlice`, `b.Bytes()`) is
overwritten with it wherever it starts: a `bufio.Scanner` moves the unread tail to the
start of its buffer before reading more, a `bufio.Reader` does the same, and a
`bytes.Buffer` writes from its start after `Reset`.

WINDOWS: (import path, function) -> (index of the argument, indexes of the results
that are windows of it).
"""

from __future__ import annotations

WINDOWS: dict[tuple[str, str], tuple[int, tuple[int, ...]]] = {
    # bytes: "TrimSpace returns a subslice of s by slicing off all leading and trailing
    # white space"; the Trim* functions likewise "return a subslice of s".
    ("bytes", "TrimSpace"): (0, (0,)),
    ("bytes", "Trim"): (0, (0,)),
    ("bytes", "TrimLeft"): (0, (0,)),
    ("bytes", "TrimRight"): (0, (0,)),
    ("bytes", "TrimPrefix"): (0, (0,)),
    ("bytes", "TrimSuffix"): (0, (0,)),
    ("bytes", "TrimFunc"): (0, (0,)),
    ("bytes", "TrimLeftFunc"): (0, (0,)),
    ("bytes", "TrimRightFunc"): (0, (0,)),
    # bytes.Cut: "Cut slices s around the first instance of sep, returning the text
    # before and after sep"; "The returned slices are the slices of the original slice s".
    ("bytes", "Cut"): (0, (0, 1)),
    # bytes.CutPrefix, CutSuffix: "returns s without the provided leading/ending prefix
    # byte slice"; "The returned slice is a slice of the original slice s".
    ("bytes", "CutPrefix"): (0, (0,)),
    ("bytes", "CutSuffix"): (0, (0,)),
}
