"""GG201's supports: the file language version that decides loop-variable sharing,
the cheap prefilter (which may only skip work, never a finding), and the step budget
that keeps a huge function linear."""

from __future__ import annotations

from pathlib import Path

import fixtures as fx
import pytest

from goguard.engine import Options, run
from goguard.frontend.loader import expand
from goguard.frontend.source import build_go_version
from goguard.rules import gg201_reused_buffer_alias as gg201


@pytest.mark.parametrize(("header", "version"), [
    ("//go:build go1.21\n", (1, 21)),
    ("//go:build linux && go1.18\n", (1, 18)),
    ("//go:build (go1.20 || go1.19) && amd64\n", (1, 19)),
    ("//go:build go1.18 || linux\n", None),  # linux alone needs no version
    ("//go:build !go1.22\n", None),
    ("// +build go1.21\n", None),  # the old syntax sets no language version
    ("", None),
])
def test_build_constraint_version(header: str, version) -> None:
    assert build_go_version(f"{header}\npackage p\n".encode()) == version


def test_a_constraint_after_the_package_clause_is_not_one() -> None:
    assert build_go_version(b"package p\n\n//go:build go1.21\n") is None


def _findings(paths: list[str], cwd: Path) -> list[tuple[str, int, str]]:
    res = run(expand(paths, cwd=str(cwd)), Options(rules=("GG201",), jobs=1))
    return sorted((f.path, f.line, f.message) for f in res.findings)


def test_prefilter_skips_no_finding(monkeypatch) -> None:
    """With the prefilter letting every statement through, the findings are the same."""
    folders = [str(p) for p in fx.fixture_packages() if fx.rule_of(p) in ("GG201", "GG202")]
    filtered = _findings(folders, fx.REPO)
    assert len(filtered) >= 40
    monkeypatch.setattr(gg201, "_maybe_alias", lambda *a, **k: True)
    assert _findings(folders, fx.REPO) == filtered


_CHECK = gg201._check_function


def _judged(monkeypatch, folders: list[str]) -> set[tuple]:
    """(path, line, column, kind, how) of every store the alias model judges."""
    seen: set[tuple] = set()
    original = _CHECK

    def record(pass_, model, stmts):
        for st in gg201.judged_stores(model, stmts):
            a = st.alias.expr
            seen.add((pass_.file.abspath, a.start_point[0] + 1, a.start_point[1] + 1, st.alias.kind, st.how))
        original(pass_, model, stmts)

    monkeypatch.setattr(gg201, "_check_function", record)
    run(expand(folders, cwd=str(fx.REPO)), Options(rules=("GG201",), jobs=1))
    return seen


def test_prefilter_drops_no_judged_store(monkeypatch) -> None:
    """Every store the model judges with the prefilter off (a map key, a returned
    value, a plain local, an argument of a keeping call) also gets through it."""
    folders = [str(p) for p in fx.fixture_packages() if fx.rule_of(p) == "GG201"]
    filtered = _judged(monkeypatch, folders)
    assert len(filtered) >= 100
    monkeypatch.setattr(gg201, "_maybe_alias", lambda *a, **k: True)
    monkeypatch.setattr(gg201, "may_keep_call", lambda *a, **k: True)
    assert sorted(_judged(monkeypatch, folders) - filtered) == []


def test_build_constraint_turns_loop_variables_shared(tmp_path: Path) -> None:
    body = ("package p\n\nfunc f(vs []int) []*int {\n\tvar out []*int\n"
            "\tfor _, v := range vs {\n\t\tout = append(out, &v)\n\t}\n\treturn out\n}\n")
    (tmp_path / "go.mod").write_text("module example.com/p\n\ngo 1.24\n")
    (tmp_path / "p.go").write_text(body)
    assert _findings(["./..."], tmp_path) == []
    (tmp_path / "p.go").write_text("//go:build go1.18\n\n" + body)  # raised to go1.21: still shared
    assert [line for _, line, _ in _findings(["./..."], tmp_path)] == [8]


