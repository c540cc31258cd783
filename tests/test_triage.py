"""`goguard triage` on real crashes: every crashing program of testdata (each rule's
run_ programs, and testdata/triage's programs that no rule covers) is built with the
real go toolchain, with and without -trimpath, run (also under GOTRACEBACK=all and
crash), and its stderr handed to the installed script as a log shows it: bare,
behind kubectl/journald/CI/compose prefixes, several crashes in one log. A crash a
rule reports must map to that rule at the program's want line; every other crash to
"no goguard finding explains this". Then hostile input: binary, huge, escapes,
pathological lines, paths that point outside the tree."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import fixtures as fx
import pytest
from cli_support import run

from goguard.triage import traces
from goguard.triage.classes import ALL, classify
from goguard.triage.traces import Frame
from goguard.triage.tree import Tree

REPO = Path(__file__).resolve().parents[1]
TRIAGE = fx.TESTDATA / "triage"
UNEXPLAINED = {  # program -> (file below testdata, line of the innermost frame in the tree)
    "index": ("triage/store/cache.go", 35),
    "nilstruct": ("triage/cmd/nilstruct/main.go", 12),
    "boom": ("triage/cmd/boom/main.go", 8),
    "sigbus": ("triage/cmd/sigbus/main.go", 28),
    "sigill": ("triage/cmd/sigill/main.go", 13),
    "abort": ("triage/cmd/abort/main.go", 13),
}
EXPLAINED = {  # program -> (rule, file, line)
    "nilmap": ("GG101", "triage/store/cache.go", 17),
    "httppanic": ("GG101", "triage/store/cache.go", 17),
}
PREFIXES = {
    "kubectl": lambda i: f"2026-12-02T03:00:{i % 60:02d}.{i * 7919 % 1000000:06d}Z stderr F ",
    "journald": lambda i: f"Dec 02 03:00:{i % 60:02d} node-7 shop[81{i % 10}]: ",
    "github-actions": lambda i: f"2026-12-02T03:00:{i % 60:02d}.{i * 31 % 10000000:07d}Z ",
    "compose": lambda i: "shop-1  | ",
}


def _no_core() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _crash_output(binary: Path, env: dict[str, str] | None = None, want: str | None = None,
                  attempts: int = 1) -> str:
    out = ""
    for _ in range(attempts):
        r = subprocess.run([str(binary)], capture_output=True, text=True, errors="replace", timeout=60,
                           env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL,
                           preexec_fn=_no_core if sys.platform != "win32" else None)
        out = r.stderr
        if r.returncode != 0 and (want is None or re.search(want, out)):
            return out
    return out


def triage(log: str, cwd: Path = fx.TESTDATA, *args: str) -> subprocess.CompletedProcess:
    return run("triage", "--no-cache", *args, cwd=cwd, input=log.encode())


def verdicts(log: str, cwd: Path = fx.TESTDATA) -> list[dict]:
    p = triage(log, cwd, "--format", "json")
    assert p.returncode == 0 and b"Traceback" not in p.stderr, p.stderr
    return json.loads(p.stdout)["crashes"]


def with_prefix(log: str, name: str) -> str:
    return "".join(PREFIXES[name](i) + line + "\n" for i, line in enumerate(log.splitlines()))


# --- real crashes ---------------------------------------------------------------------

@pytest.fixture(scope="session")
def go() -> fx.GoTool:
    tool, why = fx.find_go()
    if tool is None:
        pytest.skip(why)
    if sys.platform != "linux":
        pytest.skip("the signal programs are Linux programs")
    return tool


@pytest.fixture(scope="session")
def rule_programs(go: fx.GoTool, tmp_path_factory) -> list[tuple[fx.Program, Path, Path]]:
    """Every run_ program that crashes: (program, binary, -trimpath binary)."""
    everything = [fx.read_program(d) for d in fx.program_folders()]
    programs = [p for p in everything if p.expect_panic]
    plain = fx.shared_build(go, everything, tmp_path_factory, "plain")  # the build test_go_fixtures runs
    trimmed = fx.shared_build(go, [dataclasses.replace(p, goflags=p.goflags + ("-trimpath",)) for p in programs],
                              tmp_path_factory, "trim")
    out = []
    for p in programs:
        assert not isinstance(plain[p.dir], str), plain[p.dir]
        assert not isinstance(trimmed[p.dir], str), trimmed[p.dir]
        out.append((p, plain[p.dir], trimmed[p.dir]))
    return out


@pytest.fixture(scope="session")
def triage_programs(go: fx.GoTool, tmp_path_factory) -> dict[str, dict[str, Path]]:
    """testdata/triage's programs: name -> {"plain": binary, "trim": binary}."""
    out: dict[str, dict[str, Path]] = {}
    for kind, flags in (("plain", ()), ("trim", ("-trimpath",))):
        target = tmp_path_factory.mktemp(kind)
        r = go.run("build", *flags, "-o", str(target) + os.sep, "./cmd/...", cwd=TRIAGE)
        assert r.returncode == 0, r.stderr
        for binary in target.iterdir():
            out.setdefault(binary.name, {})[kind] = binary
    assert set(out) == set(UNEXPLAINED) | set(EXPLAINED)
    return out


