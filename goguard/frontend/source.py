"""One Go source file: its bytes, its tree-sitter tree and position helpers."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from functools import lru_cache

import tree_sitter
import tree_sitter_go

from goguard.frontend.normalise import error_regions, normalised

GO_LANGUAGE = tree_sitter.Language(tree_sitter_go.language())

# The go tool's convention (https://go.dev/s/generatedcode), checked before the package clause.
_GENERATED = re.compile(rb"^// Code generated .* DO NOT EDIT\.\r?$", re.M)
_PACKAGE = re.compile(rb"^package\s", re.M)

# Files larger than this are not parsed: nothing a person writes is this large, and
# parsing it would dominate a run.
MAX_FILE_BYTES = 32 * 1024 * 1024


# Deeper brace nesting than this is not analysed: no person writes it, and the
# analyses' cost grows with the square of nesting depth.
MAX_NESTING = 256
_NOT_BRACES = bytes(b for b in range(256) if b not in b"{}")


def brace_depth(data: bytes, limit: int = MAX_NESTING) -> int:
    """How deeply `{...}` nest in `data`, counted up to limit + 1. Braces in strings
    and comments count too: an estimate, at the cost of a few byte scans."""
    braces = data.translate(None, _NOT_BRACES)
    depth = 0
    while braces and depth <= limit:
        inner_removed = braces.replace(b"{}", b"")
        if len(inner_removed) == len(braces):
            break
        braces = inner_removed
        depth += 1
    return depth


@lru_cache(maxsize=None)
def parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(GO_LANGUAGE)


@lru_cache(maxsize=None)
def _parts_parser() -> tree_sitter.Parser:
    """The parser of a large file's parts: its own, since each part sets its included
    ranges."""
    return tree_sitter.Parser(GO_LANGUAGE)


@lru_cache(maxsize=None)
def query(source: str) -> tree_sitter.Query:
    """A compiled query, compiled once per process."""
    return tree_sitter.Query(GO_LANGUAGE, source)


def matches(source: str, node: tree_sitter.Node) -> list[tuple[int, dict[str, list[tree_sitter.Node]]]]:
    return tree_sitter.QueryCursor(query(source)).matches(node)


def captures(source: str, node: tree_sitter.Node) -> dict[str, list[tree_sitter.Node]]:
    return tree_sitter.QueryCursor(query(source)).captures(node)


_PACKAGE_NAME = re.compile(rb"^package[ \t]+([A-Za-z_][A-Za-z0-9_]*)", re.M)


def package_name_of(data: bytes) -> str:
    """The package clause's name, read without parsing (for files only read for their
    declarations); "" when there is none."""
    m = _PACKAGE_NAME.search(data)
    return m.group(1).decode() if m else ""


def is_generated(data: bytes) -> bool:
    m = _GENERATED.search(data)
    if not m:
        return False
    pkg = _PACKAGE.search(data)
    return pkg is None or m.start() < pkg.start()


_BUILD_LINE = re.compile(rb"^//go:build[ \t]+([^\r\n]*)", re.M)
_BUILD_TOKEN = re.compile(r"\s*(\(|\)|!|&&|\|\||[A-Za-z0-9_.]+)")
_GO_TAG = re.compile(r"^go1\.([0-9]+)$")


def build_go_version(data: bytes) -> tuple[int, int] | None:
    """The Go version a file's `//go:build` line implies (go/build/constraint.GoVersion):
    the least `go1.N` every way of satisfying the expression needs, None when it needs
    none. Only the header before the package clause counts."""
    pkg = _PACKAGE_NAME.search(data)
    m = _BUILD_LINE.search(data, 0, pkg.start() if pkg else len(data))
    if m is None:
        return None
    expr = m.group(1).decode("utf-8", "replace")
    tokens, pos = [], 0
    while pos < len(expr):
        t = _BUILD_TOKEN.match(expr, pos)
        if t is None:
            break
        tokens.append(t.group(1))
        pos = t.end()
    if expr[pos:].strip() or len(tokens) > 200:
        return None  # not a valid constraint: the go command would reject the file
    i = 0

    # Each parser returns the implied minor version, or -1 for "none implied".
    def or_expr() -> int:
        nonlocal i
        v = and_expr()
        while i < len(tokens) and tokens[i] == "||":
            i += 1
            w = and_expr()
            v = min(v, w) if v >= 0 and w >= 0 else -1
        return v

    def and_expr() -> int:
        nonlocal i
        v = unary()
        while i < len(tokens) and tokens[i] == "&&":
            i += 1
            v = max(v, unary())
        return v

    def unary() -> int:
        nonlocal i
        if i >= len(tokens):
            return -1
        t = tokens[i]
        i += 1
        if t == "!":
            unary()
            return -1
        if t == "(":
            v = or_expr()
            i += 1  # ")"
            return v
        g = _GO_TAG.match(t)
        return int(g.group(1)) if g else -1

    minor = or_expr()
    return (1, minor) if minor >= 0 else None


FUNCTIONS = "[(function_declaration) (method_declaration) (func_literal)] @fn"


def _function_index(root: tree_sitter.Node, found: list[tree_sitter.Node] | None = None,
                    ) -> tuple[list[tree_sitter.Node], list[int], list[int]]:
    """Every function node in start order, their starts, and each one's innermost
    enclosing function (an index into the list, -1 for none). `found`: the function
    nodes when a query already collected them."""
    if found is None:
        found = captures(FUNCTIONS, root).get("fn", [])
    fns = sorted(found, key=lambda n: (n.start_byte, -n.end_byte))
    outer: list[int] = []
    open_: list[int] = []
    for i, fn in enumerate(fns):
        while open_ and fns[open_[-1]].end_byte <= fn.start_byte:
            open_.pop()
        outer.append(open_[-1] if open_ else -1)
        open_.append(i)
    return fns, [f.start_byte for f in fns], outer


def _first_error(node: tree_sitter.Node) -> tree_sitter.Node | None:
    """The first ERROR or MISSING node in node's subtree, iteratively."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.is_error or n.is_missing:
            return n
        stack.extend(c for c in reversed(n.children) if c.has_error or c.is_error or c.is_missing)
    return None


