"""A persistent cache of each package's results, for warm runs (as ruff and staticcheck
keep one).

An entry holds one unit's findings and warnings exactly as an uncached run makes them
(suppression directives included, since they live in the files; baselines are applied
after, by the command). Its key is a hash of goguard's own installed code (every
module's bytes, not only the version, which an editable install never changes), the
parser's version, the effective options (rules, severities, go version, generated
files, per-file ignores), the unit's folder, which files it reports on, and the bytes
of every file of the unit. Files read from elsewhere are listed in the entry and
checked on every hit: go.mod and go.work above the folder by their bytes, the module's
other packages read for their declarations by a digest of those declarations (package
clause, imports, types, vars, consts, function signatures: not function bodies, not
comments), with the list of their folders' files. An edit inside a function body of
another package, or a comment, is then still a hit; a changed signature is a miss. Entries are written to a temporary file and renamed into place, so two runs
at once never see half an entry; an entry that cannot be read or does not match is
ignored and rewritten. The folder is bounded: past MAX_BYTES the oldest entries go.

Input read from stdin (`--stdin-filename`) is hashed in place of the file it stands for.

Location: `--cache-dir`, else $GOGUARD_CACHE_DIR, else the platform's cache folder
($XDG_CACHE_HOME/goguard, ~/.cache/goguard; ~/Library/Caches/goguard on macOS;
%LOCALAPPDATA%\\goguard on Windows).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from dataclasses import asdict
from functools import lru_cache

from goguard.findings import Finding, Fix, FlowStep

VERSION = 3
MAX_BYTES = 256 << 20  # the folder's bound; the oldest entries are removed past it
ENTRY_SUFFIX = ".json"
DECL_SUFFIX = ".decl"  # side files: a file's declarations digest, by the file's hash


def default_dir() -> str:
    env = os.environ.get("GOGUARD_CACHE_DIR")
    if env:
        return env
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "goguard")


@lru_cache(maxsize=1)
def code_hash() -> str:
    """The installed goguard's own code, byte by byte, and the parser's versions."""
    import goguard

    h = hashlib.sha256()
    root = os.path.dirname(os.path.abspath(goguard.__file__))
    for d, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(d, name)
                h.update(os.path.relpath(path, root).encode())
                with open(path, "rb") as fh:
                    h.update(hashlib.sha256(fh.read()).digest())
    try:
        from importlib.metadata import version

        h.update(f"{version('tree-sitter')} {version('tree-sitter-go')}".encode())
    except Exception:  # noqa: BLE001 (no metadata: the code hash alone)
        pass
    return h.hexdigest()


def options_fingerprint(options) -> str:
    rules = sorted(options.rules) if options.rules is not None else None
    ignores = sorted((repr(getattr(m, "root", m)), list(getattr(m, "patterns", ())), sorted(codes))
                     for m, codes in options.per_file_ignores)
    return json.dumps([rules, options.include_generated, sorted(options.severity.items()),
                       options.go_version, ignores], sort_keys=True, default=str)


def _bytes(name: str) -> bytes:
    """A path as the bytes the system gave (file names need not be UTF-8)."""
    return name.encode("utf-8", "surrogateescape")


# Hashes of the files read in this run, by path: a file that many units depend on (a
# go.mod, a package imported everywhere) is read and hashed once. A run treats its
# inputs as fixed while it runs; `forget()` empties the memo (tests, long-lived hosts).
_SHAS: dict[str, str | None] = {}
_DECLS: dict[str, str | None] = {}


def forget() -> None:
    _SHAS.clear()
    _DECLS.clear()


def _sha(path: str) -> str | None:
    if path in _SHAS:
        return _SHAS[path]
    try:
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        digest = None
    _SHAS[path] = digest
    return digest


def declarations_digest(data: bytes) -> str:
    """A digest of what another package reads of a file: its top-level declarations
    with function bodies and comments left out."""
    from goguard.frontend.source import SourceFile

    f = SourceFile.parse("", "", data, report=False)
    h = hashlib.sha256()
    for decl in f.root.named_children:
        if decl.type == "comment":
            continue
        if decl.type in ("function_declaration", "method_declaration"):
            body = decl.child_by_field_name("body")
            end = body.start_byte if body is not None else decl.end_byte
            text = data[decl.start_byte:end]
        else:
            text = f.code(decl).encode("utf-8", "surrogateescape")
        h.update(b" ".join(text.split()) + b"\0")
    return h.hexdigest()


def _listing(folder: str) -> str:
    return hashlib.sha256("\0".join(_package_files(folder)).encode("utf-8", "surrogateescape")).hexdigest()


def _module_files(directory: str) -> list[str]:
    """go.mod and go.work at or above a folder: they decide versions and imports."""
    out = []
    d = os.path.abspath(directory)
    while True:
        for name in ("go.mod", "go.work"):
            p = os.path.join(d, name)
            if os.path.isfile(p):
                out.append(p)
        parent = os.path.dirname(d)
        if parent == d:
            return out
        d = parent


def _package_files(folder: str) -> list[str]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [os.path.join(folder, n) for n in names if n.endswith(".go") and not n.endswith("_test.go")]


class Cache:
    def __init__(self, directory: str, options) -> None:
        self.dir = directory
        self.salt = f"{VERSION}\0{code_hash()}\0{options_fingerprint(options)}"
        self.overrides = options.overrides  # stdin's bytes stand for a file's: hashed like one

    def decls(self, path: str) -> str | None:
        """The declarations digest of a file as it is now; kept in the cache folder by
        the file's hash, so a changed file is parsed for it once, not once per unit."""
        if path in _DECLS:
            return _DECLS[path]
        sha = _sha(path)
        out = None
        if sha is not None:
            side = os.path.join(self.dir, "decls", sha[:2], sha + DECL_SUFFIX)
            try:
                with open(side, encoding="ascii") as fh:
                    out = fh.read().strip() or None
            except (OSError, ValueError):
                out = None
            if out is None:
                try:
                    with open(path, "rb") as fh:
                        out = declarations_digest(fh.read())
                except (OSError, RecursionError):
                    out = None
                if out is not None:
                    _write_atomic(side, out)
        _DECLS[path] = out
        return out

    def key(self, unit) -> str | None:
        """The unit's key, or None when one of its files cannot be read (not cached)."""
        h = hashlib.sha256(self.salt.encode())
        h.update(_bytes(unit.dir))
        h.update(json.dumps(sorted(unit.report) if unit.report is not None else None).encode())
        for display, abspath in unit.files:
            data = self.overrides.get(abspath)
            digest = hashlib.sha256(data).hexdigest() if data is not None else _sha(abspath)
            if digest is None:
                return None
            h.update(b"\0" + _bytes(display) + b"\0" + _bytes(abspath) + b"\0" + digest.encode())
        return h.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.dir, key[:2], key + ENTRY_SUFFIX)

    def load(self, key: str):
        """The cached Result for a key, or None (missing, corrupt, foreign, stale)."""
        from goguard.engine import Result

        try:
            with open(self._path(key), encoding="utf-8") as fh:
                entry = json.load(fh)
            if entry.get("version") != VERSION or entry.get("key") != key:
                return None
            for path, digest in entry["deps"]:
                if _sha(path) != digest:
                    return None
            for folder, listing in entry["folders"]:
                if _listing(folder) != listing:
                    return None
            for path, digest, decls in entry["decls"]:
                if _sha(path) != digest and self.decls(path) != decls:
                    return None
            findings = [Finding(**{**f, "flow": tuple(FlowStep(**s) for s in f["flow"]),
                                   "fix": Fix.from_json(f["fix"]) if f.get("fix") else None})
                        for f in entry["findings"]]
            return Result(findings=findings, warnings=list(entry["warnings"]), files=int(entry["files"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, unit, result, read_folders) -> None:
        """Write an entry atomically; a failure to write only costs the next run time."""
        deps = set(_module_files(unit.dir))
        own = {a for _, a in unit.files}
        read = set()
        for folder in read_folders:
            read.update(p for p in _package_files(folder) if p not in own)
            deps.update(_module_files(folder))
        listed = [(p, d) for p, d in ((p, _sha(p)) for p in sorted(deps)) if d is not None]
        decls = [(p, d, self.decls(p)) for p, d in ((p, _sha(p)) for p in sorted(read)) if d is not None]
        entry = {
            "version": VERSION, "key": key, "unit": unit.dir, "deps": listed, "files": result.files,
            "folders": [(f, _listing(f)) for f in sorted(read_folders)],
            "decls": [d for d in decls if d[2] is not None],
            "warnings": result.warnings,
            "findings": [{**asdict(f), "flow": [asdict(s) for s in f.flow]} for f in result.findings],
        }
        if len(entry["decls"]) < len(decls):
            return  # a file read for declarations that cannot be digested: not cached
        _write_atomic(self._path(key), json.dumps(entry))


def _write_atomic(path: str, text: str) -> None:
    """Write through a temporary file renamed into place: a reader sees the old file or
    the new one, never half of one. Failures are ignored (they cost the next run time)."""
    tmp = None
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def entries(directory: str, suffixes: tuple[str, ...] = (ENTRY_SUFFIX,)) -> list[tuple[float, int, str]]:
    """(mtime, size, path) of every entry (or every file with one of `suffixes`), oldest first."""
    out = []
    for d, _dirs, files in os.walk(directory):
        for name in files:
            if name.endswith(suffixes):
                p = os.path.join(d, name)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                out.append((st.st_mtime, st.st_size, p))
    return sorted(out)


def trim(directory: str, max_bytes: int = MAX_BYTES) -> int:
    """Remove the oldest entries until the folder holds at most max_bytes; the count removed."""
    found = entries(directory, (ENTRY_SUFFIX, DECL_SUFFIX))
    total = sum(s for _, s, _ in found)
    removed = 0
    for _, size, path in found:
        if total <= max_bytes:
            break
        try:
            os.unlink(path)
            removed += 1
            total -= size
        except OSError:
            pass
    return removed


def clean(directory: str) -> int:
    """Remove every entry, side file and leftover temporary file; the count of entries removed."""
    removed = 0
    for d, _dirs, files in os.walk(directory):
        for name in files:
            if name.endswith((ENTRY_SUFFIX, DECL_SUFFIX)) or name.startswith(".tmp-"):
                try:
                    os.unlink(os.path.join(d, name))
                    removed += name.endswith(ENTRY_SUFFIX)
                except OSError:
                    pass
    return removed