def _want_lines(program: fx.Program) -> set[tuple[str, int]]:
    return {(w.path.resolve().relative_to(fx.TESTDATA.resolve()).as_posix(), w.line)
            for f in fx.go_files(program.dir) for w in fx.parse_wants(f)}


def _chunks(items: list, n: int = traces.MAX_CRASHES) -> list[list]:
    return [items[i:i + n] for i in range(0, len(items), n)]


@pytest.mark.parametrize("build", ["plain", "trim"])
def test_every_rule_crash_is_mapped_to_its_line_and_rule(rule_programs, build: str):
    """Each rule's run_ programs: the crash is explained by the rule of the program's
    folder, at a line the program marks with a want. Up to 20 crashes per log, with
    unrelated log lines between them, as a log of restarts holds them."""
    runs = []
    for program, plain, trimmed in rule_programs:
        log = _crash_output(plain if build == "plain" else trimmed, want=program.panics,
                            attempts=max(program.attempts, 3))
        assert re.search(program.panics, log), (program.id, log[-2000:])
        runs.append((program, log))
    assert len(runs) >= 30
    for group in _chunks(runs):
        log = "".join(f"level=info msg=\"starting {p.id}\"\n{out}\nlevel=info msg=restarting\n" for p, out in group)
        found = verdicts(log)
        assert len(found) == len(group)
        for (program, _), v in zip(group, found):
            assert v["explained"], (program.id, v["reason"], v["crash"]["message"])
            f = v["finding"]
            assert f["code"] == fx.rule_of(program.dir), program.id
            assert (f["path"], f["line"]) in _want_lines(program), (program.id, f)


def test_unexplained_crashes_say_so_and_name_their_frame(triage_programs):
    """Crashes outside every rule (an index out of range, a nil *struct, an explicit
    panic, SIGBUS from a truncated mmap, SIGILL and SIGABRT from kill): mapped to the
    right frame, and never explained."""
    for name, (path, line) in UNEXPLAINED.items():
        for build in ("plain", "trim"):
            log = _crash_output(triage_programs[name][build])
            (v,) = verdicts(log)
            assert not v["explained"] and v["finding"] is None, (name, build, v)
            assert v["status"] in ("no-finding", "no-rule"), (name, v)
            assert (v["frame"]["path"], v["frame"]["line"]) == (path, line), (name, build, v["frame"])
            text = triage(log).stdout.decode()
            assert "no goguard finding explains this" in text, (name, text)
            assert "what it means" in text and "explained by" not in text


def test_signal_classes_are_read_from_the_runtime_output(triage_programs):
    classes = {}
    for name in ("sigbus", "sigill", "abort", "nilstruct"):
        (v,) = verdicts(_crash_output(triage_programs[name]["plain"]))
        classes[name] = (v["class"]["name"], v["crash"]["signal"])
    assert classes == {"sigbus": ("fault", "SIGBUS"), "sigill": ("illegal-instruction", "SIGILL"),
                       "abort": ("abort", "SIGABRT"), "nilstruct": ("nil-dereference", "SIGSEGV")}