_DECLARED = re.compile(rb"^(func|type|var|const)[ \t]*(?:\([^)\n]*\)[ \t]*)?([A-Za-z_][A-Za-z0-9_]*)")
_KEYWORDS = {b"func": "function", b"type": "type", b"var": "var", b"const": "const"}


def _declared(decl: bytes) -> str:
    """What a declaration's bytes declare, for a message: `function F` (a method too),
    `type T`, `var v`, `const c`; "declaration" when it cannot be told."""
    m = _DECLARED.match(decl)
    if m is None or (m.group(1) != b"func" and decl[m.end(1):].lstrip().startswith(b"(")):
        return "declaration"  # a grouped var/const/type: which one failed is not known
    return f"{_KEYWORDS[m.group(1)]} {m.group(2).decode()}"


def go_quote(text: str) -> str:
    """text as Go's %q prints it: one line, safe in any log (no raw newlines,
    control characters or unbalanced quotes)."""
    out = ['"']
    for ch in text:
        o = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif 0xD800 <= o <= 0xDFFF or ch == "\ufffd" or 0x80 <= o < 0xA0 or o in (0x2028, 0x2029):
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def parse_tree(data: bytes) -> tree_sitter.Tree:
    """The tree of data; where declarations fail to parse, the tree of a same-length
    copy with newer Go syntax normalised (see goguard.frontend.normalise), when that
    leaves fewer declarations in error."""
    return parse_source(data)[0]


def parse_source(data: bytes) -> tuple[tree_sitter.Tree, bytes]:
    """parse_tree's tree, and the bytes it was parsed from (data itself, or the
    normalised copy: offsets are the same, the spelling of newer syntax is not)."""
    p = parser()
    tree = p.parse(data)
    if not tree.root_node.has_error:
        return tree, data
    norm = normalised(data, tree, p)
    if norm is None:
        return tree, data
    better = p.parse(norm)
    if len(error_regions(better.root_node)) < len(error_regions(tree.root_node)):
        return better, norm
    return tree, data


