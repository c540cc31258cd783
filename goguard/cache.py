"""A persistent cache of each package's results, for warm runs (as ruff and staticcheck
keep one).

An entry holds one unit's findings and warnings exactly as an uncached run makes them
(suppression directives included, since they live in the files; baselines are applied
after, by the command). Its key is a hash of goguard's own installed code (every
module's bytes, not only the version, which an editable install never changes), the
parser's version, the effective options (rules, severities, go version, generated
files, per-file ignores), the unit's folder, which files it reports on, and the bytes
of every file of the unit. Files read from elsewhere (go.mod and go.work above the
folder, the module's other packages read for their declarations) are listed in the
entry with their hashes and checked on every hit: an entry whose dependencies changed
is a miss. Entries are written to a temporary file and renamed into place, so two runs
at once never see half an entry; an entry that cannot be read or does not match is
ignored and rewritten. The folder is bounded: past MAX_BYTES the oldest entries go.

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

from goguard.findings import Finding, FlowStep

VERSION = 1
MAX_BYTES = 256 << 20  # the folder's bound; the oldest entries are removed past it
ENTRY_SUFFIX = ".json"


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


def _sha(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


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

    def key(self, unit) -> str | None:
        """The unit's key, or None when one of its files cannot be read (not cached)."""
        h = hashlib.sha256(self.salt.encode())
        h.update(_bytes(unit.dir))
        h.update(json.dumps(sorted(unit.report) if unit.report is not None else None).encode())
        for display, abspath in unit.files:
            digest = _sha(abspath)
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
            findings = [Finding(**{**f, "flow": tuple(FlowStep(**s) for s in f["flow"])})
                        for f in entry["findings"]]
            return Result(findings=findings, warnings=list(entry["warnings"]), files=int(entry["files"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, unit, result, read_folders) -> None:
        """Write an entry atomically; a failure to write only costs the next run time."""
        deps = set(_module_files(unit.dir))
        own = {a for _, a in unit.files}
        for folder in read_folders:
            deps.update(p for p in _package_files(folder) if p not in own)
            deps.update(_module_files(folder))
        listed = []
        for p in sorted(deps):
            digest = _sha(p)
            if digest is not None:
                listed.append((p, digest))
        entry = {
            "version": VERSION, "key": key, "deps": listed, "files": result.files,
            "warnings": result.warnings,
            "findings": [{**asdict(f), "flow": [asdict(s) for s in f.flow]} for f in result.findings],
        }
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-", suffix=ENTRY_SUFFIX)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh)
            os.replace(tmp, path)
        except OSError:
            try:
                os.unlink(tmp)
            except (OSError, UnboundLocalError):
                pass


def entries(directory: str) -> list[tuple[float, int, str]]:
    """(mtime, size, path) of every entry, oldest first."""
    out = []
    for d, _dirs, files in os.walk(directory):
        for name in files:
            if name.endswith(ENTRY_SUFFIX):
                p = os.path.join(d, name)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                out.append((st.st_mtime, st.st_size, p))
    return sorted(out)


def trim(directory: str, max_bytes: int = MAX_BYTES) -> int:
    """Remove the oldest entries until the folder holds at most max_bytes; the count removed."""
    found = entries(directory)
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
    """Remove every entry (and leftover temporary files); the count removed."""
    removed = 0
    for d, _dirs, files in os.walk(directory):
        for name in files:
            if name.endswith(ENTRY_SUFFIX):
                try:
                    os.unlink(os.path.join(d, name))
                    removed += 1
                except OSError:
                    pass
    return removed