@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_log_prefixes_are_stripped(triage_programs, prefix: str):
    for name, (rule, path, line) in EXPLAINED.items():
        log = with_prefix(_crash_output(triage_programs[name]["trim"]), prefix)
        (v,) = verdicts(log)
        assert v["explained"] and v["finding"]["code"] == rule, (name, prefix, v["reason"])
        assert (v["finding"]["path"], v["finding"]["line"]) == (path, line)
    (v,) = verdicts(with_prefix(_crash_output(triage_programs["index"]["plain"]), prefix))
    assert not v["explained"] and (v["frame"]["path"], v["frame"]["line"]) == UNEXPLAINED["index"]


@pytest.mark.parametrize("traceback", ["all", "crash", "system"])
def test_gotraceback_settings(triage_programs, rule_programs, traceback: str):
    """GOTRACEBACK=all lists every goroutine, crash and system add runtime frames and
    goroutine ids (`gp=... m=...`) and end in SIGABRT: the crash is still the panic."""
    log = _crash_output(triage_programs["nilmap"]["plain"], env={"GOTRACEBACK": traceback})
    (v,) = verdicts(log)
    assert v["explained"] and v["finding"]["code"] == "GG101" and v["finding"]["line"] == 17
    program, binary, _ = next(r for r in rule_programs if r[0].dir.name == "run_counts")
    log = _crash_output(binary, env={"GOTRACEBACK": traceback}, want=program.panics, attempts=5)
    (v,) = verdicts(log)
    assert v["explained"] and v["finding"]["code"] == "GG401", v["reason"]


def test_the_text_verdict_has_the_finding_its_flow_and_the_fix(triage_programs):
    p = triage(_crash_output(triage_programs["nilmap"]["plain"]), TRIAGE)
    assert p.returncode == 0, p.stderr
    text = p.stdout.decode()
    assert text.startswith("crash: panic: assignment to entry in nil map (goroutine 1; input line 1)\n")
    assert "frame: store/cache.go:17 in example.com/shop/store.(*Cache).Put\n" in text
    assert "explained by GG101 nil-map-write:\n" in text
    assert 'store/cache.go:17:2: assignment to entry in nil map "c.items" (GG101)' in text
    assert "field items (store/cache.go:8) is never set" in text
    assert "+func New() *Cache { return &Cache{items: make(map[string][]byte)} }" in text
    assert "rule page: goguard rule GG101" in text
    assert (TRIAGE / "store" / "cache.go").read_text().count("return &Cache{}") == 1  # shown, not applied


def test_a_recovered_http_panic_is_triaged(triage_programs):
    log = _crash_output(triage_programs["httppanic"]["plain"]) or ""
    assert "http: panic serving" in log
    (v,) = verdicts(log)
    assert v["crash"]["kind"] == "recovered panic" and v["explained"]


def test_a_tree_that_is_not_the_code_that_crashed_is_not_guessed_at(triage_programs, tmp_path: Path):
    log = _crash_output(triage_programs["nilmap"]["trim"])
    edited = tmp_path / "shop"
    shutil.copytree(TRIAGE, edited)
    cache = edited / "store" / "cache.go"
    cache.write_text("".join(f"// line {i}\n" for i in range(30)) + cache.read_text())
    (v,) = verdicts(log, edited)
    assert v["status"] == "stale" and not v["explained"], v
    assert "line 17 of store/cache.go is in no function, the trace says (*Cache).Put" in v["reason"]
    text = triage(log, edited).stdout.decode()
    assert "no goguard finding explains this: the tree is not the code that crashed" in text
    # Not the checkout at all: nothing maps, nothing is claimed.
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    (v,) = verdicts(log, elsewhere)
    assert v["status"] == "not-in-tree" and v["frame"] is None
    # --root names the checkout from elsewhere.
    p = run("triage", "--no-cache", "--root", str(TRIAGE), "--format", "json", cwd=elsewhere, input=log.encode())
    assert json.loads(p.stdout)["crashes"][0]["explained"]


# --- the parts, on text and files (no go needed) ----------------------------------------

NIL_MAP_TRACE = """panic: assignment to entry in nil map

goroutine 1 [running]:
example.com/shop/store.(*Cache).Put(...)
	/build/src/example.com/shop/store/cache.go:17
main.main()
	/build/src/example.com/shop/cmd/nilmap/main.go:8 +0x54
exit status 2
"""


