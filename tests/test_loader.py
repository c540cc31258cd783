"""Pattern expansion (goguard/frontend/loader.py): the go tool's pattern meaning,
which folders recursion skips, symlinks, and the usage errors a bad pattern gives."""

from __future__ import annotations

import os

import pytest

from goguard.frontend.loader import PatternError, expand

PKG = "package p\n"


def tree(root, files):
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def reported(units):
    """Display paths of the files each unit reports on, in unit order."""
    out = []
    for u in units:
        out.extend(d for d, a in u.files if u.report is None or a in u.report)
    return out


def read_only(units):
    return sorted(d for u in units for d, a in u.files if u.report is not None and a not in u.report)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    tree(tmp_path, {
        "a.go": PKG,
        "a_test.go": PKG,
        "sub/b.go": PKG,
        "sub/deeper/c.go": PKG,
        "sub/notes.txt": "not Go",
        "vendor/v/v.go": PKG,
        "testdata/t.go": PKG,
        "sub/testdata/t.go": PKG,
        ".hidden/h.go": PKG,
        "_skip/s.go": PKG,
        "sub/_x.go": PKG,
        "sub/.y.go": PKG,
    })
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_recursive_pattern_skips_vendor_testdata_dot_and_underscore(repo):
    for patterns in (["./..."], ["..."], []):  # no pattern means ./...
        units = expand(patterns)
        assert reported(units) == ["a.go", "a_test.go", "sub/b.go", "sub/deeper/c.go"], patterns
        assert all(u.report is None for u in units)
    # One unit per folder, in a stable (sorted) order.
    assert [os.path.relpath(u.dir, repo) for u in expand(["./..."])] == [
        ".", "sub", os.path.join("sub", "deeper"),
    ]


def test_dir_dots_recurses_from_that_folder_and_plain_folder_is_one_package(repo):
    assert reported(expand(["sub/..."])) == ["sub/b.go", "sub/deeper/c.go"]
    assert reported(expand(["./sub/..."])) == ["sub/b.go", "sub/deeper/c.go"]
    assert reported(expand(["sub"])) == ["sub/b.go"]
    assert reported(expand(["."])) == ["a.go", "a_test.go"]


def test_explicitly_named_skipped_folder_is_analysed(repo):
    # As with the go tool: skipping applies to what recursion finds, not to the root named.
    assert reported(expand(["testdata/..."])) == ["testdata/t.go"]
    assert reported(expand(["vendor/v"])) == ["vendor/v/v.go"]


def test_no_tests_leaves_out_test_files_unless_named(repo):
    assert reported(expand(["./..."], include_tests=False)) == ["a.go", "sub/b.go", "sub/deeper/c.go"]
    assert reported(expand(["a_test.go"], include_tests=False)) == ["a_test.go"]


def test_named_file_reports_only_itself_and_reads_its_folder(repo):
    units = expand(["sub/b.go"])
    assert len(units) == 1
    assert reported(units) == ["sub/b.go"]
    assert read_only(units) == []  # the folder has no other Go file
    units = expand(["a.go"])
    assert reported(units) == ["a.go"]
    assert read_only(units) == ["a_test.go"]


def test_named_files_and_their_folder_combine(repo):
    assert sorted(reported(expand(["a.go", "a_test.go"]))) == ["a.go", "a_test.go"]
    # The folder named as well (before or after the file): every file is reported.
    assert reported(expand(["a.go", "."])) == ["a.go", "a_test.go"]
    assert reported(expand([".", "a.go"])) == ["a.go", "a_test.go"]
    # Overlapping patterns do not duplicate files.
    assert reported(expand(["./...", "sub", "sub/b.go"])) == ["a.go", "a_test.go", "sub/b.go", "sub/deeper/c.go"]


def test_named_file_that_recursion_would_skip_is_still_read(repo):
    assert reported(expand(["sub/_x.go"])) == ["sub/_x.go"]
    assert read_only(expand(["sub/_x.go"])) == ["sub/b.go"]


def test_paths_are_relative_to_the_current_folder(repo, monkeypatch):
    monkeypatch.chdir(repo / "sub")
    assert reported(expand(["../..."])) == ["../a.go", "../a_test.go", "b.go", "deeper/c.go"]
    assert reported(expand([str(repo / "sub" / "deeper")])) == ["deeper/c.go"]
    assert reported(expand(["./..."])) == ["b.go", "deeper/c.go"]


