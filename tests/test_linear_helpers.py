"""Helpers that keep the analysis linear in file size: the nil candidates are found per
function by bisection, and name mentions by alternation or by scanning, alike."""

from __future__ import annotations

from goguard.analyses.nilness.candidates import _ANY, _DEEP, Candidates
from goguard.frontend.syntax import NameFinder


def test_candidates_see_only_their_function_range() -> None:
    c = Candidates()
    # 1,000 functions of 100 bytes, each with a source of m near its start: a zero var
    # in odd ones, a literal (which only leaves fields nil: "deep") in even ones.
    for i in range(1000):
        c.sources.setdefault("m", []).append((i * 100 + 10, _ANY if i % 2 else _DEEP))
    c.checked["p"] = [(5_000, 5_020, 5_090)]
    c.aliases["a"] = [(7_050, "m")]
    c.finish()
    assert c.may_be_nil("m", 100, 200, deep=False)        # i=1: a zero var, in range
    assert not c.may_be_nil("m", 200, 300, deep=False)    # i=2: only a deep source
    assert c.may_be_nil("m", 200, 300, deep=True)
    assert not c.may_be_nil("m", 111, 200, deep=True)     # starts after the source
    assert not c.may_be_nil("m", 100_000, 100_100, deep=True)
    assert c.may_be_nil("p", 5_000, 5_100, deep=False, at=5_050)
    assert not c.may_be_nil("p", 5_000, 5_100, deep=False, at=5_095)  # after the checked span
    assert not c.may_be_nil("p", 5_001, 5_100, deep=False, at=5_050)  # the check is elsewhere
    assert c.may_be_nil("a", 7_000, 7_100, deep=True)    # alias of m, whose (deep) source is at 7_010
    assert not c.may_be_nil("a", 7_000, 7_100, deep=False)


def test_name_finder_modes_agree() -> None:
    data = b"x := load(p); y := loadAll (q); reload(r); load\n(z) // unload(x)\nload2(v); _load(w)"
    few = NameFinder(["load", "reload"], suffix=rb"\s*\(")
    many = NameFinder(["load", "reload"] + [f"n{i}" for i in range(NameFinder.MAX_FIND)], suffix=rb"\s*\(")
    assert few.by_find and not many.by_find
    expected = [(5, 9, b"load"), (32, 38, b"reload"), (43, 47, b"load")]
    assert list(few.finditer(data)) == list(many.finditer(data)) == expected
    assert few.search(data, 10, 40) and many.search(data, 10, 40)
    assert not few.search(data, 10, 30) and not many.search(data, 10, 30)
    assert not NameFinder([])


def test_name_finder_finds_what_a_word_regex_finds() -> None:
    """Found with bytes.find, mentions are exactly a `\\b(a|b)\\b` regex's matches
    (word bytes, overlap with a suffix's match, bounds of pos and endpos, UTF-8 bytes)."""
    import random
    import re

    rng = random.Random(7)
    alphabet = [b"ab", b"a", b"b", b"ba", b"_", b"1", b" ", b"(", b"{", b"\n", b".", "é".encode(), b"ab("]
    names = [b"ab", b"a", b"ba", b"b1", "é".encode() + b"a"]
    for suffix in (b"", rb"\s*\(", rb"\s*(?:\{|\)?\s*\()"):
        for trial in range(300):
            chosen = rng.sample(names, rng.randint(1, len(names)))
            data = b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            pos = rng.randint(0, len(data))
            end = rng.randint(pos, len(data))
            ref = re.compile(rb"\b(" + b"|".join(re.escape(n) for n in sorted(chosen)) + rb")\b" + suffix)
            want = [(m.start(1), m.end(1), m.group(1)) for m in ref.finditer(data, pos, end)]
            finder = NameFinder(chosen, suffix=suffix)
            assert finder.by_find
            assert list(finder.finditer(data, pos, end)) == want, (data, chosen, suffix, pos, end)
            assert finder.search(data, pos, end) == bool(want), (data, chosen, suffix, pos, end)