def test_frames_map_by_path_suffix_in_every_form(tmp_path: Path):
    tree = Tree(str(TRIAGE))
    forms = ["/build/src/example.com/shop/store/cache.go", "example.com/shop/store/cache.go",
             "/root/go/pkg/mod/example.com/shop@v1.4.2/store/cache.go", "C:\\src\\shop\\store\\cache.go",
             "store/cache.go"]
    for form in forms:
        loc = tree.locate(Frame("example.com/shop/store.(*Cache).Put", form, 17))
        assert loc.abspath == str(TRIAGE / "store" / "cache.go"), (form, loc.why)
    for function in ("main.main", "main.main.func1", "main.main.gowrap2"):
        assert tree.locate(Frame(function, "/x/cmd/index/main.go", 12)).abspath, function
    # The name alone is not enough: the function at the line must be the frame's.
    wrong = tree.locate(Frame("example.com/shop/store.Load", "/b/store/cache.go", 17))
    assert wrong.abspath is None and wrong.stale and "is in (*Cache).Put" in wrong.why
    assert tree.locate(Frame("x.f", "/b/none.go", 3)).why == "not in this tree"
    # Two copies that fit as well: ambiguous, nothing claimed.
    for d in ("a", "b"):
        (tmp_path / d / "store").mkdir(parents=True)
        shutil.copy(TRIAGE / "store" / "cache.go", tmp_path / d / "store" / "cache.go")
    twice = Tree(str(tmp_path)).locate(Frame("shop/store.(*Cache).Put", "/build/store/cache.go", 17))
    assert twice.abspath is None and twice.why.startswith("ambiguous: 2 files")
    # A longer shared suffix wins over a shorter one.
    best = Tree(str(tmp_path)).locate(Frame("shop/store.(*Cache).Put", "/build/b/store/cache.go", 17))
    assert best.abspath == str(tmp_path / "b" / "store" / "cache.go")


def test_generic_and_value_receivers_and_closures(tmp_path: Path):
    (tmp_path / "l.go").write_text("package l\n\ntype List[T any] struct{ m map[int]T }\n\n"
                                   "func (l *List[T]) Push(v T) {\n\tl.m[0] = v\n}\n\n"
                                   "type V struct{}\n\nfunc (V) Get() {\n\tfunc() {\n\t\tpanic(1)\n\t}()\n}\n\n"
                                   "var glob = func() int {\n\treturn 1\n}()\n\nfunc init() {\n\tprintln()\n}\n")
    tree = Tree(str(tmp_path))
    for function, line in (("x/l.(*List[...]).Push", 6), ("x/l.V.Get.func1", 13), ("x/l.glob..func1", 18),
                           ("x/l.init.0", 22)):
        assert tree.locate(Frame(function, "/a/l.go", line)).abspath, function
    assert not tree.locate(Frame("x/l.(*List[...]).Pop", "/a/l.go", 6)).abspath


def test_crash_classes_by_message():
    def cls(message: str, kind: str = "panic") -> str:
        return classify(traces.Crash(kind, message, 1)).name

    assert cls("assignment to entry in nil map") == "nil-map-write"
    assert cls("runtime error: invalid memory address or nil pointer dereference") == "nil-dereference"
    assert cls("concurrent map read and map write", "fatal error") == "concurrent-map-access"
    assert cls("checkptr: converted pointer straddles multiple allocations", "fatal error") == "checkptr"
    assert cls("runtime error: index out of range [3] with length 1") == "index-out-of-range"
    assert cls("all goroutines are asleep - deadlock!", "fatal error") == "deadlock"
    assert cls("runtime error: hash of unhashable type []int") == "runtime-error"
    assert cls("boom") == "explicit-panic"
    assert cls("something new", "fatal error") == "fatal-error"


def test_nested_panics_and_a_test_failure(tmp_path: Path):
    log = ("--- FAIL: TestPut (0.00s)\npanic: assignment to entry in nil map [recovered]\n"
           "\tpanic: assignment to entry in nil map\n\n" + NIL_MAP_TRACE.split("\n\n", 1)[1])
    (crash,) = traces.parse(log)
    assert crash.message == "assignment to entry in nil map" and crash.nested == ["assignment to entry in nil map"]
    assert [f.line for f in crash.frames] == [17, 8]