@dataclass
class SourceFile:
    """A parsed file. `path` is the display path (relative to the current folder)."""

    path: str
    abspath: str
    data: bytes
    tree: tree_sitter.Tree
    report: bool = True
    # A part of a large file (see `split`): the byte range whose findings it reports.
    owned: tuple[int, int] | None = None
    _line_starts: list[int] | None = field(default=None, repr=False)
    _functions: tuple[list[tree_sitter.Node], list[int], list[int]] | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, path: str, abspath: str, data: bytes, report: bool = True) -> "SourceFile":
        return cls(path, abspath, data, parse_tree(data), report)

    @property
    def key(self) -> tuple:
        """What tells this file (or part of a file) from the package's others."""
        return (self.abspath, self.owned)

    @property
    def root(self) -> tree_sitter.Node:
        return self.tree.root_node

    @property
    def span(self) -> tuple[int, int]:
        """The bytes this file's tree covers: a part's own range (the first part's
        begins with the header), else the whole file. A package's text scans search
        this range, since a large file's parts share the file's bytes and each must
        find only what its own tree holds."""
        return self.owned if self.owned is not None else (0, len(self.data))

    @functools.cached_property
    def build_go_version(self) -> tuple[int, int] | None:
        return build_go_version(self.data)

    @functools.cached_property
    def package_name(self) -> str:
        for child in self.root.named_children:
            if child.type == "package_clause":
                for c in child.named_children:
                    return self.text(c)
        return ""

    def text(self, node: tree_sitter.Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def code(self, node: tree_sitter.Node) -> str:
        """A node's text without the comments inside it, for quoting code in a message
        (a `// ...` inside a multi-line expression would swallow what follows once the
        message puts it on one line)."""
        raw = self.data[node.start_byte:node.end_byte]
        if b"//" not in raw and b"/*" not in raw:
            return raw.decode("utf-8", "replace")
        parts, pos = [], node.start_byte
        stack = [node]
        comments = []
        while stack:
            n = stack.pop()
            if n.type == "comment":
                comments.append((n.start_byte, n.end_byte))
            else:
                stack.extend(n.children)
        for a, b in sorted(comments):
            parts.append(self.data[pos:a])
            parts.append(b" ")
            pos = b
        parts.append(self.data[pos:node.end_byte])
        return b"".join(parts).decode("utf-8", "replace")

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

    def index_functions(self, found: list[tree_sitter.Node]) -> None:
        """Take the function nodes from the engine's combined query (saves a traversal)."""
        self._functions = _function_index(self.root, found)

    def enclosing_function(self, node: tree_sitter.Node) -> tree_sitter.Node | None:
        """The innermost function declaration, method or function literal around `node`
        (not `node` itself), found by byte spans. tree-sitter's `node.parent` costs time
        proportional to the node's depth, so walking up is quadratic in deeply nested code."""
        if self._functions is None:
            self._functions = _function_index(self.root)
        fns, starts, outer = self._functions
        i = bisect.bisect_right(starts, node.start_byte) - 1
        while i >= 0:  # the last function starting before the node, then its outer ones
            fn = fns[i]
            # The same span is the function itself, or a node wrapping only it: outside.
            if node.end_byte < fn.end_byte or node.end_byte == fn.end_byte and node.start_byte > fn.start_byte:
                return fn
            i = outer[i]
        return None

    def syntax_errors(self) -> list[tuple[int, int, str]]:
        """(start, end, where) for each top-level declaration still in error after
        normalisation: `L:C: syntax error near "tok"` with what it declares."""
        out = []
        for start, end in error_regions(self.root):
            decl = self.root.descendant_for_byte_range(start, end)
            while decl is not None and decl.parent is not None and decl.parent.type != "source_file":
                decl = decl.parent
            bad = _first_error(decl) if decl is not None else None
            at = max(bad.start_byte, start) if bad is not None else start
            line, col = self.position(at)
            if bad is not None and bad.is_missing:
                what = f"syntax error: missing {go_quote(bad.type)}"
            else:
                token = self.data[at:max(at, bad.end_byte) if bad is not None else end].split(b"\n", 1)[0].strip()
                token = token[:24].decode("utf-8", "replace")
                what = f"syntax error near {go_quote(token)}" if token else "syntax error"
            out.append((start, end, f"{line}:{col}: {what}; {_declared(self.data[start:end])}"))
        return out

    def syntax_warning(self, errors: list[tuple[int, int, str]]) -> str:
        """The file's one warning for its declarations in error: the first, in full, and
        how many more (the first few named by line)."""
        first = errors[0][2]
        more = errors[1:]
        if not more:
            return f"{self.path}:{first} not analysed"
        named = "; ".join(f"{w.split('; ', 1)[1]}, line {w.split(':', 1)[0]}" for _, _, w in more[:3])
        rest = f"; and {len(more) - 3} more" if len(more) > 3 else ""
        n = len(more)
        return (f"{self.path}:{first} not analysed, nor {n} more declaration{'' if n == 1 else 's'} with "
                f"syntax errors ({named}{rest})")

    def line_bytes(self, line: int) -> bytes:
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.data)
        return self.data[start:end]


