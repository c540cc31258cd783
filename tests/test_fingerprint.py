"""GitHub's primaryLocationLineHash, against values worked out by hand from the
algorithm (fold `h * 37 + unit` over 100 UTF-16 units from the line start, spaces and
tabs skipped, line ends read as LF, then 65535 and zeros), and against the vectors
published with github/codeql-action's own tests."""

from __future__ import annotations

from goguard.output.fingerprint import line_hash, line_hashes

MASK = (1 << 64) - 1
EOF_MARK = 65535
LF = 10


def fold(units: list[int]) -> str:
    """The hash of a window given as its first units; the rest of the 100 are zeros."""
    assert len(units) <= 100
    h = 0
    for u in units + [0] * (100 - len(units)):
        h = (h * 37 + u) & MASK
    return format(h, "x")


def test_empty_file_is_one_line_of_the_end_marker():
    expected = format(EOF_MARK * pow(37, 99, 1 << 64) & MASK, "x")
    assert expected == "c129715d7a2bc9a3"  # codeql-action's value for ""
    assert fold([EOF_MARK]) == expected
    assert line_hashes(b"") == [f"{expected}:1"]


def test_each_line_hashes_the_window_from_its_start():
    # "ab\ncd": line 1 sees a b LF c d EOF; line 2 sees c d EOF.
    assert line_hashes(b"ab\ncd") == [
        fold([97, 98, LF, 99, 100, EOF_MARK]) + ":1",
        fold([99, 100, EOF_MARK]) + ":1",
    ]


def test_a_trailing_newline_adds_an_empty_last_line():
    assert line_hashes(b"x\n") == [fold([120, LF, EOF_MARK]) + ":1", fold([EOF_MARK]) + ":1"]


def test_spaces_and_tabs_are_skipped():
    assert line_hashes(b"\t a b\n") == line_hashes(b"ab\n")
    assert line_hashes(b"a b")[0] == fold([97, 98, EOF_MARK]) + ":1"


def test_crlf_and_lone_cr_read_as_lf():
    lf = line_hashes(b"a\nb\n")
    assert lf == [fold([97, LF, 98, LF, EOF_MARK]) + ":1", fold([98, LF, EOF_MARK]) + ":1",
                  fold([EOF_MARK]) + ":1"]
    assert line_hashes(b"a\r\nb\r\n") == lf
    assert line_hashes(b"a\rb\r") == lf
    # CR CR is two line ends; CR LF only one.
    assert len(line_hashes(b"a\r\rb")) == 3
    assert len(line_hashes(b"a\r\nb")) == 2


def test_two_identical_lines_count_their_occurrences():
    # Lines of 120 non-blank units: each line's window holds only its own first 100
    # units, so both windows, and hashes, are the same; the counter tells them apart.
    line = "x" * 120
    h = fold([120] * 100)
    assert line_hashes(f"{line}\n{line}\n") == [f"{h}:1", f"{h}:2", fold([EOF_MARK]) + ":1"]
    assert line_hash(f"{line}\n{line}\n", 2) == f"{h}:2"


def test_units_are_utf16():
    # U+00F6 is one unit, U+1F600 two (a surrogate pair); invalid UTF-8 is U+FFFD.
    assert line_hashes("ö".encode()) == [fold([0xF6, EOF_MARK]) + ":1"]
    assert line_hashes("😀".encode()) == [fold([0xD83D, 0xDE00, EOF_MARK]) + ":1"]
    assert line_hashes(b"\xff") == [fold([0xFFFD, EOF_MARK]) + ":1"]


def test_hex_has_no_leading_zeros_as_in_javascript():
    # github/codeql-action prints Long.toString(16): a hash below 2**60 has fewer
    # than 16 digits, and an upload whose value differs gets a warning.
    hashes = line_hashes(" a\nb\n  \t\tc\n d")
    assert hashes[1] == "54703d4cd895b18:1"
    assert len(hashes[1].split(":")[0]) == 15


def test_codeql_action_vectors():
    assert line_hashes(" a\nb\n  \t\tc\n d") == [
        "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1",
    ]
    expected = [
        "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
    ]
    for text in (
        " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
        " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
        " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
        " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
    ):
        assert line_hashes(text) == expected
    assert line_hashes("Lorem ipsum dolor sit amet.\n" * 10) == [
        *(f"a7f2ff13bc495cf2:{i}" for i in range(1, 7)),
        "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1",
        "c129715d7a2bc9a3:1",
    ]


def test_line_hash_outside_the_file_is_none():
    assert line_hash(b"a\n", 3) is None
    assert line_hash(b"a\n", 0) is None
