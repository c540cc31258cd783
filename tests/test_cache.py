"""The result cache: a warm run prints exactly what a cold one does, and any change
that could change a result (a file, a package it reads, the configuration, goguard's
own code) makes it analyse again. Corrupt entries are ignored, concurrent runs are
safe, and the folder is bounded."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from cli_support import run, script, write_tree

from goguard import cache

GO_MOD = "module example.com/m\n\ngo 1.22\n"
CONF = """package conf

type Config struct {
	Ports map[int]string
}
"""
APP = """package app

import "example.com/m/conf"

func Set() {
	var c conf.Config
	c.Ports[1] = "http"
}

func Keep(vs []int) []*int {
	var v int
	var out []*int
	for _, x := range vs {
		v = x
		out = append(out, &v)
	}
	return out
}
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "m"
    write_tree(root, {"go.mod": GO_MOD, "conf/conf.go": CONF, "app/app.go": APP,
                      "app/latin1.go": b"package app\n\n// caf\xe9\n"})
    return root


def check(root: Path, cache_dir: Path, *extra: str) -> tuple[int, bytes, bytes]:
    p = run("check", "--format", "json", "--cache-dir", str(cache_dir), *extra, "./...", cwd=root)
    return p.returncode, p.stdout, p.stderr


def test_warm_run_is_byte_identical(tree: Path, tmp_path: Path) -> None:
    c = tmp_path / "cache"
    cold = check(tree, c)
    assert cold[0] == 1 and b"GG101" in cold[1] and b"GG201" in cold[1] and b"not valid UTF-8" in cold[2]
    assert cache.entries(str(c))  # written
    assert check(tree, c) == cold  # read back: findings, warnings, exit status
    uncached = run("check", "--format", "json", "--no-cache", "./...", cwd=tree)
    assert (uncached.returncode, uncached.stdout, uncached.stderr) == cold


def test_editing_a_file_analyses_it_again(tree: Path, tmp_path: Path) -> None:
    c = tmp_path / "cache"
    check(tree, c)
    app = tree / "app" / "app.go"
    app.write_text(APP.replace('c.Ports[1] = "http"', "_ = c"))
    _, out, _ = check(tree, c)
    assert b"GG101" not in out and b"GG201" in out


def test_a_change_in_a_package_it_reads_analyses_it_again(tree: Path, tmp_path: Path) -> None:
    """app's GG101 finding rests on conf's declaration of Ports: make it a slice, and
    the cached result of app (whose own files did not change) must not be used."""
    c = tmp_path / "cache"
    assert b"GG101" in check(tree, c)[1]
    (tree / "conf" / "conf.go").write_text(CONF.replace("map[int]string", "[]string"))
    assert b"GG101" not in check(tree, c)[1]


def _age_entries(cache_dir: Path) -> set[str]:
    """Mark every entry as old; returns their paths."""
    paths = {p for _, _, p in cache.entries(str(cache_dir))}
    for p in paths:
        os.utime(p, (1000, 1000))
    return paths


def _rewritten(cache_dir: Path, old: set[str]) -> set[str]:
    """Entries written since `_age_entries`: new keys and rewritten old ones."""
    return {p for m, _, p in cache.entries(str(cache_dir)) if m != 1000}


def _entry_of(cache_dir: Path, folder: str) -> set[str]:
    return {p for _, _, p in cache.entries(str(cache_dir)) if f"/{folder}/" in Path(p).read_text()}


@pytest.mark.parametrize("edit", [
    lambda src: src + "\n// a comment appended\n",
    lambda src: src.replace("return Config{}", "return Config{Ports: map[int]string{}}"),
    lambda src: src.replace("package conf\n", "package conf\n\n// Package conf holds settings.\n"),
])
def test_a_package_it_reads_changing_only_bodies_or_comments_is_still_a_hit(tree: Path, tmp_path: Path, edit) -> None:
    """Packages that read another's declarations key on a digest of those declarations,
    not on its bytes: a comment, or a body, changed there leaves them cached."""
    c = tmp_path / "cache"
    cold = check(tree, c)
    conf = tree / "conf" / "conf.go"
    conf.write_text(CONF + "\nfunc Default() Config {\n\treturn Config{}\n}\n")
    check(tree, c)
    old = _age_entries(c)
    conf.write_text(edit(conf.read_text()))
    assert check(tree, c) == cold
    written = _rewritten(c, old)
    assert written and not written & _entry_of(c, "app")  # only conf's own entry is new


