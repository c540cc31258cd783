"""Slice fields that the package empties.

A field is emptied when any file of the package assigns it `nil`, a zero-length window
of itself (`b.data = b.data[:0]`), `make([]T, 0)` or `[]T{}`, on any type. Then a value
of its struct can hold an empty slice there (a builder after its reset, a buffer after
a flush), and `&x.f[0]` without a length check panics on it: GG301 reads this fact where
the field's first element is handed to `unsafe.Slice` or `unsafe.String`.
"""

from __future__ import annotations

import re

from goguard.facts import fact

_EMPTIED = re.compile(rb"\.([A-Za-z_]\w*)\s*=\s*(?:nil\b|[\w.]*\.\1\s*\[\s*0?\s*:\s*0\s*\]"
                      rb"|make\(\s*\[\][^,()\n]*,\s*0\s*(?:,[^()\n]*)?\)|\[\][\w.*]+\{\s*\})")


@fact("emptied-fields")
def emptied_fields(package) -> dict[str, tuple[str, int, str]]:
    """Field name -> (path, line, text) of the first place that empties it."""
    out: dict[str, tuple[str, int, str]] = {}
    for f in package.files:
        for m in _EMPTIED.finditer(f.data, *f.span):
            name = m.group(1).decode()
            if name not in out:
                line = f.data.count(b"\n", 0, m.start()) + 1
                out[name] = (f.path, line, m.group().decode(errors="replace").lstrip("."))
    return out
