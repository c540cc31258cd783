"""A large file is analysed in parts (goguard.frontend.source.plan_parts), each part
parsed from the file's own bytes with only the header and its own declarations as
tree-sitter's included ranges, so that memory follows a part, not the file. Splitting must not change what is reported: with every file
of the fixtures cut into as many parts as allowed, the findings (messages, flows,
suppressions, fixes) and warnings are those of the whole files."""

from __future__ import annotations

import dataclasses

import pytest

import fixtures as fx
from goguard import engine
from goguard.frontend import source as src


def _everything(result: engine.Result) -> tuple:
    findings = sorted((f.sort_key(), f.end_line, f.end_column, f.flow, f.suppressed,
                       f.fix and dataclasses.astuple(f.fix)) for f in result.findings)
    return findings, sorted(result.warnings), result.files, sorted(result.unchecked), result.failures


# Every fixture folder, one test each (so that they spread over the test workers), and
# the Go 1.27 fixtures: a module of their own (`...` stops at it), in syntax that the
# front end parses from a normalised copy, from which the parts must be parsed too.
_FOLDERS = sorted(f"{d.name}/..." for d in fx.TESTDATA.iterdir() if d.is_dir()) + ["GG101/go127/..."]


@pytest.mark.parametrize("folder", _FOLDERS)
def test_parts_report_what_the_whole_file_does(monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    whole = _everything(fx.analyse(fx.TESTDATA / folder))
    planned = []
    plan = src.plan_parts

    def counted(f):
        got = plan(f)
        planned.append(got is not None)
        return got

    monkeypatch.setattr(src, "SPLIT_BYTES", 0)
    monkeypatch.setattr(src, "PART_BYTES", 1)
    monkeypatch.setattr(src, "MAX_PARTS", 12)  # twenty-four, as for huge files, costs half again more time, not more cases
    monkeypatch.setattr(src, "plan_parts", counted)
    parted = _everything(fx.analyse.__wrapped__(fx.TESTDATA / folder))  # not the memoised run
    assert any(planned) or len(planned) <= 2  # fixture files were really cut (GG303's two are one declaration each)
    assert parted == whole


def test_a_part_keeps_offsets_lines_and_only_its_own_declarations() -> None:
    data = b"package p\n\nimport \"fmt\"\n\n// A does one.\nfunc A() { fmt.Println(1) }\n\n" \
           b"// B does two.\nfunc B() {\n\tfmt.Println(2)\n}\n\nvar C = 3\n"
    f = src.SourceFile.parse("p.go", "/x/p.go", data)
    plan = src.plan_parts(f, split_bytes=0, part_bytes=1)
    assert plan is not None and len(plan.cuts) == 3
    parts, comments = src.build_parts("p.go", "/x/p.go", data, plan)
    assert [p.owned for p in parts] == [(0, plan.cuts[1]), (plan.cuts[1], plan.cuts[2]), (plan.cuts[2], len(data))]
    assert data.index(b"// B") == plan.cuts[1]  # a doc comment goes with its declaration
    for p in parts:
        assert not p.root.has_error
        assert p.data is data and p.line_starts is parts[0].line_starts  # shared, not copied
        assert data[slice(*p.span)] == data[p.owned[0]:p.owned[1]]
        assert p.package_name == "p"
        decls = [c for c in p.root.named_children if c.type not in ("package_clause", "import_declaration", "comment")]
        assert len(decls) == 1 and p.owned[0] <= decls[0].start_byte < p.owned[1]
        assert p.data[decls[0].start_byte:decls[0].end_byte] == data[decls[0].start_byte:decls[0].end_byte]
        assert p.position(decls[0].start_byte) == f.position(decls[0].start_byte)
    assert comments.data is data
    assert [comments.text(c) for c in comments.root.named_children if c.type == "comment"] == \
        ["// A does one.", "// B does two."]


def test_parts_of_a_crlf_file_with_a_comment_ending_the_header_parse_cleanly() -> None:
    data = (b"package p\r\n\r\nimport \"fmt\" // for Println\r\n\r\nfunc A() { fmt.Println(1) }\r\n"
            b"\r\n/* B */ func B() {\r\n\tfmt.Println(2)\r\n}\r\nvar C = map[string]int{}\r\n")
    f = src.SourceFile.parse("p.go", "/x/p.go", data)
    plan = src.plan_parts(f, split_bytes=0, part_bytes=1)
    assert plan is not None and len(plan.cuts) == 3
    parts, _ = src.build_parts("p.go", "/x/p.go", data, plan)
    for p in parts:
        assert not p.root.has_error
        own = [c for c in p.root.named_children if c.type not in ("package_clause", "import_declaration", "comment")]
        assert len(own) == 1 and p.owned[0] <= own[0].start_byte < p.owned[1]
        assert p.position(own[0].start_byte) == f.position(own[0].start_byte)


def test_a_file_whose_first_declaration_shares_the_header_line_is_not_cut() -> None:
    # The header's range ends with its line; a declaration on that line cannot be
    # left out of the other parts' trees, so the file is analysed whole.
    data = b"package p; func A() {}\n\nfunc B() {}\n\nfunc C() {}\n"
    f = src.SourceFile.parse("p.go", "/x/p.go", data)
    assert src.plan_parts(f, split_bytes=0, part_bytes=1) is None