@pytest.mark.parametrize("edit", [
    lambda d: (d / "conf.go").write_text(CONF.replace("Ports map[int]string", "Ports map[int]string\n\tName string")),
    lambda d: (d / "more.go").write_text("package conf\n\ntype Extra int\n"),
    lambda d: (d / "conf.go").write_text(CONF + "\nfunc Default(n int) Config {\n\treturn Config{}\n}\n"),
])
def test_a_package_it_reads_changing_its_declarations_is_a_miss(tree: Path, tmp_path: Path, edit) -> None:
    c = tmp_path / "cache"
    (tree / "conf" / "conf.go").write_text(CONF + "\nfunc Default() Config {\n\treturn Config{}\n}\n")
    check(tree, c)
    old = _age_entries(c)
    edit(tree / "conf")
    check(tree, c)
    assert _rewritten(c, old) & _entry_of(c, "app")  # app analysed again


def test_configuration_is_part_of_the_key(tree: Path, tmp_path: Path) -> None:
    c = tmp_path / "cache"
    check(tree, c)
    _, out, _ = check(tree, c, "--select", "GG201")
    assert b"GG101" not in out and b"GG201" in out
    (tree / "goguard.toml").write_text('ignore = ["GG201"]\n')
    _, out, _ = check(tree, c)
    assert b"GG201" not in out and b"GG101" in out


def test_goguards_own_code_is_part_of_the_key(tree: Path, tmp_path: Path, monkeypatch) -> None:
    from goguard.engine import Options

    unit_key = cache.Cache(str(tmp_path), Options()).salt
    monkeypatch.setattr(cache, "code_hash", lambda: "another build")
    assert cache.Cache(str(tmp_path), Options()).salt != unit_key


def test_corrupt_and_foreign_entries_are_ignored_and_rewritten(tree: Path, tmp_path: Path) -> None:
    c = tmp_path / "cache"
    cold = check(tree, c)
    paths = [p for _, _, p in cache.entries(str(c))]
    Path(paths[0]).write_text("{not json")
    for p in paths[1:]:
        Path(p).write_text('{"version": 999}')
    assert check(tree, c) == cold
    assert all(Path(p).read_text().startswith(f'{{"version": {cache.VERSION}') for p in paths)


