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
another package, or a comment, is then still a hit; a changed signature is a miss.
Where the analysis read more than declarations, the entry says so and is checked on
that: the full bytes of the files of a folder whose function bodies it read (a callee's
result summary), and the answer of a module-wide scan for assignments of an exported
field (looked at again only when the module's file listing, by path, size and time,
changed). Entries are written to a temporary file and renamed into place, so two runs
at once never see half an entry; an entry that cannot be read or does not match is
ignored and rewritten. The folder is bounded: past MAX_BYTES the oldest entries go.

The cache owns only what it wrote. Everything lives below one subfolder of the cache
folder, `goguard-vN/` (N: the entry format's version), marked by a `CACHEDIR.TAG` (the
convention backup tools honour, https://bford.info/cachedir/) that names goguard:
entries as `entries/ab/<sha256>.json`, declaration digests as `decls/ab/<sha256>.decl`.
Pointing the cache at a shared folder (`~/.cache`, a checkout) is harmless: the trim and
`goguard cache clean` remove only files of that layout whose names have that form,
never anything else, and a folder without the tag is never emptied. Entries are
checked field by field before use; one that does not check is deleted and rewritten.

Input read from stdin (`--stdin-filename`) is hashed in place of the file it stands for.

Location: `--cache-dir`, else $GOGUARD_CACHE_DIR, else the platform's cache folder
($XDG_CACHE_HOME/goguard, ~/.cache/goguard; ~/Library/Caches/goguard on macOS;
%LOCALAPPDATA%\\goguard on Windows).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import asdict
from functools import lru_cache

from goguard.findings import Finding, Fix, FlowStep

VERSION = 5
MAX_BYTES = 256 << 20  # the folder's bound; the oldest entries are removed past it
ENTRY_SUFFIX = ".json"
DECL_SUFFIX = ".decl"  # side files: a file's declarations digest, by the file's hash
LAYOUT = "goguard-v{}"  # the subfolder goguard owns, per entry format
TAG_NAME = "CACHEDIR.TAG"
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by goguard.\n"
       "# For information about cache directory tags, see https://bford.info/cachedir/\n")
_TAG_MARK = "created by goguard"
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
_HEX2 = re.compile(r"[0-9a-f]{2}\Z")
_LAYOUT_NAME = re.compile(r"goguard-v[0-9]+\Z")
# Where each kind of file lives in a layout, and the suffix its name ends with.
_KINDS = (("entries", ENTRY_SUFFIX), ("decls", DECL_SUFFIX))


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


_LISTINGS: dict[str, str] = {}
_SCANS: dict[tuple[str, str], str] = {}


def forget() -> None:
    _SHAS.clear()
    _DECLS.clear()
    _LISTINGS.clear()
    _SCANS.clear()


def _listing_of_module(root: str) -> str:
    """The module's file listing (path, size, time), once per run."""
    if root not in _LISTINGS:
        from goguard.frontend.module import module_listing

        _LISTINGS[root] = module_listing(root)
    return _LISTINGS[root]


def _scan(root: str, path: str) -> str:
    """A module scan's answer as it is now (read only when the listing changed)."""
    if (root, path) not in _SCANS:
        from goguard.frontend.module import forget_sources, scan_digest

        if not _SCANS:
            forget_sources()  # the files changed since this process last read them
        _SCANS[(root, path)] = scan_digest(root, path)
    return _SCANS[(root, path)]


def _sha(path: str) -> str | None:
    if path in _SHAS:
        return _SHAS[path]
    try:
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
    except (OSError, ValueError):
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


def layout(directory: str, version: int = VERSION) -> str:
    """The subfolder of a cache folder that goguard owns for one entry format."""
    return os.path.join(directory, LAYOUT.format(version))


def owned(root: str) -> bool:
    """A layout goguard made: its CACHEDIR.TAG names goguard."""
    try:
        with open(os.path.join(root, TAG_NAME), encoding="utf-8", errors="replace") as fh:
            head = fh.read(512)
    except OSError:
        return False
    return head.startswith("Signature: 8a477f597d28d172789f06886806bc55") and _TAG_MARK in head