@pytest.mark.parametrize("pattern, message", [
    ("missing", "missing: no such file or directory"),
    ("missing/...", "missing/...: no such file or directory"),
    ("missing.go", "missing.go: no such file or directory"),
    ("sub/notes.txt", "sub/notes.txt: not a Go file or a directory"),
    ("a.go/...", "a.go/...: not a directory"),
])
def test_bad_patterns_are_usage_errors(repo, pattern, message):
    with pytest.raises(PatternError) as e:
        expand(["./...", pattern])
    assert str(e.value) == message


def test_folder_with_no_go_files_warns(repo):
    (repo / "empty").mkdir()
    warnings = []
    assert expand(["empty", "empty/..."], warn=warnings.append) == []
    assert warnings == ["empty: matched no Go files", "empty/...: matched no Go files"]
    warnings.clear()
    expand(["./..."], warn=warnings.append)
    assert warnings == []


def test_symlinked_folders_are_not_followed_and_loops_end(repo):
    os.symlink("..", repo / "sub" / "up")  # a loop back to the root
    os.symlink(repo / "sub", repo / "sub" / "deeper" / "again")  # and another
    warnings = []
    units = expand(["./..."], warn=warnings.append)
    assert reported(units) == ["a.go", "a_test.go", "sub/b.go", "sub/deeper/c.go"]
    assert warnings == []
    # A symlinked folder named as a root is followed once, and not further.
    os.symlink(repo / "sub", repo / "link")
    assert reported(expand(["link/..."])) == ["link/b.go", "link/deeper/c.go"]


def test_bad_file_symlinks_are_kept_for_the_reader_to_warn_about(repo):
    # A dangling link and a link loop named .go: the reader reports them, not silence.
    os.symlink("nowhere.go", repo / "sub" / "dangling.go")
    os.symlink("loop2.go", repo / "sub" / "loop1.go")
    os.symlink("loop1.go", repo / "sub" / "loop2.go")
    os.symlink("b.go", repo / "sub" / "alias.go")  # a good link is an ordinary file
    (repo / "sub" / "folder.go").mkdir()  # a folder named .go is not a file
    assert reported(expand(["sub"])) == [
        "sub/alias.go", "sub/b.go", "sub/dangling.go", "sub/loop1.go", "sub/loop2.go",
    ]


def test_dangling_symlink_named_as_pattern_is_a_usage_error(repo):
    os.symlink("nowhere", repo / "gone")
    with pytest.raises(PatternError, match="^gone: cannot follow symbolic link"):
        expand(["gone"])


def test_excluded_paths_are_left_out(repo):
    units = expand(["./..."], excluded=lambda p: p.startswith("sub/deeper") or p == "a_test.go")
    assert reported(units) == ["a.go", "sub/b.go"]


def test_unreadable_folder_warns_and_the_rest_goes_on(repo):
    locked = repo / "sub" / "deeper"
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user that can read a chmod 000 folder (root)")
        warnings = []
        units = expand(["./..."], warn=warnings.append)
        assert reported(units) == ["a.go", "a_test.go", "sub/b.go"]
        assert warnings == ["sub/deeper: cannot read folder: Permission denied"]
    finally:
        locked.chmod(0o755)


def test_dots_inside_a_name_match_like_the_go_tool(tmp_path, monkeypatch):
    tree(tmp_path, {
        "cmd/go-api/a.go": PKG,
        "cmd/go-web/b.go": PKG,
        "cmd/gofmt/c.go": PKG,
        "cmd/go-web/internal/d.go": PKG,
        "cmd/tool/e.go": PKG,
    })
    monkeypatch.chdir(tmp_path)
    assert reported(expand(["./cmd/go-..."])) == [
        os.path.join("cmd", "go-api", "a.go"),
        os.path.join("cmd", "go-web", "b.go"),
        os.path.join("cmd", "go-web", "internal", "d.go"),
    ]
    assert reported(expand(["cmd/...web"])) == [os.path.join("cmd", "go-web", "b.go")]
    warnings = []
    assert expand(["cmd/zz..."], warn=warnings.append) == []
    assert warnings == ["cmd/zz...: matched no Go files"]