def test_a_large_unit_raises_the_collector_thresholds_only_while_it_runs(tmp_path, monkeypatch) -> None:
    import gc

    from goguard import engine
    from goguard.frontend.loader import expand

    (tmp_path / "go.mod").write_text("module m\n\ngo 1.22\n")
    (tmp_path / "a.go").write_text('package a\n\nfunc f() {\n\tvar m map[string]int\n\tm["k"] = 1\n}\n')
    seen = []
    real = engine.analyse_unit
    monkeypatch.setattr(engine, "analyse_unit", lambda u, o: (seen.append(gc.get_threshold()), real(u, o))[1])
    before = gc.get_threshold()
    (unit,) = expand([str(tmp_path)], cwd=str(tmp_path))
    small = engine._work((unit, engine.Options(jobs=1), None))
    monkeypatch.setattr(engine, "LARGE_UNIT", 10)
    large = engine._work((unit, engine.Options(jobs=1), None))
    assert seen == [before, engine._LARGE_UNIT_GC]
    assert gc.get_threshold() == before
    assert [f.code for f in small.findings] == [f.code for f in large.findings] == ["GG101"]


# The whole-tree query map_fields once ran over every file of a package.
_MAP_FIELDS_QUERY = """
(assignment_statement
  left: (expression_list (selector_expression field: (field_identifier) @field))
  right: (expression_list (_) @value))
(keyed_element
  (literal_element (identifier) @field)
  (literal_element (_) @value))
"""

_MAP_SHAPES = b'''package p

type M map[string]int

type T struct{ a, b, c, d, e, f, g, h, i, j map[string]int; k []map[int]int; l M; s *T }

func f(t *T, x T) {
	t.a = make(map[string]int) // map in a comment: mapping
	t.b, x.c = nil, (map[string]int{})
	t.s.d = ((make(map[string]int, 4)))
	t.e = make(/* first */ map[string]int)
	t.k = []map[int]int{{1: 2}}
	t.l = make(M)
	var mapped map[string]int
	_ = mapped
	_ = "map[string]int{}"
	t.f, t.g = make(map[string]int), nil
	t.h += nil
	_ = T{i: map[string]int{}, j: nil, s: &T{h: make(map[string]int)}}
	_ = []T{{e: map [string]int{}}}
	_ = map[string]T{"k": {g: nil}}
	_ = struct{ m map[int]int }{m: map[int]int{}}
}
'''


def test_map_fields_from_map_keywords_are_those_the_whole_tree_query_finds() -> None:
    """map_fields finds its values from the text's `map` keywords instead of a traversal
    of every tree: exactly the fields a whole-tree query would, on tricky shapes and on
    every Go file of testdata/."""
    import pathlib

    from goguard.analyses import exprtypes as ex
    from goguard.frontend.source import SourceFile, captures

    def by_query(f) -> set[str]:
        return {f.text(fd) for fd in captures(_MAP_FIELDS_QUERY, f.root).get("field", [])
                if (v := ex._value_of_field(fd)) is not None and ex._is_map_value(v, f)}

    def by_keywords(f) -> set[str]:
        return {f.text(fd) for h in ex._map_value_holders(f) for fd in ex._holder_fields(h)
                if (v := ex._value_of_field(fd)) is not None and ex._is_map_value(v, f)}

    shapes = SourceFile.parse("shapes.go", "/shapes.go", _MAP_SHAPES)
    assert by_keywords(shapes) == by_query(shapes) == {"a", "c", "d", "f", "h", "i", "e", "m"}
    root = pathlib.Path(__file__).resolve().parent.parent / "testdata"
    files = sorted(root.rglob("*.go"))
    assert len(files) > 50
    for path in files:
        f = SourceFile.parse(str(path), str(path), path.read_bytes())
        assert by_keywords(f) == by_query(f), path
