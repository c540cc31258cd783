"""One Go source file: its bytes, its tree-sitter tree and position helpers."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

import tree_sitter
import tree_sitter_go

GO_LANGUAGE = tree_sitter.Language(tree_sitter_go.language())

# The go tool's convention (https://go.dev/s/generatedcode), checked before the package clause.
_GENERATED = re.compile(rb"^// Code generated .* DO NOT EDIT\.\r?$", re.M)
_PACKAGE = re.compile(rb"^package\s", re.M)

# Files larger than this are not parsed: nothing a person writes is this large, and
# parsing it would dominate a run.
MAX_FILE_BYTES = 32 * 1024 * 1024


@lru_cache(maxsize=None)
def parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(GO_LANGUAGE)


@lru_cache(maxsize=None)
def query(source: str) -> tree_sitter.Query:
    """A compiled query, compiled once per process."""
    return tree_sitter.Query(GO_LANGUAGE, source)


def matches(source: str, node: tree_sitter.Node) -> list[tuple[int, dict[str, list[tree_sitter.Node]]]]:
    return tree_sitter.QueryCursor(query(source)).matches(node)


def captures(source: str, node: tree_sitter.Node) -> dict[str, list[tree_sitter.Node]]:
    return tree_sitter.QueryCursor(query(source)).captures(node)


def is_generated(data: bytes) -> bool:
    m = _GENERATED.search(data)
    if not m:
        return False
    pkg = _PACKAGE.search(data)
    return pkg is None or m.start() < pkg.start()


@dataclass
class SourceFile:
    """A parsed file. `path` is the display path (relative to the current folder)."""

    path: str
    abspath: str
    data: bytes
    tree: tree_sitter.Tree
    report: bool = True
    _line_starts: list[int] | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, path: str, abspath: str, data: bytes, report: bool = True) -> "SourceFile":
        return cls(path, abspath, data, parser().parse(data), report)

    @property
    def root(self) -> tree_sitter.Node:
        return self.tree.root_node

    @property
    def package_name(self) -> str:
        for child in self.root.named_children:
            if child.type == "package_clause":
                for c in child.named_children:
                    return self.text(c)
        return ""

    def text(self, node: tree_sitter.Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", "replace")

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            find = self.data.find
            i = find(b"\n")
            while i >= 0:
                starts.append(i + 1)
                i = find(b"\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, byte_offset: int) -> tuple[int, int]:
        """1-based line and 1-based byte column, as the go tool prints them."""
        line = bisect.bisect_right(self.line_starts, byte_offset) - 1
        return line + 1, byte_offset - self.line_starts[line] + 1

    def line_bytes(self, line: int) -> bytes:
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.data)
        return self.data[start:end]
