"""The module around a folder: which import paths name folders of this source tree.

goguard reads no module cache and downloads nothing, but the code of the module being
analysed is on disk. An import path is resolved, the way the go command would, to:

- a folder of the main module (the nearest `go.mod` above, its `module` line), or of a
  module nested in it (a folder below with its own `go.mod`), or of a module that a
  `go.work` in scope lists with `use`;
- the local folder a `replace` directive points at (`replace x => ../x`);
- `vendor/<path>` of the main module, when it vendors its dependencies.

Anything else (the standard library, the module cache) is not resolved: its types stay
unknown. A resolved folder's declarations are read lazily, only when a type or function
of that package is asked about (goguard.frontend.package, goguard.frontend.gotypes).
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache

_MODULE = re.compile(rb"^\s*module\s+\"?([^\s\"]+)\"?", re.M)
_REPLACE_LINE = re.compile(rb"^\s*([^\s()]+)(?:\s+v[^\s]+)?\s*=>\s*(\.{1,2}/[^\s]*|/[^\s]*)\s*$")
_REPLACE_BLOCK = re.compile(rb"^\s*replace\s*\((.*?)^\s*\)", re.M | re.S)
_REPLACE_SINGLE = re.compile(rb"^\s*replace\s+([^\s(]+)(?:\s+v[^\s]+)?\s*=>\s*(\.{1,2}/[^\s]*|/[^\s]*)", re.M)
_USE_BLOCK = re.compile(rb"^\s*use\s*\((.*?)^\s*\)", re.M | re.S)
_USE_SINGLE = re.compile(rb"^\s*use\s+([^\s(]+)", re.M)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(1 << 20)
    except OSError:
        return None


def _module_path(mod_dir: str) -> str | None:
    data = _read(os.path.join(mod_dir, "go.mod"))
    m = _MODULE.search(data) if data is not None else None
    return m.group(1).decode("utf-8", "replace") if m else None


def _replaces(mod_dir: str) -> list[tuple[str, str]]:
    """(import path prefix, absolute folder) of the replace directives to local folders."""
    data = _read(os.path.join(mod_dir, "go.mod")) or b""
    out = []
    for block in _REPLACE_BLOCK.finditer(data):
        for line in block.group(1).splitlines():
            m = _REPLACE_LINE.match(line)
            if m:
                out.append((m.group(1).decode(), os.path.normpath(os.path.join(mod_dir, m.group(2).decode()))))
    for m in _REPLACE_SINGLE.finditer(data):
        out.append((m.group(1).decode(), os.path.normpath(os.path.join(mod_dir, m.group(2).decode()))))
    return out


def _work_uses(start: str) -> list[str]:
    """The module folders a go.work at or above `start` uses."""
    d = start
    while True:
        data = _read(os.path.join(d, "go.work"))
        if data is not None:
            uses = []
            for block in _USE_BLOCK.finditer(data):
                lines = (x.split(b"//", 1)[0].strip() for x in block.group(1).split(b"\n"))
                uses.extend(x for x in lines if x)
            uses.extend(m.group(1) for m in _USE_SINGLE.finditer(data))
            return [os.path.normpath(os.path.join(d, u.decode())) for u in uses]
        parent = os.path.dirname(d)
        if parent == d:
            return []
        d = parent


class ModuleIndex:
    """Import path prefixes of the tree's modules, and the folders they map to."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.path = _module_path(root)
        self.prefixes: list[tuple[str, str]] = []  # (import path prefix, folder), longest first
        if self.path:
            self.prefixes.append((self.path, root))
        for use in _work_uses(root):
            p = _module_path(use)
            if p:
                self.prefixes.append((p, use))
        self.prefixes.extend(_replaces(root))
        self.prefixes.sort(key=lambda x: -len(x[0]))
        self.vendor = os.path.join(root, "vendor")

    def folder(self, import_path: str) -> str | None:
        """The folder of an import path in this tree, or None."""
        for prefix, folder in self.prefixes:
            if import_path == prefix or import_path.startswith(prefix + "/"):
                d = os.path.join(folder, *import_path[len(prefix):].split("/"))
                # Below a folder with a go.mod of its own lies another module: the path
                # is in it only when that go.mod's module line is its prefix.
                nested = _nested_module(folder, d)
                if nested is not None:
                    np = _module_path(nested)
                    if not np or not (import_path == np or import_path.startswith(np + "/")):
                        return None
                    d = os.path.join(nested, *import_path[len(np):].split("/"))
                d = os.path.normpath(d)
                return d if os.path.isdir(d) else None
        d = os.path.join(self.vendor, *import_path.split("/"))
        return d if os.path.isdir(d) else None


