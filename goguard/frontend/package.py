"""A package: the files of one folder that share a package clause, and the
package-level declarations every file of it can see."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node

from goguard.frontend.source import SourceFile
from goguard.frontend.syntax import specs


@dataclass
class TopDecl:
    """A package-level name: a type, var, const or func, with the file it is declared in."""

    name: str
    kind: str  # "type" | "var" | "const" | "func"
    file: SourceFile
    node: Node  # the spec (type_spec, var_spec, const_spec) or function_declaration
    type_node: Node | None = None
    value: Node | None = None  # initializer expression, when there is one
    type_params: Node | None = None


def _unquote(text: str) -> str:
    return text.strip('"`')


def default_import_name(path: str) -> str:
    """The name an import is known by when it has no alias: its last path element,
    skipping a major-version suffix (gopkg.in/yaml.v3, example.com/mod/v2)."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        return path
    last = parts[-1]
    if re.fullmatch(r"v[0-9]+", last) and len(parts) > 1:
        last = parts[-2]
    last = re.sub(r"\.v[0-9]+$", "", last)
    if last.startswith("go-"):
        last = last[3:]
    return last.replace("-", "_").replace(".", "_")


def file_imports(file: SourceFile) -> dict[str, str]:
    """Import name -> import path for one file (dot and blank imports left out)."""
    out: dict[str, str] = {}
    for decl in file.root.named_children:
        if decl.type != "import_declaration":
            continue
        specs = []
        for c in decl.named_children:
            if c.type == "import_spec":
                specs.append(c)
            elif c.type == "import_spec_list":
                specs.extend(s for s in c.named_children if s.type == "import_spec")
        for spec in specs:
            path_node = spec.child_by_field_name("path")
            if path_node is None:
                continue
            path = _unquote(file.text(path_node))
            name_node = spec.child_by_field_name("name")
            name = file.text(name_node) if name_node is not None else default_import_name(path)
            if name in ("_", "."):
                continue
            out[name] = path
    return out


class Package:
    """The files of one package and its package-level declarations.

    Files that are only read for their declarations (the rest of a folder when single
    files are named, as pre-commit does) are parsed when the declarations are first
    asked for, so a run that never needs them does not pay for them."""

    def __init__(self, dir: str, name: str, files: list[SourceFile], go_version: tuple[int, int] | None = None,
                 pending: list[tuple[str, str, bytes]] | None = None) -> None:
        self.dir = dir
        self.name = name
        self.go_version = go_version
        self._files = list(files)
        self._pending = list(pending or ())
        self._decls: dict[str, TopDecl] = {}
        self._methods: dict[tuple[str, str], Node] = {}
        self._method_files: dict[int, SourceFile] = {}
        self._imports: dict[int, dict[str, str]] = {}
        # Shared per-package facts computed on first request by the analyses (e.g. map-ness of fields).
        self.facts: dict[str, object] = {}
        for f in self._files:
            self._index(f)

    def _complete(self) -> None:
        pending, self._pending = self._pending, []
        for display, abspath, data in pending:
            try:
                f = SourceFile.parse(display, abspath, data, report=False)
            except Exception:  # a file read only for declarations is not the user's concern
                continue
            self._files.append(f)
            self._index(f)

    @property
    def files(self) -> list[SourceFile]:
        if self._pending:
            self._complete()
        return self._files

    @property
    def decls(self) -> dict[str, TopDecl]:
        if self._pending:
            self._complete()
        return self._decls

    @property
    def methods(self) -> dict[tuple[str, str], Node]:
        if self._pending:
            self._complete()
        return self._methods

    def method_file(self, decl: Node) -> SourceFile | None:
        """The file of a method declaration of the package (None for anything else)."""
        if self._pending:
            self._complete()
        return self._method_files.get(decl.id)

    def method(self, type_name: str, name: str) -> tuple[Node, SourceFile] | None:
        """The declaration of method `name` of the package's type `type_name`, and its file."""
        decl = self.methods.get((type_name, name))
        return (decl, self._method_files[decl.id]) if decl is not None else None

    def imports(self, file: SourceFile) -> dict[str, str]:
        key = id(file)
        if key not in self._imports:
            self._imports[key] = file_imports(file)
        return self._imports[key]

    def _index(self, file: SourceFile) -> None:
        for decl in file.root.named_children:
            t = decl.type
            if t == "function_declaration":
                name = decl.child_by_field_name("name")
                if name is not None:
                    self._decls.setdefault(file.text(name), TopDecl(file.text(name), "func", file, decl))
            elif t == "method_declaration":
                name = decl.child_by_field_name("name")
                recv = decl.child_by_field_name("receiver")
                rtype = _receiver_type_name(file, recv) if recv is not None else None
                if name is not None and rtype:
                    self._methods[(rtype, file.text(name))] = decl
                    self._method_files[decl.id] = file
            elif t in ("type_declaration", "var_declaration", "const_declaration"):
                self._index_specs(file, decl)

    def _index_specs(self, file: SourceFile, decl: Node) -> None:
        for spec in specs(decl):
            t = spec.type
            if t in ("type_spec", "type_alias"):
                name = spec.child_by_field_name("name")
                if name is not None:
                    n = file.text(name)
                    self._decls[n] = TopDecl(n, "type", file, spec, spec.child_by_field_name("type"),
                                            type_params=spec.child_by_field_name("type_parameters"))
            elif t in ("var_spec", "const_spec"):
                kind = "var" if t == "var_spec" else "const"
                names = spec.children_by_field_name("name")
                type_node = spec.child_by_field_name("type")
                value = spec.child_by_field_name("value")
                values = value.named_children if value is not None else []
                for i, name in enumerate(names):
                    n = file.text(name)
                    v = values[i] if i < len(values) and len(values) == len(names) else None
                    self._decls[n] = TopDecl(n, kind, file, spec, type_node, v)


def _receiver_type_name(file: SourceFile, recv: Node) -> str | None:
    for p in recv.named_children:
        t = p.child_by_field_name("type")
        while t is not None and t.type in ("pointer_type", "parenthesized_type"):
            t = t.named_children[-1] if t.named_children else None
        if t is not None and t.type == "generic_type":
            t = t.child_by_field_name("type")
        if t is not None and t.type == "type_identifier":
            return file.text(t)
    return None


_GO_LINE = re.compile(rb"^go\s+([0-9]+)\.([0-9]+)", re.M)


@lru_cache(maxsize=None)
def go_mod_version(directory: str) -> tuple[int, int] | None:
    """The `go` line of the nearest go.mod at or above a folder, or None."""
    d = os.path.abspath(directory)
    while True:
        mod = os.path.join(d, "go.mod")
        if os.path.isfile(mod):
            try:
                with open(mod, "rb") as fh:
                    m = _GO_LINE.search(fh.read(1 << 20))
            except OSError:
                return None
            return (int(m.group(1)), int(m.group(2))) if m else None
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent
