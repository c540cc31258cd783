"""Newer Go syntax (Go 1.26 `new(expr)`, Go 1.27 generic methods) is analysed, not
skipped: the front end re-parses a same-length normalised copy, so offsets stay exact,
while code that is really malformed is still skipped with a precise warning."""

from __future__ import annotations

from goguard.engine import Options, run
from goguard.frontend import source as src
from goguard.frontend.loader import expand
from goguard.frontend.normalise import error_regions, normalised


def parse(code: str) -> src.SourceFile:
    data = code.encode()
    return src.SourceFile.parse("a.go", "/a.go", data)


def calls_named(f: src.SourceFile, name: str) -> list[str]:
    out, stack = [], [f.root]
    while stack:
        n = stack.pop()
        if n.type == "call_expression" and f.text(n.child_by_field_name("function")) == name:
            out.append(f.text(n))
        stack.extend(n.children)
    return sorted(out)


NEW_EXPR = """package p

type T struct{ P *int }

func f(x int) *int {
	a := new(42)
	g(new(x+1), new(len("ab")))
	_ = []*int{new(1), new(int64(x))}
	_ = &T{P: new(x)}
	_ = new(new(x))
	_ = new([]int)
	_ = make(map[string]int, x)
	_ = a
	return new(x * 2)
}

func g(a, b *int) {}
"""


def test_new_expr_in_every_position_parses_with_exact_offsets() -> None:
    f = parse(NEW_EXPR)
    assert not f.root.has_error
    # Names are read from the original bytes: every call still reads `new(...)`.
    assert calls_named(f, "new") == sorted([
        "new(42)", "new(x+1)", 'new(len("ab"))', "new(1)", "new(int64(x))", "new(x)", "new(new(x))",
        "new(x)", "new([]int)", "new(x * 2)"])
    assert calls_named(f, "make") == ["make(map[string]int, x)"]
    # Type arguments keep their type syntax: new([]int) is still new of a slice type.
    kinds = {f.text(c): c.child_by_field_name("arguments").named_children[0].type
             for c in _calls(f) if f.text(c) in ("new([]int)", "new(42)")}
    assert kinds == {"new([]int)": "slice_type", "new(42)": "int_literal"}


def _calls(f: src.SourceFile):
    stack = [f.root]
    while stack:
        n = stack.pop()
        if n.type == "call_expression":
            yield n
        stack.extend(n.children)


def test_generic_methods_parse_as_methods() -> None:
    code = ("package p\n\ntype R struct{}\n\nfunc (r *R) N[Int interface{ ~int }](n Int) Int { return n }\n\n"
            "func (r R) Pair[\n\tT any,\n\tU comparable,\n](t T, u U) T { return t }\n")
    f = parse(code)
    assert not f.root.has_error
    methods = [c for c in f.root.named_children if c.type == "method_declaration"]
    assert [f.text(m.child_by_field_name("name")) for m in methods] == ["N", "Pair"]
    # The multi-line type-parameter list keeps its newlines: lines stay where they were.
    assert methods[1].child_by_field_name("parameters").start_point[0] == 9


def test_only_erroring_declarations_are_rewritten() -> None:
    code = 'package p\n\nvar s = "new(42)" // new(42)\n\nfunc f() { _ = new(42) }\n'
    data = code.encode()
    tree = src.parser().parse(data)
    norm = normalised(data, tree, src.parser())
    assert norm is not None and len(norm) == len(data)
    # The string and the comment outside the erroring function are untouched.
    assert norm.startswith(b'package p\n\nvar s = "new(42)" // new(42)\n')
    assert norm.endswith(b"func f() { _ = n3w(42) }\n")
    clean = b"package p\n\nfunc f() { _ = new(int) }\n"
    assert normalised(clean, src.parser().parse(clean), src.parser()) is None


def test_malformed_code_is_still_skipped_with_position_and_function() -> None:
    f = parse("package p\n\nfunc ok() {}\n\nfunc broken() {\n\tx := := new(42)\n}\n")
    assert len(error_regions(f.root)) == 1
    errors = f.syntax_errors()
    (start, end, where), = errors
    assert f.syntax_warning(errors) == 'a.go:6:7: syntax error near ":="; function broken not analysed'
    assert where == '6:7: syntax error near ":="; function broken'
    assert f.text(f.root)[start:end].startswith("func broken()")


def test_method_with_syntax_error_is_named_and_quoted_safely() -> None:
    f = parse('package p\n\nfunc (r *R) Do() {\n\tm := map[string]int{"a\\n": }\n}\n')
    errors = f.syntax_errors()
    warning = f.syntax_warning(errors)
    assert len(errors) == 1 and warning.startswith("a.go:4:") and warning.endswith("; function Do not analysed")
    assert "\n" not in warning


def test_nil_map_write_in_a_function_using_new_expr_is_reported(tmp_path) -> None:
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.27\n")
    (tmp_path / "a.go").write_text(
        "package m\n\nfunc F(id int) *int {\n\tp := new(id + 1)\n\tvar seen map[int]bool\n"
        "\tseen[*p] = true\n\treturn p\n}\n")
    res = run(expand([str(tmp_path)], cwd=str(tmp_path)), Options(jobs=1))
    assert res.warnings == []
    assert [(f.line, f.code, f.message) for f in res.findings] == [
        (6, "GG101", 'assignment to entry in nil map "seen"')]


def test_strings_around_new_calls_are_read_from_the_bytes_not_the_broken_tree(tmp_path) -> None:
    """In `f(new("https://x"), new("c"))` the tree that failed to parse reads the text
    between the two strings as one string; the normaliser's own scan of Go's literal
    syntax does not, so both calls are respelled and the declaration parses."""
    calls = "\n".join(f'\tf(new("https://x/{i}"), new("c"), new(`raw {i}`), new(\'r\'), new("q\\"x"))'
                      for i in range(130))
    code = ("package m\n\nfunc f(...any) {}\n\nfunc g() {\n" + calls +
            "\n\t_ = \"new(1)\" // new(2)\n\tvar seen map[string]bool\n\tseen[\"a\"] = true\n}\n")
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.26\n")
    (tmp_path / "a.go").write_text(code)
    f = parse(code)
    assert f.syntax_errors() == []
    assert b'"new(1)" // new(2)' in f.data  # literals are left alone
    res = run(expand([str(tmp_path)], cwd=str(tmp_path)), Options(jobs=1))
    assert res.warnings == []
    assert [(x.code, x.line) for x in res.findings] == [("GG101", 130 + 8)]


def test_a_file_that_still_fails_is_one_warning_naming_each_declaration() -> None:
    code = "package p\n\n" + "".join(f"func f{i}() {{ x := := {i} }}\n\n" for i in range(6)) + \
        "type T struct { a int,, }\n\nvar v = [}\n"
    f = parse(code)
    errors = f.syntax_errors()
    assert len(errors) == 8
    warning = f.syntax_warning(errors)
    assert warning == ('a.go:3:18: syntax error near ":="; function f0 not analysed, nor 7 more declarations '
                       'with syntax errors (function f1, line 5; function f2, line 7; function f3, line 9; '
                       'and 4 more)')