class Cache:
    def __init__(self, directory: str, options) -> None:
        self.dir = directory
        self.root = layout(directory)
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
            side = os.path.join(self.root, "decls", sha[:2], sha + DECL_SUFFIX)
            try:
                with open(side, encoding="ascii") as fh:
                    out = fh.read().strip() or None
            except (OSError, ValueError):
                out = None
            if out is not None and not _HEX64.match(out):
                out = None  # not a digest: rewritten below
            if out is None:
                try:
                    with open(path, "rb") as fh:
                        out = declarations_digest(fh.read())
                except (OSError, RecursionError):
                    out = None
                if out is not None:
                    self._write(side, out)
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
        return os.path.join(self.root, "entries", key[:2], key + ENTRY_SUFFIX)

    def load(self, key: str):
        """The cached Result for a key, or None (missing, stale, or not an entry of this
        format: then it is deleted, and the run rewrites it)."""
        path = self._path(key)
        try:
            with open(path, encoding="utf-8") as fh:
                entry = json.load(fh)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError):
            entry = None
        parsed = _parse_entry(entry, key)
        if parsed is None:
            _unlink(path)
            return None
        result, deps, folders, decls, bodies, scans = parsed
        for dep, digest in deps + bodies:
            if _sha(dep) != digest:
                return None
        for root, path, listing, digest in scans:
            if _listing_of_module(root) != listing and _scan(root, path) != digest:
                return None
        for folder, listing in folders:
            if _listing(folder) != listing:
                return None
        for dep, digest, digest_of_decls in decls:
            if _sha(dep) != digest and self.decls(dep) != digest_of_decls:
                return None
        return result

    def store(self, key: str, unit, result, read_folders, bodies=(), scans=()) -> None:
        """Write an entry atomically; a failure to write only costs the next run time.
        A result with an internal failure is never stored. `bodies`: folders whose
        function bodies were read (their files are keyed by their full bytes);
        `scans`: (module root, import path) of the module-wide text scans read."""
        if result.failures:
            return
        from goguard.frontend.module import module_listing, scan_digest
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
            "bodies": [(p, d) for p, d in ((p, _sha(p)) for f in sorted(bodies) for p in _package_files(f))
                       if d is not None],
            "scans": [(root, path, module_listing(root), scan_digest(root, path)) for root, path in sorted(scans)],
            "warnings": result.warnings,
            "unchecked": result.unchecked, "generated": result.generated,
            "findings": [{**asdict(f), "flow": [asdict(s) for s in f.flow]} for f in result.findings],
        }
        if len(entry["decls"]) < len(decls):
            return  # a file read for declarations that cannot be digested: not cached
        self._write(self._path(key), json.dumps(entry))

    def _write(self, path: str, text: str) -> None:
        if not os.path.isfile(os.path.join(self.root, TAG_NAME)):
            _write_atomic(os.path.join(self.root, TAG_NAME), TAG)
        _write_atomic(path, text)


# The shape of an entry, field by field: anything else is not trusted (a number where a
# path belongs would reach open() as a file descriptor).
def _is_int(v) -> bool:
    return type(v) is int and v >= 0


def _strs(v, n: int) -> bool:
    """A list of n-lists of strings."""
    return type(v) is list and all(type(x) is list and len(x) == n and all(type(y) is str for y in x) for x in v)


def _str_list(v) -> bool:
    return type(v) is list and all(type(x) is str for x in v)


_FINDING_FIELDS = {"code": str, "name": str, "severity": str, "path": str, "line": int, "column": int,
                   "end_line": int, "end_column": int, "message": str, "abspath": str}
_STEP_FIELDS = {"path": str, "line": int, "column": int, "note": str}
_EDIT_FIELDS = {"start": int, "end": int, "text": str}


def _fields(d, spec: dict, optional: tuple = ()) -> bool:
    if type(d) is not dict or not set(spec) <= set(d) <= set(spec) | set(optional):
        return False
    return all(_is_int(d[k]) if t is int else type(d[k]) is t for k, t in spec.items())


def _fix_ok(fix) -> bool:
    if fix is None:
        return True
    return (type(fix) is dict and set(fix) == {"description", "safe", "edits"} and type(fix["description"]) is str
            and type(fix["safe"]) is bool and type(fix["edits"]) is list
            and all(_fields(e, _EDIT_FIELDS) for e in fix["edits"]))


def _finding_ok(f) -> bool:
    return (_fields(f, _FINDING_FIELDS, ("flow", "suppressed", "fix"))
            and type(f.get("flow", [])) is list and all(_fields(s, _STEP_FIELDS) for s in f.get("flow", []))
            and (f.get("suppressed") is None or type(f["suppressed"]) is str) and _fix_ok(f.get("fix")))


def _parse_entry(entry, key: str):
    """(result, deps, folders, decls, bodies, scans) of an entry of this format and key,
    or None."""
    from goguard.engine import Result

    if (type(entry) is not dict or entry.get("version") != VERSION or entry.get("key") != key
            or not _strs(entry.get("deps"), 2) or not _strs(entry.get("folders"), 2)
            or not _strs(entry.get("decls"), 3) or not _is_int(entry.get("files")) or not _is_int(entry.get("generated"))
            or not _strs(entry.get("bodies"), 2) or not _strs(entry.get("scans"), 4)
            or not all(p.endswith(".go") for p, _ in entry["bodies"])
            or not _str_list(entry.get("warnings")) or not _str_list(entry.get("unchecked"))
            or not all(os.path.basename(p) in ("go.mod", "go.work") for p, _ in entry["deps"])
            or not all(p.endswith(".go") for p, _, _ in entry["decls"])
            or type(entry.get("findings")) is not list or not all(_finding_ok(f) for f in entry["findings"])):
        return None
    findings = [Finding(**{**f, "flow": tuple(FlowStep(**s) for s in f.get("flow", ())),
                           "fix": Fix.from_json(f["fix"]) if f.get("fix") else None})
                for f in entry["findings"]]
    result = Result(findings=findings, warnings=list(entry["warnings"]), files=entry["files"],
                    unchecked=list(entry["unchecked"]), generated=entry["generated"])
    return result, entry["deps"], entry["folders"], entry["decls"], entry["bodies"], entry["scans"]