def test_concurrent_runs_share_one_cache(tree: Path, tmp_path: Path) -> None:
    c = tmp_path / "cache"
    cold = run("check", "--format", "json", "--no-cache", "./...", cwd=tree)
    procs = [subprocess.Popen([script(), "check", "--format", "json", "--cache-dir", str(c), "./..."],
                              cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert (p.returncode, out, err) == (cold.returncode, cold.stdout, cold.stderr)
    assert check(tree, c) == (cold.returncode, cold.stdout, cold.stderr)
    assert not [p for p in c.rglob(".tmp-*")]  # no temporary file left behind


def test_cache_info_and_clean(tree: Path, tmp_path: Path) -> None:
    c = tmp_path / "cache"
    check(tree, c)
    n = len(cache.entries(str(c)))
    info = run("cache", "info", "--cache-dir", str(c), cwd=tree)
    assert info.returncode == 0 and f"entries: {n} ".encode() in info.stdout and str(c).encode() in info.stdout
    cleaned = run("cache", "clean", "--cache-dir", str(c), cwd=tree)
    assert cleaned.returncode == 0 and f"removed {n} ".encode() in cleaned.stdout
    assert cache.entries(str(c)) == []


def test_the_environment_names_the_folder(tree: Path, tmp_path: Path) -> None:
    c = tmp_path / "from-env"
    run("check", "./...", cwd=tree, env={"GOGUARD_CACHE_DIR": str(c)})
    assert cache.entries(str(c))
    run("check", "--no-cache", "./...", cwd=tree, env={"GOGUARD_CACHE_DIR": str(tmp_path / "unused")})
    assert not (tmp_path / "unused").exists()


def test_the_folder_is_bounded(tmp_path: Path) -> None:
    import os

    root = Path(cache.layout(str(tmp_path)))
    for i in range(10):
        name = f"{i:02d}" + "0" * 62
        p = root / "entries" / name[:2] / f"{name}.json"
        p.parent.mkdir(parents=True)
        p.write_bytes(b"x" * 1000)
        os.utime(p, (1_000_000 + i, 1_000_000 + i))
    (root / cache.TAG_NAME).write_text(cache.TAG)
    assert cache.trim(str(tmp_path), max_bytes=4500) == 6
    assert sorted(Path(p).name[:2] for _, _, p in cache.entries(str(tmp_path))) == \
        ["06", "07", "08", "09"]  # the newest kept


def _foreign(folder: Path) -> dict[Path, int]:
    """Files a user keeps in a folder mistaken for a cache: their sizes by path."""
    files = {folder / "package.json": 40, folder / ".vscode" / "settings.json": 20,
             folder / "ab" / ("ab" + "0" * 62 + ".json"): 30,  # looks like an old entry; isn't one
             folder / "decls" / "notes.decl": 10}
    for p, size in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"{" + b"x" * (size - 2) + b"}")
    big = folder / "data.json"
    with open(big, "wb") as fh:  # 300 MB, sparse: bigger than the trim's bound on its own
        fh.truncate(300 << 20)
    files[big] = 300 << 20
    return files


def test_clean_and_trim_touch_only_goguards_own_files(tree: Path, tmp_path: Path) -> None:
    c = tmp_path / "shared"
    theirs = _foreign(c)
    cold = check(tree, c)
    assert cache.entries(str(c)) and all(p.stat().st_size == n for p, n in theirs.items())
    assert cache.trim(str(c), max_bytes=0) > 0  # every entry of goguard's goes; nothing else
    assert cache.entries(str(c)) == [] and all(p.stat().st_size == n for p, n in theirs.items())
    assert check(tree, c) == cold
    cleaned = run("cache", "clean", "--cache-dir", str(c), cwd=tree)
    assert cleaned.returncode == 0 and b"removed" in cleaned.stdout
    assert all(p.stat().st_size == n for p, n in theirs.items())
    assert not Path(cache.layout(str(c))).exists()  # its own folders go with it
    assert sorted(p.relative_to(c).as_posix() for p in c.rglob("*") if p.is_file()) == \
        sorted(p.relative_to(c).as_posix() for p in theirs)


def test_clean_of_a_folder_without_goguards_layout_deletes_nothing(tmp_path: Path) -> None:
    c = tmp_path / "home-cache"
    theirs = _foreign(c)
    got = run("cache", "clean", "--cache-dir", str(c), cwd=tmp_path)
    assert got.returncode == 0 and b"holds no cache of goguard's: nothing removed" in got.stdout
    assert all(p.stat().st_size == n for p, n in theirs.items())
    # A layout folder whose tag is not goguard's is not goguard's either.
    fake = Path(cache.layout(str(c))) / "entries" / "ab"
    fake.mkdir(parents=True)
    (fake / ("ab" + "1" * 62 + ".json")).write_text("{}")
    (fake.parents[1] / cache.TAG_NAME).write_text("Signature: 8a477f597d28d172789f06886806bc55\n# restic\n")
    assert b"nothing removed" in run("cache", "clean", "--cache-dir", str(c), cwd=tmp_path).stdout
    assert (fake / ("ab" + "1" * 62 + ".json")).exists()


def test_clean_removes_entries_of_the_format_before_the_layout(tmp_path: Path) -> None:
    c = tmp_path / "old"
    key = "cd" + "2" * 62
    old = c / "cd" / f"{key}.json"
    old.parent.mkdir(parents=True)
    old.write_text(f'{{"version": 3, "key": "{key}", "findings": []}}')
    side = c / "decls" / "ef" / ("ef" + "3" * 62 + ".decl")
    side.parent.mkdir(parents=True)
    side.write_text("4" * 64)
    mine = c / "cd" / ("cd" + "5" * 62 + ".json")  # the same name's shape, not goguard's content
    mine.write_text('{"version": 3, "key": "someone else"}')
    got = run("cache", "clean", "--cache-dir", str(c), cwd=tmp_path)
    assert got.returncode == 0 and b"removed 1 entry" in got.stdout
    assert not old.exists() and not side.exists() and mine.exists()


def _mutations(entry: dict):
    """Entries that are valid JSON of the wrong shape: each field (and each field of a
    finding, a flow step, a fix) replaced by values of other types."""
    wrong = [None, 1, -1, 1.5, True, "x", [], {}, [1, 2, 3], [None], ["a"], [[1, 2, 3]], {"a": 1}]
    for k in entry:
        for v in wrong:
            yield {**entry, k: v}
        yield {kk: vv for kk, vv in entry.items() if kk != k}
    yield {**entry, "deps": [[1, 2]], "decls": [[1, 2, 3]]}
    yield {**entry, "deps": [["/dev/zero", "0" * 64]]}
    yield {**entry, "decls": [["/dev/zero", "0" * 64, "0" * 64]]}
    f = entry["findings"][0]
    for k in list(f) + ["extra"]:
        for v in wrong:
            yield {**entry, "findings": [{**f, k: v}]}
    yield {**entry, "findings": [{**f, "flow": [{"path": 1, "line": "x", "column": None, "note": []}]}]}
    yield {**entry, "findings": [{**f, "fix": {"description": "d", "safe": "yes", "edits": [{"start": "0"}]}}]}
    yield {**entry, "findings": [{**f, "fix": {"description": "d", "safe": True, "edits": [None]}}]}
    yield [entry]
    yield "entry"
    yield 7


def test_entries_of_every_wrong_shape_are_rewritten_without_a_traceback(tree: Path, tmp_path: Path) -> None:
    import json

    c = tmp_path / "cache"
    cold = check(tree, c)
    paths = [p for _, _, p in cache.entries(str(c)) if '"findings": [{' in Path(p).read_text()]
    assert paths
    good = json.loads(Path(paths[0]).read_text())
    mutants = list(_mutations(good))
    assert len(mutants) > 200
    # Each shape is written in place of the entry, then loaded as a run would.
    from goguard.engine import Options, Result

    store = cache.Cache(str(c), Options())
    for m in mutants:
        Path(paths[0]).write_text(json.dumps(m))
        cache.forget()
        got = store.load(good["key"])
        assert got is None or isinstance(got, Result)
        if got is None:
            assert not Path(paths[0]).exists() or json.loads(Path(paths[0]).read_text()) == m
    # And through the command: the run is the cold run, and the entry is rewritten.
    Path(paths[0]).write_text(json.dumps({**good, "decls": [[1, 2, 3]], "warnings": [None]}))
    assert check(tree, c) == cold
    assert json.loads(Path(paths[0]).read_text()) == good


STORE = """package conf

type Store struct {
	Items map[string]int
}

func New() *Store { return &Store{} }

func (s *Store) Put(k string) { s.Items[k]++ }

func Load() map[string]int {
	return map[string]int{}
}
"""
USE = """package app

import "example.com/m/conf"

func Use() {
	m := conf.Load()
	m["a"] = 1
}
"""


def test_a_callee_body_or_a_field_set_in_another_package_invalidates_what_read_it(tmp_path: Path) -> None:
    """A package's findings can depend on the body of a function of another package (a
    callee that returns nil) and on files of other packages that assign an exported
    field: an edit there must reach the cached result, though it changes no
    declaration."""
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD, "conf/conf.go": STORE, "app/app.go": USE})
    c = tmp_path / "cache"

    def found() -> list[str]:
        code, out, _ = check(root, c)
        return sorted(f"{f['path']}:{f['line']}" for f in __import__("json").loads(out))

    assert found() == ["conf/conf.go:9"]  # Put writes the map New leaves out
    (root / "conf" / "conf.go").write_text(STORE.replace("return map[string]int{}", "return nil"))
    assert found() == ["app/app.go:7", "conf/conf.go:9"]  # Load's body changed: app analysed again
    (root / "app" / "app.go").write_text(USE + "\nfunc Fill(s *conf.Store) { s.Items = map[string]int{} }\n")
    assert found() == ["app/app.go:7"]  # app sets the field now: conf analysed again
    uncached = run("check", "--format", "json", "--no-cache", "./...", cwd=root)
    assert check(root, c)[1] == uncached.stdout
