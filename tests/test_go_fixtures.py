"""The fixtures are real Go: every module under testdata/ builds, every run_* program
crashes the way its `// panics:` line says (through a line that carries a want), and
every runok_* program exits 0. Skipped when no go toolchain is found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import fixtures as fx

MODULES = fx.module_roots()
PROGRAMS = fx.program_folders()


@pytest.fixture(scope="session")
def go() -> fx.GoTool:
    tool, why = fx.find_go()
    if tool is None:
        pytest.skip(why)
    return tool


@pytest.fixture(scope="session")
def binaries(go: fx.GoTool, tmp_path_factory) -> dict[Path, Path | str]:
    """Every program built once per test session, shared by the workers and by
    test_triage (one go build per module and flag set)."""
    return fx.shared_build(go, [fx.read_program(d) for d in PROGRAMS], tmp_path_factory, "plain")


def test_there_is_a_module_and_programs() -> None:
    assert fx.TESTDATA / "go.mod" in [m / "go.mod" for m in MODULES]
    assert PROGRAMS


@pytest.mark.parametrize("module", MODULES, ids=[fx.rel(m) for m in MODULES])
def test_module_builds(go: fx.GoTool, module: Path) -> None:
    """Type-checks and compiles every package of the module (nested modules on their own)."""
    r = go.run("build", "-o", os.devnull, "./...", cwd=module)
    assert r.returncode == 0, f"go build ./... in {fx.rel(module)} failed:\n{r.stderr}"


@pytest.mark.parametrize("folder", PROGRAMS, ids=[str(p.relative_to(fx.TESTDATA)) for p in PROGRAMS])
def test_program(folder: Path, binaries: dict[Path, Path | str], tmp_path: Path) -> None:
    program = fx.read_program(folder)
    binary = binaries[program.dir]
    assert not isinstance(binary, str), binary
    problems = fx.check_program(program, binary, cwd=tmp_path)
    assert not problems, "\n".join(problems)


def test_find_go_uses_a_working_toolchain(go: fx.GoTool) -> None:
    r = go.run("version", cwd=fx.TESTDATA, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("go version go"), r.stderr
    assert go.version >= fx.MIN_GO


def test_program_check_catches_a_program_that_does_not_crash(go: fx.GoTool, tmp_path: Path) -> None:
    """Harness self-test: a run_ program that exits 0, or crashes away from its want,
    or with other stderr, fails the check."""
    module = tmp_path / "m"
    files = {
        "go.mod": "module selftest\n\ngo 1.22\n",
        "run_quiet/main.go": '// panics: nil map\npackage main\n\nfunc main() { println("fine") } // want "x"\n',
        "run_elsewhere/main.go": (
            "// panics: assignment to entry in nil map\npackage main\n\n"
            "var m map[string]int\n\nfunc main() {\n\tprintln() // want \"x\"\n\tm[\"a\"] = 1\n}\n"),
        "run_good/main.go": (
            "// panics: assignment to entry in nil map\npackage main\n\n"
            "var m map[string]int\n\nfunc main() {\n\tm[\"a\"] = 1 // want \"x\"\n}\n"),
        "runok_crash/main.go": "package main\n\nfunc main() { panic(\"boom\") }\n",
        "run_printsgood/main.go": ('// prints: ^c c c$\npackage main\n\nimport "fmt"\n\n'
                                   'func main() {\n\tvar v string\n\tvar out []*string\n'
                                   '\tfor _, s := range []string{"a", "b", "c"} {\n\t\tv = s\n'
                                   '\t\tout = append(out, &v) // want "x"\n\t}\n'
                                   '\tfmt.Println(*out[0], *out[1], *out[2])\n}\n'),
        "run_printswrong/main.go": '// prints: ^c c c$\npackage main\n\nfunc main() { println("a b c") } // want "x"\n',
        "run_printsnowant/main.go": '// prints: ^ok$\npackage main\n\nimport "fmt"\n\nfunc main() { fmt.Println("ok") }\n',
    }
    for rel, text in files.items():
        (module / rel).parent.mkdir(parents=True, exist_ok=True)
        (module / rel).write_text(text)
    programs = [fx.read_program(module / d) for d in ("run_quiet", "run_elsewhere", "run_good", "runok_crash",
                                                      "run_printsgood", "run_printswrong", "run_printsnowant")]
    built = fx.build_programs(go, programs, tmp_path / "bin")
    results = {p.dir.name: fx.check_program(p, built[p.dir], cwd=tmp_path) for p in programs}
    assert results["run_good"] == []
    assert any("exit status 0" in x for x in results["run_quiet"])
    assert any("does not match panics" in x for x in results["run_quiet"])
    assert any("none of which carries a want" in x for x in results["run_elsewhere"])
    assert any("exit status 2, want 0" in x for x in results["runok_crash"])
    # A printing program: stdout must match, and a want must mark the corrupting line.
    assert results["run_printsgood"] == []
    assert any("stdout does not match prints" in x for x in results["run_printswrong"])
    assert any("needs a want" in x for x in results["run_printsnowant"])