def _nested_module(top: str, d: str) -> str | None:
    """The nearest folder between top (exclusive) and d (inclusive) with its own go.mod."""
    rel = os.path.relpath(d, top)
    if rel == "." or rel.startswith(".."):
        return None
    parts = rel.split(os.sep)
    for i in range(len(parts), 0, -1):
        cand = os.path.join(top, *parts[:i])
        if os.path.isfile(os.path.join(cand, "go.mod")):
            return cand
    return None


@lru_cache(maxsize=None)
def module_root(directory: str) -> str | None:
    """The folder of the nearest go.mod at or above `directory`."""
    d = os.path.abspath(directory)
    while True:
        if os.path.isfile(os.path.join(d, "go.mod")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


@lru_cache(maxsize=None)
def index_for(directory: str) -> ModuleIndex | None:
    root = module_root(directory)
    return ModuleIndex(root) if root is not None else None


# --- which exported fields the module's files may assign -----------------------------

_MODULE_SET = re.compile(rb"\.\s*([A-Z][A-Za-z0-9_]*)\s*(?:[-+*/%&|^]|<<|>>|&\^)?=(?!=)")
_MODULE_ADDR = re.compile(rb"&\s*[A-Za-z_][A-Za-z0-9_.\[\]()]*\.([A-Z][A-Za-z0-9_]*)\b")
# (module root, import path) of every scan the current unit's analysis asked for: its
# result depends on files of other packages, so the result cache checks them (the
# engine clears it per unit, as package.CONSULTED).
SCANS: set[tuple[str, str]] = set()


def _module_dirs(root: str):
    """(folder, file names) of the module's Go source folders below root: vendor/,
    testdata/, node_modules and dot or underscore folders left out."""
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in ("vendor", "testdata", "node_modules")
                   and not x.startswith((".", "_"))]
        yield d, sorted(n for n in files if n.endswith(".go"))


@lru_cache(maxsize=4)
def _module_sources(root: str) -> tuple:
    """(folder, bytes) of every Go file of the module below root, read once per process."""
    out = []
    for d, names in _module_dirs(root):
        for name in names:
            try:
                with open(os.path.join(d, name), "rb") as fh:
                    out.append((os.path.normpath(d), fh.read()))
            except OSError:
                continue
    return tuple(out)


@lru_cache(maxsize=64)
def _assigned_in(root: str, import_path: str) -> dict[str, frozenset]:
    quoted = b'"' + import_path.encode() + b'"'
    out: dict[str, set] = {}
    for folder, data in _module_sources(root):
        if quoted not in data:
            continue
        names = out.setdefault(folder, set())
        names.update(m.group(1).decode() for m in _MODULE_SET.finditer(data))
        names.update(m.group(1).decode() for m in _MODULE_ADDR.finditer(data))
    return {d: frozenset(n) for d, n in out.items()}


def assigned_in_module(root: str, import_path: str) -> dict[str, frozenset]:
    """Per folder of the module, the exported field names that a file importing
    `import_path` assigns or takes the address of, read from the bytes (a cautious
    over-approximation): only such a file can name the package's type to set its field."""
    SCANS.add((root, import_path))
    return _assigned_in(root, import_path)


def scan_digest(root: str, import_path: str) -> str:
    """A digest of assigned_in_module's answer, for the result cache."""
    got = _assigned_in(root, import_path)
    return hashlib.sha256(repr(sorted((os.path.relpath(d, root), sorted(n)) for d, n in got.items())).encode()
                          ).hexdigest()


def module_listing(root: str) -> str:
    """A digest of the module's Go files by path, size and modification time: equal
    listings mean the scans above would read the same bytes (a cheap first check)."""
    h = hashlib.sha256()
    for d, names in _module_dirs(root):
        for name in names:
            try:
                st = os.stat(os.path.join(d, name))
            except OSError:
                continue
            h.update(f"{os.path.relpath(os.path.join(d, name), root)}\0{st.st_size}\0{st.st_mtime_ns}\n"
                     .encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def forget_sources() -> None:
    """Drop the files read for scans (a long-lived process whose files change)."""
    _module_sources.cache_clear()
    _assigned_in.cache_clear()
