"""GG401 across files and in its flow notes: each racing write is reported once, in
the file that holds it, and the notes say what the code does there."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from goguard.cli.main import main


def _check(tmp_path: Path, files: dict[str, str]) -> list[dict]:
    (tmp_path / "go.mod").write_text("module example.com/x\n\ngo 1.22\n")
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = CliRunner().invoke(main, ["check", "--select", "GG401", "--no-cache", "--format", "json",
                                       str(tmp_path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return json.loads(result.output or "[]")


REGISTER = """package x

import "net/http"

func serve() {
	s := &store{a: map[string]int{}, b: map[string]int{}}
	http.Handle("/", s)
}
"""
HANDLER = """package x

import "net/http"

type store struct {
	a, b map[string]int
}

func (s *store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.a[r.URL.Path] = 1
	s.b[r.URL.Path] = 2
}
"""


def test_handler_writes_in_another_file_are_reported_once_each_at_the_write(tmp_path):
    found = _check(tmp_path, {"register.go": REGISTER, "handler.go": HANDLER})
    sites = [(Path(f["path"]).name, f["line"]) for f in found]
    assert sorted(sites) == [("handler.go", 10), ("handler.go", 11)]
    first = min(found, key=lambda f: f["line"])
    assert first["message"].startswith("concurrent map writes: s.a is written by every goroutine")
    assert Path(first["flow"][0]["path"]).name == "register.go"  # what makes it concurrent


LAUNCHER = """package x

func count(keys []string) int {
	m := map[string]int{}
	go func() {
		for _, k := range keys {
			m[k]++
		}
	}()
	n := 0
	for range m {
		n++
	}
	return n + len(keys)
}
"""


def test_the_launchers_note_says_it_ranges_over_the_map_it_does_not_write(tmp_path):
    found = _check(tmp_path, {"count.go": LAUNCHER})
    assert [f["line"] for f in found] == [7]  # the launcher only reads: no finding of its own
    assert found[0]["message"].startswith("concurrent map iteration and map write")
    assert found[0]["flow"][-1]["note"].startswith("and the launching function ranges over it here")