def test_a_huge_function_stays_within_the_step_budget(tmp_path: Path) -> None:
    """Thousands of stores of one variable, written once at the end: each store's path
    search walks to the end, quadratic in all, so the search stops at its budget (a
    fixed number of steps per CFG node) and the stores it did not reach stay silent."""
    n = 3000
    lines = ["package p\n", "func f(m map[int]*int) {", "\tx := 0"]
    lines += [f"\tm[{i}] = &x" for i in range(n)]
    lines += ["\tx = 1", f"\tm[{n}] = &x", "}\n"]
    (tmp_path / "p.go").write_text("\n".join(lines))
    found = _findings(["p.go"], tmp_path)
    assert found and found[0][1] == 5  # the first store (line 5) is reported
    assert len(found) < n / 10  # most were not searched: the budget held


def test_code_quotes_drop_comments() -> None:
    """A message quotes code without the comments inside it (a `//` comment would
    swallow the rest once the quote is on one line), and keeps `//` in strings."""
    from goguard.frontend.source import SourceFile

    f = SourceFile.parse("p.go", "/tmp/p.go", b'package p\n\nvar x = T{ // first\n\tA: "http://x", /* b */ B: 2,\n}\n')
    spec = f.root.named_children[1].named_children[0]
    value = spec.child_by_field_name("value").named_children[0]
    assert "//" not in f.code(value).replace('"http://x"', "") and "/*" not in f.code(value)
    assert '"http://x"' in f.code(value) and "B: 2" in f.code(value)


def test_prefilter_text_scans_find_what_lookbehind_patterns_found() -> None:
    """The prefilter's body scans begin with a literal (`[`, `:=`, `var`, `append(`) and
    check the name before it per occurrence: they find every name the straightforward
    patterns (a leading lookbehind, ten times slower) find."""
    import re

    from goguard.rules import _gg201_prefilter as pf

    body = (b"{\n\tbuf := make([]byte, 8)\n\tbuf = buf[:0]\n\tbuf = append(buf, 1)\n"
            b"\tarr[0] = 1\n\tx.f[1] = 2\n\tpair[0], other[1] = a, b\n\tout := append(tmp[:0], 1)\n"
            b"\tn, err := r.Read(into)\n\ta,\n\t\tb := two()\n\tvar c, d int\n\t_ = append(q.w[:0], 1)\n}\n")
    element = re.compile(rb"(?<![\w.])([A-Za-z_]\w*)\s*\[\s*[0-9]\w*\s*\]\s*(?:,[^=\n]*)?\S?=(?!=)")
    emptied = re.compile(rb"(?<![\w.])([A-Za-z_]\w*)\s*=\s*\1\s*\[\s*0*\s*:\s*0+\s*[]:]")
    from_start = re.compile(rb"\bappend\(\s*([A-Za-z_]\w*)\s*\[\s*0*\s*:\s*0+\s*[]:]")
    old = {m.group(1) for p in (element, emptied, from_start) for m in p.finditer(body)}
    filled = pf._filled_names(body, False, None)
    assert old <= filled
    assert {b"arr", b"pair", b"other", b"buf", b"tmp", b"into"} <= filled
    assert b"f" not in filled and b"x" not in filled  # x.f[1]: a field, not a local's array
    short_decl = re.compile(rb"(?<![\w.])[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s*:=")
    old_names = {n for m in short_decl.finditer(body) for n in re.findall(rb"[A-Za-z_]\w*", m.group())}

    class Fn:  # the two fields _declared_names reads of a function node
        start_byte, end_byte = 0, len(body)

        def child_by_field_name(self, name):
            return self if name == "body" else None

    declared = pf._declared_names(Fn(), body)
    assert old_names <= declared
    assert {b"a", b"b", b"c", b"d", b"n", b"err"} <= declared