def test_the_docs_page_covers_every_crash_class():
    page = (REPO / "docs" / "crash-to-fix.md").read_text()
    for cls in ALL:
        assert f"`{cls.name}`" in page, cls.name
        for rule in cls.rules:
            assert rule in page
    for text in ("assignment to entry in nil map", "concurrent map writes", "checkptr", "SIGBUS", "SIGABRT",
                 "SIGILL", "GOTRACEBACK=crash", "recover"):
        assert text in page, text


def test_readme_triage_commands_run(tmp_path: Path):
    text = (REPO / "README.md").read_text()
    section = text.split("## From a crash to a fix", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    log = tmp_path / "crash.log"
    log.write_text(NIL_MAP_TRACE)
    commands = [c.split("  #", 1)[0].strip() for c in block.splitlines() if c.strip()]
    assert len(commands) >= 2
    for command in commands:
        argv = shlex.split(command)
        if argv[0] != "goguard":  # `kubectl logs ... | goguard triage`: the log comes on stdin
            argv = shlex.split(command.split("|", 1)[1])
        argv = [str(log) if a == "crash.log" else a for a in argv]
        p = run(*argv[1:], cwd=TRIAGE, input=NIL_MAP_TRACE.encode())
        assert p.returncode == 0 and b"GG101" in p.stdout, (command, p.stdout, p.stderr)


# --- hostile input -------------------------------------------------------------------

def test_no_crash_binary_and_unreadable_input(tmp_path: Path):
    p = triage("just a log line\nanother\n")
    assert p.returncode == 1 and b"no Go crash found in the input" in p.stderr
    p = triage("")
    assert p.returncode == 1
    p = run("triage", "--no-cache", cwd=tmp_path, input=bytes(range(256)) * 4096)
    assert p.returncode == 2 and p.stderr.startswith(b"goguard: error: the input is binary") and not p.stdout
    p = run("triage", str(tmp_path / "missing.log"), cwd=tmp_path)
    assert p.returncode == 2 and b"cannot read" in p.stderr and b"missing.log" in p.stderr
    p = run("triage", str(tmp_path), cwd=tmp_path)
    assert p.returncode == 2 and b"Traceback" not in p.stderr
    p = run("triage", "--root", str(tmp_path / "nope"), cwd=tmp_path, input=NIL_MAP_TRACE.encode())
    assert p.returncode == 2 and b"--root" in p.stderr


def test_a_huge_log_is_read_from_its_end(tmp_path: Path):
    big = tmp_path / "big.log"
    filler = ("x" * 4000 + "\n").encode()
    with open(big, "wb") as fh:
        fh.write(b"panic: an old crash cut off by the limit\n")
        for _ in range((traces.MAX_BYTES // len(filler)) + 100):
            fh.write(filler)
        fh.write(b"y" * (3 << 20) + b"\n")  # one 3 MB line
        fh.write(NIL_MAP_TRACE.encode())
    p = run("triage", "--no-cache", "--format", "json", str(big), cwd=TRIAGE, timeout=300)
    assert p.returncode == 0, p.stderr
    assert b"larger than 64 MB: only its last 64 MB are read" in p.stderr
    (v,) = json.loads(p.stdout)["crashes"]
    assert v["explained"] and v["finding"]["code"] == "GG101"
    data, cut = traces.read_tail(open(big, "rb"), limit=1 << 20)
    assert cut and len(data) == 1 << 20 and data.endswith(NIL_MAP_TRACE.encode())


def test_escapes_and_pathological_lines_stay_inert(tmp_path: Path):
    hostile = ("panic: \x1b]8;;http://x\x07click\x1b[2J\r::error::owned\n\ngoroutine 1 [running]:\n"
               "main.main()\n\t/../../../../etc/passwd:1 +0x1\n"
               "main.f(" + "(" * 50000 + ")\n\t$(touch pwned).go:3\n"
               "goroutine 2 [" + "a" * 100000 + "\n" + "\t" + ":" * 100000 + "\n"
               "panic: " + "[signal " * 20000 + "\n")
    p = triage(hostile, tmp_path, )
    assert p.returncode == 0 and b"Traceback" not in p.stderr, p.stderr
    out = p.stdout.decode()
    assert "\x1b" not in out and "\r" not in out and "\x07" not in out
    assert not any(line.startswith("::") for line in out.splitlines())
    assert "\\x1b]8;;http://x\\aclick" in out
    assert not (tmp_path / "pwned").exists() and not list(tmp_path.iterdir())
    assert "not in this tree" in triage(hostile, tmp_path, "--format", "json").stdout.decode()


def test_a_suppressed_finding_still_explains_the_crash_and_shows_its_reason(tmp_path: Path):
    shop = tmp_path / "shop"
    shutil.copytree(TRIAGE, shop)
    cache = shop / "store" / "cache.go"
    cache.write_text(cache.read_text().replace("c.items[k] = v", "c.items[k] = v //goguard:ignore GG101 made by Init"))
    p = triage(NIL_MAP_TRACE, shop)
    text = p.stdout.decode()
    assert "explained by GG101" in text and "[suppressed: made by Init]" in text, text


def _spaces_for_tabs(log: str) -> str:
    return log.replace("\t", " " * 8)


def test_expanded_tabs_repeated_fatal_lines_and_indented_pastes(rule_programs):
    """Shapes of real logs: a pipeline that turned tabs into 8 spaces, under a journald
    prefix; a fatal error printed twice (two threads caught it); a trace pasted
    indented into an issue."""
    program, binary, _ = next(r for r in rule_programs if r[0].dir.name == "run_counts")
    log = _crash_output(binary, want=program.panics, attempts=5)
    variants = {
        "spaces": _spaces_for_tabs(log),
        "journald+spaces": with_prefix(_spaces_for_tabs(log), "journald"),
        "twice": log.replace("fatal error: concurrent map writes\n",
                             "fatal error: concurrent map writes\nfatal error: concurrent map writes\n", 1),
        "indented": "".join("    " + line + "\n" for line in log.splitlines()),
    }
    for name, text in variants.items():
        found = verdicts(text)
        assert len(found) == 1, (name, [v["crash"]["message"] for v in found])
        assert found[0]["explained"] and found[0]["finding"]["code"] == "GG401", (name, found[0]["reason"])


def test_endless_streams_and_huge_trees_end(tmp_path: Path, monkeypatch):
    if os.path.exists("/dev/zero"):
        p = run("triage", "/dev/zero", cwd=tmp_path, timeout=60)
        assert p.returncode == 2 and b"binary" in p.stderr

    class Endless:
        def read(self, n: int) -> bytes:
            return b"log line\n" * (n // 9)

    with pytest.raises(traces.TraceError, match="goes on past"):
        traces.read_tail(Endless(), limit=1 << 20, most=8 << 20)
    for i in range(5):
        (tmp_path / f"d{i}").mkdir()
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.22\n")
    monkeypatch.setattr("goguard.triage.tree.MAX_DIRS", 3)
    said = []
    Tree(str(tmp_path), said.append)
    assert said and "more than" in said[0] and "--root" in said[0]


def test_a_large_folder_in_no_module_is_not_walked_through(tmp_path: Path, monkeypatch):
    """Run from a home folder by mistake: no go.mod at or above it, and more folders
    than a checkout has. It says so at once (exit 2) instead of walking all of it."""
    from cli_support import invoke

    home = tmp_path / "home"
    for i in range(8):
        (home / f"d{i}" / "sub").mkdir(parents=True)
    (home / "crash.log").write_text("panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\n"
                                    "main.main()\n\t/src/app/main.go:7 +0x2c\nexit status 2\n")
    monkeypatch.setattr("goguard.triage.tree.MAX_DIRS_OUTSIDE_A_MODULE", 5)
    monkeypatch.chdir(home)
    r = invoke("triage", "crash.log")
    assert r.exit_code == 2
    assert "is in no Go module (no go.mod at or above it) and holds more than 5 folders" in r.stderr
    assert "--root" in r.stderr
    # A checkout of several modules, small enough, is still walked.
    monkeypatch.setattr("goguard.triage.tree.MAX_DIRS_OUTSIDE_A_MODULE", 100)
    assert invoke("triage", "crash.log").exit_code == 0


def test_a_failing_go_test_in_a_ci_log(go: fx.GoTool):
    """`go test` output of a panicking test (`[recovered, repanicked]`, testing's own
    frames first), as a GitHub Actions log shows it."""
    r = go.run("test", "-count=1", "./store", cwd=TRIAGE)
    assert r.returncode != 0 and "--- FAIL: TestPut" in r.stdout, r.stdout + r.stderr
    for log in (r.stdout, with_prefix(r.stdout, "github-actions")):
        (v,) = verdicts(log)
        assert v["explained"] and v["finding"]["code"] == "GG101" and v["finding"]["line"] == 17, v["reason"]


def test_the_docs_sample_output_is_what_triage_prints():
    page = (REPO / "docs" / "crash-to-fix.md").read_text()
    sample = page.split("## What it prints", 1)[1].split("```\n", 2)[1]
    got = triage(NIL_MAP_TRACE, TRIAGE).stdout.decode().splitlines()
    shown = [line for line in sample.splitlines() if line.strip() != "..."]
    assert len(shown) >= 8
    for line in shown:
        assert line in got, line


def test_the_checkouts_configuration_is_read_from_root(tmp_path: Path):
    shop = tmp_path / "shop"
    shutil.copytree(TRIAGE, shop)
    (shop / "goguard.toml").write_text("no-such-key = 1\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    p = run("triage", "--root", str(shop), cwd=elsewhere, input=NIL_MAP_TRACE.encode())
    assert p.returncode == 2 and b"goguard.toml" in p.stderr and b"no-such-key" in p.stderr, p.stderr
    (shop / "goguard.toml").write_text('go-version = "1.22"\n')
    p = run("triage", "--root", str(shop), "--no-cache", cwd=elsewhere, input=NIL_MAP_TRACE.encode())
    assert p.returncode == 0 and b"explained by GG101" in p.stdout, p.stderr


def test_mangled_traces_never_raise():
    """Lines dropped, doubled, cut short or shuffled, bytes flipped: the reader and the
    frame mapping return something for every variant and never raise (a fixed seed,
    so a failure repeats)."""
    import random

    from goguard.triage.explain import triage as verdict_of

    rng = random.Random(1729)
    tree = Tree(str(TRIAGE))
    base = (NIL_MAP_TRACE + "\n" + NIL_MAP_TRACE.replace("panic: assignment to entry in nil map",
                                                         "fatal error: concurrent map writes")).splitlines()
    for _ in range(400):
        lines = list(base)
        for _ in range(rng.randint(1, 6)):
            op = rng.randrange(5)
            k = rng.randrange(len(lines)) if lines else 0
            if not lines:
                break
            if op == 0:
                del lines[k]
            elif op == 1:
                lines.insert(k, lines[k])
            elif op == 2:
                lines[k] = lines[k][:rng.randrange(len(lines[k]) + 1)]
            elif op == 3:
                rng.shuffle(lines)
            else:
                chars = list(lines[k])
                if chars:
                    chars[rng.randrange(len(chars))] = chr(rng.randrange(1, 0x3000))
                lines[k] = "".join(chars)
        for crash in traces.parse("\n".join(lines)):
            v = verdict_of(crash, tree, lambda directory, codes: [])
            assert v.status in ("no-finding", "no-rule", "not-in-tree", "stale", "no-frames")
            assert isinstance(v.reason, str)


def test_a_stale_verdict_quoting_a_hostile_function_name_stays_inert():
    log = ("panic: runtime error: index out of range [3] with length 1\n\ngoroutine 1 [running]:\n"
           "main.\x1b[2J\x1b]0;owned\x07main()\n\t/x/cmd/index/main.go:12 +0x14\n")
    p = triage(log, TRIAGE)
    out = p.stdout.decode()
    assert p.returncode == 0 and "the tree is not the code that crashed" in out, out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out


def test_a_tree_file_that_cannot_be_read_is_not_called_stale(monkeypatch):
    monkeypatch.setattr("goguard.triage.tree.MAX_FILE_BYTES", 10)
    loc = Tree(str(TRIAGE)).locate(Frame("example.com/shop/store.(*Cache).Put", "/b/store/cache.go", 17))
    assert loc.abspath is None and not loc.stale and loc.why == "store/cache.go cannot be read"


def test_the_tree_walk_does_not_follow_symlinked_folders(tmp_path: Path):
    (tmp_path / "a").mkdir()
    shutil.copy(TRIAGE / "store" / "cache.go", tmp_path / "a" / "cache.go")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert Tree(str(tmp_path)).files == 1
