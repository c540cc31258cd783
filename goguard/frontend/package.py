"""A package: the files of one folder that share a package clause, and the
package-level declarations every file of it can see."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node

from goguard.frontend.module import index_for, module_root
from goguard.frontend.source import SourceFile, package_name_of
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
        # Set for a package of the module read for its declarations (an import): its
        # named types are then spelled "import/path.Name" by its type resolver.
        self.import_path: str | None = None
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

    def functions(self):
        """(declaration, file) of every function and method declared in the package."""
        for d in self.decls.values():
            if d.kind == "func":
                yield d.node, d.file
        for m in self.methods.values():
            yield m, self._method_files[m.id]

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
    root = module_root(directory)
    if root is None:
        return None
    try:
        with open(os.path.join(root, "go.mod"), "rb") as fh:
            m = _GO_LINE.search(fh.read(1 << 20))
    except OSError:
        return None
    return (int(m.group(1)), int(m.group(2))) if m else None


# Packages of the module read for their declarations only, by folder: at most
# MAX_IMPORTED per process, the least recently used dropped first.
_IMPORTED: dict[str, Package | None] = {}
MAX_IMPORTED = 128
# Every folder whose declarations the current unit consulted (goguard.cache lists
# their files as the unit's dependencies); the engine clears it per unit.
CONSULTED: set[str] = set()
# The folders among them whose function bodies the analysis read (a callee's result
# summary): the cache keys on their files' full bytes, not on their declarations.
BODIES: set[str] = set()


def imported(from_dir: str, import_path: str) -> Package | None:
    """The package at `import_path` when it lies in the module around `from_dir` (its
    go.mod, nested modules, go.work, local replace directives, vendor/), read for its
    declarations only; None when it is not on disk here (the standard library, the
    module cache) or holds no Go files."""
    index = index_for(from_dir)
    folder = index.folder(import_path) if index is not None else None
    if folder is None:
        return None
    CONSULTED.add(folder)
    if folder in _IMPORTED:
        pkg = _IMPORTED.pop(folder)
        _IMPORTED[folder] = pkg
        return pkg
    pkg = _read_declarations(folder, import_path)
    _IMPORTED[folder] = pkg
    if len(_IMPORTED) > MAX_IMPORTED:
        del _IMPORTED[next(iter(_IMPORTED))]
    return pkg


class _LazyDecls(dict):
    """Declarations of an imported package, parsed from its files on first lookup of
    each name: only the files that mention the name are parsed."""

    def __init__(self, package: "ImportedPackage") -> None:
        super().__init__()
        self.package = package

    def get(self, name, default=None):
        if not dict.__contains__(self, name):
            self.package.load_for(name)
        return dict.get(self, name, default)


class ImportedPackage(Package):
    """A package of the module read for its declarations only, lazily: its files' bytes
    are read once, and a file is parsed only when it may declare a name asked for."""

    def __init__(self, folder: str, name: str, sources: list[tuple[str, bytes]], import_path: str) -> None:
        super().__init__(folder, name, [], go_mod_version(folder))
        self.import_path = import_path
        self._sources = sources  # (path, bytes) of every file
        self._parsed: set[int] = set()  # indexes into _sources
        self._by_name: dict[str, set[int]] | None = None  # name -> files that may declare it
        self._decls = _LazyDecls(self)

    def load_for(self, name: str) -> None:
        """Parse the files that may declare `name`, found by an index of the names that
        start a declaration line in each file, built with one scan per file."""
        if self._by_name is None:
            self._by_name = {}
            for k, (_, data) in enumerate(self._sources):
                for m in _DECLARED.finditer(data):
                    self._by_name.setdefault((m.group(1) or m.group(2)).decode("utf-8", "replace"), set()).add(k)
        for k in sorted(self._by_name.pop(name, ())):
            if k in self._parsed:
                continue
            self._parsed.add(k)
            path, data = self._sources[k]
            try:
                f = SourceFile.parse(path, path, data, report=False)
            except Exception:  # a file read only for declarations is not the user's concern
                continue
            self._files.append(f)
            self._index(f)


# A name that starts a declaration line: `type N`, `func N`, `var N`, `const N`, or a spec
# of a grouped declaration (an indented `N T`, `N = v`, `N[P any] T`). Over-matching
# (an indented statement that looks like one) only parses a file more.
_DECLARED = re.compile(rb"(?m)^(?:type|func|var|const)[ \t]+([A-Za-z_][A-Za-z0-9_]*)"
                       rb"|^[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?:[ \t]*=|\[|[ \t]+[A-Za-z_*\[(])")


def _read_declarations(folder: str, import_path: str) -> Package | None:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    by_name: dict[str, list[tuple[str, bytes]]] = {}
    for name in names:
        if not name.endswith(".go") or name.endswith("_test.go") or name.startswith((".", "_")):
            continue
        path = os.path.join(folder, name)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            continue
        if b"\0" in data or len(data) > (8 << 20):
            continue
        pkg_name = package_name_of(data)
        if pkg_name:
            by_name.setdefault(pkg_name, []).append((path, data))
    if not by_name:
        return None
    name, sources = max(by_name.items(), key=lambda kv: len(kv[1]))
    return ImportedPackage(folder, name, sources, import_path)