def _unlink(path: str) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False


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


def _scan(folder: str) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError:
        return []


def _layout_files(root: str, kinds=_KINDS, temporary: bool = False):
    """(DirEntry, shard folder) of each file of a layout whose name has goguard's form:
    `entries/ab/<sha256>.json`, `decls/ab/<sha256>.decl`, and with `temporary` the
    `.tmp-*` files of an interrupted write. Nothing else is ever listed."""
    for sub, suffix in kinds:
        for shard in _scan(os.path.join(root, sub)):
            if not _HEX2.match(shard.name) or not shard.is_dir(follow_symlinks=False):
                continue
            for e in _scan(shard.path):
                name = e.name
                ours = (name.endswith(suffix) and name.startswith(shard.name)
                        and _HEX64.match(name[:-len(suffix)]) is not None) or (temporary and name.startswith(".tmp-"))
                if ours and e.is_file(follow_symlinks=False):
                    yield e, shard.path


def entries(directory: str, suffixes: tuple[str, ...] = (ENTRY_SUFFIX,)) -> list[tuple[float, int, str]]:
    """(mtime, size, path) of every entry of the current layout (with DECL_SUFFIX, its
    side files too), oldest first; none when the folder holds no layout of goguard's."""
    root = layout(directory)
    if not owned(root):
        return []
    out = []
    for e, _ in _layout_files(root, tuple(k for k in _KINDS if k[1] in suffixes)):
        try:
            st = e.stat(follow_symlinks=False)
        except OSError:
            continue
        out.append((st.st_mtime, st.st_size, e.path))
    return sorted(out)


def trim(directory: str, max_bytes: int = MAX_BYTES) -> int:
    """Remove the oldest entries of the current layout until it holds at most
    max_bytes; the count removed."""
    found = entries(directory, (ENTRY_SUFFIX, DECL_SUFFIX))
    total = sum(s for _, s, _ in found)
    removed = 0
    for _, size, path in found:
        if total <= max_bytes:
            break
        if _unlink(path):
            removed += 1
            total -= size
    return removed


def layouts(directory: str) -> list[str]:
    """Every layout of goguard's in a cache folder, this format's and older ones'."""
    return sorted(e.path for e in _scan(directory)
                  if _LAYOUT_NAME.match(e.name) and e.is_dir(follow_symlinks=False) and owned(e.path))


def clean(directory: str) -> int | None:
    """Remove every file of goguard's layouts in a cache folder (and the folders they
    leave empty), and the entries that goguard releases before the layout wrote
    straight into it (each recognised by its name and content); the count of entries
    removed, or None when the folder holds nothing of goguard's."""
    found = layouts(directory)
    removed = 0
    for root in found:
        shards = set()
        for e, shard in _layout_files(root, temporary=True):
            shards.add(shard)
            if _unlink(e.path) and e.name.endswith(ENTRY_SUFFIX):
                removed += 1
        for d in sorted(shards) + [os.path.join(root, sub) for sub, _ in _KINDS]:
            _rmdir(d)
        if {e.name for e in _scan(root)} == {TAG_NAME} and _unlink(os.path.join(root, TAG_NAME)):
            _rmdir(root)
    legacy = _clean_legacy(directory)
    if not found and legacy is None:
        return None
    return removed + (legacy or 0)


def _clean_legacy(directory: str) -> int | None:
    """Entries of the format before the layout (`ab/<sha256>.json` holding
    `{"version": 3, "key": "<sha256>", ...}`, `decls/ab/<sha256>.decl` holding a
    digest), straight in the cache folder: removed only when name and content say
    goguard wrote them. None when there are none."""
    removed, any_found = 0, False
    for kind, suffix, base in (("entry", ENTRY_SUFFIX, directory), ("decl", DECL_SUFFIX, os.path.join(directory, "decls"))):
        for shard in _scan(base):
            if not _HEX2.match(shard.name) or not shard.is_dir(follow_symlinks=False):
                continue
            emptied = False
            for e in _scan(shard.path):
                stem = e.name[:-len(suffix)]
                if not (e.name.endswith(suffix) and stem.startswith(shard.name) and _HEX64.match(stem)
                        and e.is_file(follow_symlinks=False)) or e.stat(follow_symlinks=False).st_size > MAX_BYTES:
                    continue
                try:
                    with open(e.path, encoding="utf-8") as fh:
                        text = fh.read()
                    ours = (_HEX64.match(text.strip()) is not None if kind == "decl" else
                            text.startswith('{"version": 3, "key": "' + stem + '"'))
                except (OSError, ValueError):
                    continue
                if ours and _unlink(e.path):
                    any_found = emptied = True
                    removed += kind == "entry"
            if emptied:
                _rmdir(shard.path)
    if any_found:
        _rmdir(os.path.join(directory, "decls"))
    return removed if any_found else None


def _rmdir(path: str) -> None:
    try:
        os.rmdir(path)  # only when empty
    except OSError:
        pass