# A file larger than this is analysed in parts (see `plan_parts`), so that what the
# analyses keep per function is freed part by part: peak memory follows the largest
# part, not the file. The parts share the file's bytes, but each has its own package
# facts to compute and its own pass over the file's text scans, so the number of parts
# is bounded and a part is at least PART_BYTES (small files are cheaper whole).
SPLIT_BYTES = 1 << 20
PART_BYTES = 256 << 10
MAX_PARTS = 24
_HEADER = ("package_clause", "import_declaration", "comment")
_BLANK = bytes(c if c in b"\n\r" else 0x20 for c in range(256))


@dataclass
class PartPlan:
    """Where a large file is cut: the end of its header (package clause and imports,
    to the end of their last line, newline included), the start of each part (a top-level declaration with the comments just above it)
    and the file's comments, all as byte offsets (no tree kept)."""

    header_end: int
    cuts: list[int]
    comments: list[tuple[int, int]]


def plan_parts(f: SourceFile, split_bytes: int | None = None, part_bytes: int | None = None) -> PartPlan | None:
    """Where to cut a large, error-free file; None when it is not worth splitting."""
    root = f.root
    n = len(f.data)
    if n < (SPLIT_BYTES if split_bytes is None else split_bytes) or root.has_error:
        return None
    size = max(PART_BYTES if part_bytes is None else part_bytes, -(-n // MAX_PARTS))
    header_end, cuts, last, pending = 0, [], 0, None
    data = f.data
    for c in root.children:
        if c.type == "comment" and not cuts and pending is None and header_end and \
                data.find(b"\n", header_end, c.start_byte) < 0:
            header_end = c.end_byte  # a comment ending the header's last line is the header's
            continue
        if c.type == "comment":
            if pending is None:  # comments above a declaration go with it
                pending = c.start_byte
            continue
        if not cuts and c.type in _HEADER:
            header_end, pending = c.end_byte, None
            continue
        start = c.start_byte if pending is None else pending
        pending = None
        if not cuts or start - last >= size:
            cuts.append(start)
            last = start
    # The header's range ends with its line, so that a part's first declaration follows
    # a newline as Go's grammar requires: a declaration on that line is not cut.
    line_end = data.find(b"\n", header_end, cuts[0]) if cuts else -1
    if len(cuts) < 2 or line_end < 0:
        return None
    comments = [(c.start_byte, c.end_byte) for c in captures("(comment) @c", root).get("c", [])]
    return PartPlan(line_end + 1, cuts, comments)


def build_parts(path: str, abspath: str, data: bytes, plan: PartPlan, report: bool = True,
                parsed: bytes | None = None) -> tuple[list[SourceFile], SourceFile]:
    """The parts of a file: each parsed from the file's own bytes with tree-sitter's
    included ranges, the header and the part's own declarations (so every byte
    offset, line and column is the file's own, and no part copies the file), owning
    the byte range whose findings it reports; and the file with only its comments in
    its tree, for the suppression directives. The parts share the file's bytes and
    line starts. `parsed`: the normalised bytes the whole file's tree came from, if
    any (the parts' trees come from them as well)."""
    head = plan.header_end
    bounds = plan.cuts + [len(data)]
    whole = SourceFile(path, abspath, data, None, report)  # type: ignore[arg-type]
    starts = whole.line_starts

    def point(at: int) -> tree_sitter.Point:
        row = bisect.bisect_right(starts, at) - 1
        return tree_sitter.Point(row, at - starts[row])

    def span(a: int, b: int) -> tree_sitter.Range:
        return tree_sitter.Range(point(a), point(b), a, b)

    # The comments-only copy first: a comment cannot be an included range of its own
    # (a line comment would run on into the next range).
    only = bytearray(data.translate(_BLANK))
    only[:head] = data[:head]
    for a, b in plan.comments:
        only[a:b] = data[a:b]
    whole.tree = parser().parse(bytes(only))
    del only
    own = _parts_parser()
    parts = []
    try:
        for i in range(len(plan.cuts)):
            lo, hi = bounds[i], bounds[i + 1]
            own.included_ranges = [span(0, hi)] if i == 0 else [span(0, head), span(lo, hi)]
            part = SourceFile(path, abspath, data, own.parse(parsed or data), report, owned=(0 if i == 0 else lo, hi))
            part._line_starts = starts
            parts.append(part)
    finally:
        own.reset()
    return parts, whole
