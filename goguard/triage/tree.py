"""Mapping a trace's frames onto the files of the tree being triaged.

A frame names a file as the build saw it: `/build/src/github.com/acme/svc/store.go`,
`/home/u/go/pkg/mod/github.com/acme/lib@v1.2.3/x.go` (module cache: `@version` and
`!`-escaped capitals), `github.com/acme/svc/store.go` (`-trimpath`). The tree's files
are known by their path below the tree's root and by their import-path form (the
module path of their go.mod plus the path inside the module). The frame's file is
the tree file whose path shares the longest run of trailing components with it; a
tie between files is ambiguous and maps to nothing.

A file found by name must also hold the frame's function at the frame's line (the
method `(*Cache).Put`, the function `main`, with closures `main.func1` taken to their
enclosing declaration): otherwise the tree is not the code that crashed (an edited
file, another version) and the frame is reported as stale rather than guessed at.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from goguard.frontend import source as src
from goguard.frontend.module import _module_path, module_root
from goguard.triage.traces import Frame, split_function

MAX_FILES = 500_000
MAX_DIRS = 200_000  # triage run from / or a home folder by mistake must still end
# A root in no Go module (no go.mod at or above it): a checkout of several modules is
# walked, but one this large is a home folder or / by mistake, and is not walked through.
MAX_DIRS_OUTSIDE_A_MODULE = 20_000


class TooLarge(Exception):
    """The root is in no Go module and holds too many folders to be a checkout."""
MAX_FILE_BYTES = 16 << 20
_CLOSURE = re.compile(r"(?:\.func[0-9]+|\.gowrap[0-9]+|\.deferwrap[0-9]+|\.[0-9]+|-range[0-9]+)+$")
_GENERIC = re.compile(r"\[[^\[\]]*\]")
_ESCAPED_CAPITAL = re.compile(r"!([a-z])")


@dataclass(frozen=True)
class Located:
    frame: Frame
    abspath: str | None = None  # the tree file, when it maps to one
    why: str = ""  # when it does not: not in the tree, ambiguous, stale
    declaration: str = ""  # the tree's declaration at the line, e.g. (*Cache).Put

    @property
    def stale(self) -> bool:
        return self.abspath is None and self.why.startswith("stale")


def _components(path: str) -> list[str]:
    parts = [p for p in path.replace("\\", "/").split("/") if p and p != "."]
    out = []
    for p in parts:
        if "@" in p:
            p = p.split("@", 1)[0]  # module cache: lib@v1.2.3
        out.append(_ESCAPED_CAPITAL.sub(lambda m: m.group(1).upper(), p))
    return out


def _common_tail(a: list[str], b: list[str]) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


class Tree:
    """The .go files below a root, by base name."""

    def __init__(self, root: str, warn=lambda msg: None) -> None:
        self.root = os.path.abspath(root)
        self.by_name: dict[str, list[tuple[str, list[list[str]]]]] = {}
        self.files = 0
        self._parsed: dict[str, tuple[bytes, object] | None] = {}  # frames often share a file
        self._walk(warn)

    def _walk(self, warn) -> None:
        # Symlinked folders are not followed, so the walk cannot loop.
        stack = [self.root]
        modules: dict[str, list[str] | None] = {}
        dirs = 0
        outside = module_root(self.root) is None
        max_dirs = MAX_DIRS_OUTSIDE_A_MODULE if outside else MAX_DIRS
        while stack and self.files < MAX_FILES and dirs < max_dirs:
            d = stack.pop()
            dirs += 1
            try:
                entries = list(os.scandir(d))
            except OSError as e:
                warn(f"{os.path.relpath(d, self.root)}: cannot read folder: {e.strerror or e}")
                continue
            for e in entries:
                try:
                    if e.is_dir(follow_symlinks=False):
                        if not e.name.startswith(".") and e.name != "node_modules":
                            stack.append(e.path)
                    elif e.name.endswith(".go") and e.is_file():
                        self._add(e.path, modules)
                except OSError:
                    continue
        if stack and outside:
            raise TooLarge(f"{self.root} is in no Go module (no go.mod at or above it) and holds more than "
                           f"{max_dirs:,} folders: run goguard triage from the checkout of the code that "
                           f"crashed, or name it with --root")
        if stack:
            warn(f"{self.root} holds more than {MAX_FILES} Go files or {MAX_DIRS} folders: the rest are "
                 f"not looked at (run goguard triage from the checkout, or name it with --root)")

    def _add(self, path: str, modules: dict[str, list[str] | None]) -> None:
        self.files += 1
        rel = _components(os.path.relpath(path, self.root))
        variants = [rel]
        d = os.path.dirname(path)
        if d not in modules:
            root = module_root(d)
            mod = _module_path(root) if root else None
            modules[d] = (_components(mod) + _components(os.path.relpath(d, root))) if mod else None
        if modules[d] is not None:
            variants.append(modules[d] + [os.path.basename(path)])
        self.by_name.setdefault(os.path.basename(path), []).append((path, variants))

    def declaration_at(self, path: str, line: int) -> str | None:
        """The Go symbol of the top-level declaration holding `line` of the file, as a
        trace names it: `(*Cache).Put`, `main`, `glob` (a package-level var's
        function); "" when the line is outside every function, None when the file
        cannot be read."""
        if path not in self._parsed:
            self._parsed[path] = _read_tree(path)
        parsed = self._parsed[path]
        return None if parsed is None else _declaration_in(parsed[0], parsed[1], line)

    def locate(self, frame: Frame) -> Located:
        parts = _components(frame.file)
        if not parts:
            return Located(frame, why="no file name")
        candidates = self.by_name.get(parts[-1], [])
        if not candidates:
            return Located(frame, why="not in this tree")
        scored: dict[int, list[str]] = {}
        for path, variants in candidates:
            scored.setdefault(max(_common_tail(parts, v) for v in variants), []).append(path)
        best = max(scored)
        # Files that match as well by name but not by declaration are no rival.
        checked = [(p, self.declaration_at(p, frame.line)) for p in scored[best]]
        fits = [(p, d) for p, d in checked if d is not None and same_function(frame.function, d)]
        if len(fits) == 1:
            return Located(frame, fits[0][0], declaration=fits[0][1])
        if len(fits) > 1:
            shown = ", ".join(sorted(os.path.relpath(p, self.root) for p, _ in fits)[:3])
            return Located(frame, why=f"ambiguous: {len(fits)} files of this tree fit ({shown})")
        path, found = checked[0]
        rel = os.path.relpath(path, self.root)
        if found is None:  # too large or unreadable: nothing can be said of it
            return Located(frame, why=f"{rel} cannot be read")
        want = split_function(frame.function)[1] or frame.function
        return Located(frame, why=f"stale: line {frame.line} of {rel} is in {found or 'no function'}, "
                                  f"the trace says {want}")


def _receiver(node, data: bytes) -> str:
    """`(*T)` or `T` of a method's receiver list, type parameters left out."""
    for p in node.named_children:
        if p.type == "parameter_declaration":
            t = p.child_by_field_name("type")
            if t is None:
                return ""
            star = t.type == "pointer_type"
            if star:
                t = t.named_children[0] if t.named_children else t
            if t.type == "generic_type":
                t = t.child_by_field_name("type") or t
            name = data[t.start_byte:t.end_byte].decode("utf-8", "replace")
            return f"(*{name})" if star else name
    return ""


def _read_tree(path: str) -> tuple[bytes, object] | None:
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            return None
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    return data, src.parse_tree(data).root_node


def _declaration_in(data: bytes, root, line: int) -> str:
    row = line - 1
    for node in root.named_children:
        if not (node.start_point[0] <= row <= node.end_point[0]):
            continue
        if node.type == "function_declaration":
            name = node.child_by_field_name("name")
            return data[name.start_byte:name.end_byte].decode() if name else ""
        if node.type == "method_declaration":
            name = node.child_by_field_name("name")
            recv = node.child_by_field_name("receiver")
            if name is None or recv is None:
                return ""
            return f"{_receiver(recv, data)}.{data[name.start_byte:name.end_byte].decode()}"
        if node.type in ("var_declaration", "const_declaration"):
            return "glob"
        return ""
    return ""


def same_function(function: str, declaration: str) -> bool:
    """A frame's function (`pkg.(*List[...]).Push.func1`) names the declaration."""
    rest = split_function(function)[1]
    rest = _CLOSURE.sub("", _GENERIC.sub("", rest)).rstrip(".")
    return bool(rest) and rest == declaration
