"""Import paths inside the source tree resolve to folders as the go command would:
the main module, modules nested in it, go.work uses, local replace directives and
vendor/; anything else (the standard library, the module cache) does not."""

from __future__ import annotations

from pathlib import Path

from goguard.frontend.module import ModuleIndex


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def test_resolution(tmp_path: Path) -> None:
    write(tmp_path, {
        "m/go.mod": "module example.com/m\n\ngo 1.22\n\nreplace example.com/r => ../rep\n"
                    "replace (\n\texample.com/s v1.2.0 => ./lib\n)\n",
        "m/lib/a.go": "package lib\n",
        "m/a/inner/a.go": "package inner\n",
        "m/nested/go.mod": "module example.com/nested\n",
        "m/nested/x/a.go": "package x\n",
        "m/vendor/example.com/v/pkg/a.go": "package pkg\n",
        "rep/go.mod": "module example.com/r\n",
        "rep/r/a.go": "package r\n",
        "go.work": "go 1.22\n\nuse (\n\t./w // a workspace module\n)\n",
        "w/go.mod": "module example.com/w\n",
        "w/tool/a.go": "package tool\n",
    })
    ix = ModuleIndex(str(tmp_path / "m"))
    assert ix.path == "example.com/m"
    got = {p: ix.folder(p) for p in [
        "example.com/m/lib", "example.com/m/a/inner", "example.com/m/missing", "example.com/m/nested/x",
        "example.com/nested/x", "example.com/r/r", "example.com/s", "example.com/v/pkg", "example.com/w/tool",
        "fmt", "example.com/other"]}
    m = tmp_path / "m"
    assert got == {
        "example.com/m/lib": str(m / "lib"),
        "example.com/m/a/inner": str(m / "a" / "inner"),
        "example.com/m/missing": None,
        # nested/ has its own go.mod naming another module: not part of example.com/m.
        "example.com/m/nested/x": None,
        "example.com/nested/x": None,  # not required by this module: not on its paths
        "example.com/r/r": str(tmp_path / "rep" / "r"),
        "example.com/s": str(m / "lib"),
        "example.com/v/pkg": str(m / "vendor" / "example.com" / "v" / "pkg"),
        "example.com/w/tool": str(tmp_path / "w" / "tool"),
        "fmt": None,
        "example.com/other": None,
    }
