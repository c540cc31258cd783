"""`goguard server` end to end: the installed console script, driven over stdio by a
real LSP client (pytest-lsp's, built on pygls), as an editor drives it."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from cli_support import script, write_tree  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BUG = 'package p\n\nfunc Count(words []string) map[string]int {\n\tvar m map[string]int\n' \
      '\tfor _, w := range words {\n\t\tm[w]++\n\t}\n\treturn m\n}\n'
CLEAN = 'package p\n\nfunc Count(words []string) map[string]int {\n\tm := map[string]int{}\n' \
        '\tfor _, w := range words {\n\t\tm[w]++\n\t}\n\treturn m\n}\n'
# A fix that needs no judgement: a local map never made, written with a map write only.
FIXABLE = 'package p\n\nfunc Set() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n'
BROKEN = 'package p\n\nfunc Bad() {\n\tx := := 1\n}\n'


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[script(), "server"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    (root / "go.mod").write_text("module example.com/ws\n\ngo 1.22\n")
    (root / "p").mkdir()
    (root / ".git").mkdir()
    registered = []

    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:  # as an editor that watches files for the server
        registered.extend(params.registrations)

    caps = client_capabilities("visual-studio-code")
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=caps, root_uri=root.as_uri(), initialization_options={"debounce": 0.05},
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="ws")]))
    lsp_client.root = root
    lsp_client.registered = registered
    yield
    await lsp_client.shutdown_session()


async def diagnostics_for(client: LanguageClient, uri: str, version: int | None = None, timeout: float = 60):
    """The next diagnostics published for uri (for that document version, when given)."""
    async def wait():
        while True:
            params = await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
    return await asyncio.wait_for(wait(), timeout)


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="go", version=version, text=text)))
    return uri


def replace_all(client: LanguageClient, uri: str, text: str, version: int, old: str) -> None:
    lines = old.split("\n")
    end = lsp.Position(line=len(lines) - 1, character=len(lines[-1]))
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(line=0, character=0), end=end), text=text)]))


@pytest.mark.asyncio(loop_scope="function")
async def test_a_nil_map_write_is_a_diagnostic_with_its_flow_and_hover(client: LanguageClient):
    path = client.root / "p" / "count.go"
    path.write_text(BUG)
    uri = open_doc(client, path, BUG)
    (d,) = await diagnostics_for(client, uri)
    assert d.code == "GG101" and d.source == "goguard" and d.severity == lsp.DiagnosticSeverity.Error
    assert d.message == 'assignment to entry in possibly nil map "m"'
    assert (d.range.start.line, d.range.start.character) == (5, 2)  # m[w]++, 0-based
    assert d.code_description.href.endswith("/docs/rules/GG101.md")
    notes = [(r.location.range.start.line, r.message) for r in d.related_information]
    assert notes[0] == (3, "declared nil here") and all(r.location.uri == uri for r in d.related_information)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=5, character=3)))
    assert "GG101 nil-map-write" in hover.contents.value and "Why is this bad?" in hover.contents.value
    nothing = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=0)))
    assert nothing is None


@pytest.mark.asyncio(loop_scope="function")
async def test_unsaved_text_is_analysed_and_the_quick_fix_removes_the_finding(client: LanguageClient):
    path = client.root / "p" / "set.go"
    path.write_text(CLEAN)  # on disk: clean; the editor's buffer is what counts
    uri = open_doc(client, path, CLEAN)
    assert await diagnostics_for(client, uri) == []
    replace_all(client, uri, FIXABLE, 2, CLEAN)
    (d,) = await diagnostics_for(client, uri, version=2)
    assert d.code == "GG101"
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=d.range,
        context=lsp.CodeActionContext(diagnostics=[d])))
    fix = next(a for a in actions if a.is_preferred)
    assert fix.kind == lsp.CodeActionKind.QuickFix and "make" in fix.title
    suppress = next(a for a in actions if a.title.startswith("Suppress GG101"))
    (edit,) = suppress.edit.changes[uri]
    assert edit.new_text == "\t//goguard:ignore GG101 <reason: why this cannot crash>\n"
    # The client applies the fix's edits (as an editor does), and the finding is gone.
    text = _apply(FIXABLE, fix.edit.changes[uri])
    assert "m := make(map[string]int)" in text
    replace_all(client, uri, text, 3, FIXABLE)
    assert await diagnostics_for(client, uri, version=3) == []
    # fixAll offers the same fix for the whole document.
    replace_all(client, uri, FIXABLE, 4, text)
    await diagnostics_for(client, uri, version=4)
    (fix_all,) = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=lsp.Range(start=lsp.Position(line=0, character=0),
                                                                              end=lsp.Position(line=0, character=0)),
        context=lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.SourceFixAll])))
    assert fix_all.kind == "source.fixAll.goguard" and _apply(FIXABLE, fix_all.edit.changes[uri]) == text


@pytest.mark.asyncio(loop_scope="function")
async def test_a_configuration_change_rereads_the_rules(client: LanguageClient):
    path = client.root / "p" / "count.go"
    path.write_text(BUG)
    uri = open_doc(client, path, BUG)
    assert [d.code for d in await diagnostics_for(client, uri)] == ["GG101"]
    (watch,) = client.registered  # the server asked to hear of configuration changes
    assert watch.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert {w["globPattern"] for w in watch.register_options["watchers"]} >= {"**/goguard.toml", "**/go.mod"}
    config = client.root / "goguard.toml"
    config.write_text('ignore = ["GG101"]\n')
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Created)]))
    assert await diagnostics_for(client, uri) == []
    config.write_text('severity = { GG101 = "warning" }\n')
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)]))
    (d,) = await diagnostics_for(client, uri)
    assert d.severity == lsp.DiagnosticSeverity.Warning


@pytest.mark.asyncio(loop_scope="function")
async def test_a_syntax_error_is_one_log_message_and_the_server_keeps_answering(client: LanguageClient):
    path = client.root / "p" / "bad.go"
    path.write_text(BROKEN)
    uri = open_doc(client, path, BROKEN)
    assert await diagnostics_for(client, uri) == []
    logged = [m for m in client.log_messages if "syntax error" in m.message]
    assert len(logged) == 1 and 'bad.go:4:7: syntax error near ":="; function Bad not analysed' in logged[0].message
    # The next edit, still broken the same way, logs nothing more; fixed, it is analysed.
    replace_all(client, uri, BROKEN + "\n", 2, BROKEN)
    await diagnostics_for(client, uri, version=2)
    assert len([m for m in client.log_messages if "syntax error" in m.message]) == 1
    replace_all(client, uri, FIXABLE, 3, BROKEN + "\n")
    assert [d.code for d in await diagnostics_for(client, uri, version=3)] == ["GG101"]


@pytest.mark.asyncio(loop_scope="function")
async def test_a_change_cancels_the_analysis_of_older_text(client: LanguageClient):
    """Many changes in a row, each before the last analysis ends: only the newest
    text's diagnostics arrive, and they are right."""
    path = client.root / "p" / "fast.go"
    path.write_text(CLEAN)
    uri = open_doc(client, path, CLEAN)
    await diagnostics_for(client, uri)
    old = CLEAN
    for v in range(2, 12):
        new = (FIXABLE if v % 2 == 0 else CLEAN) + f"// {v}\n"
        replace_all(client, uri, new, v, old)
        old = new
    diags = await diagnostics_for(client, uri, version=11)
    assert diags == []  # version 11 is CLEAN
    await asyncio.sleep(0.5)
    published = [n for n in client.diagnostics.get(uri, [])]
    assert published == []


def _apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Edits applied as an editor applies them (positions in UTF-16 of the old text)."""
    lines = text.split("\n")

    def offset(p: lsp.Position) -> int:
        return sum(len(x) + 1 for x in lines[:p.line]) + p.character

    for e in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[:offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text



# --- the editor set-ups of docs/editors.md ---------------------------------------------

EDITORS = (Path(__file__).resolve().parents[1] / "docs" / "editors.md").read_text()
SERVER = EDITORS.split("## The language server", 1)[1].split("\n## ", 1)[0]


def _block(heading: str, lang: str) -> str:
    section = SERVER.split(f"### {heading}", 1)[1].split("\n### ", 1)[0]
    return re.search(rf"```{lang}\n(.*?)```", section, re.S).group(1)


def _editor_tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "ed", {"go.mod": "module example.com/ed\n\ngo 1.22\n", "p/a.go": FIXABLE})


def _env() -> dict:
    """The editor finds `goguard` on PATH, as a user's does."""
    return {**os.environ, "PATH": str(Path(script()).parent) + os.pathsep + os.environ["PATH"]}


def test_the_documented_settings_name_the_server_command():
    vscode = json.loads(_block("VS Code", "json"))
    assert (vscode["glspc.server.command"], vscode["glspc.server.commandArguments"]) == ("goguard", ["server"])
    helix = tomllib.loads(_block("Helix", "toml"))
    assert helix["language-server"]["goguard"] == {"command": "goguard", "args": ["server"]}
    assert helix["language"][0]["language-servers"] == ["gopls", "goguard"]
    assert 'cmd = { "goguard", "server" }' in _block("Neovim (built-in LSP)", "lua")
    assert '("goguard" "server")' in _block("Emacs: eglot", "elisp")


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed")
def test_neovims_own_client_shows_the_diagnostic(tmp_path: Path):
    """Neovim's built-in client, started with the documented command (through
    start_client and buf_attach_client, which vim.lsp.start wraps from 0.8 on)."""
    cmd = re.search(r"cmd = (\{[^}]*\})", _block("Neovim (built-in LSP)", "lua")).group(1)
    root = _editor_tree(tmp_path)
    (root / "try.lua").write_text(
        f'local id = vim.lsp.start_client({{ name = "goguard", cmd = {cmd}, root_dir = vim.fn.getcwd() }})\n'
        "vim.lsp.buf_attach_client(0, id)\n"
        "vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 100)\n"
        "for _, d in ipairs(vim.diagnostic.get(0)) do\n"
        '  io.stdout:write(string.format("%d:%d %s %s\\n", d.lnum + 1, d.col + 1, d.source, d.message))\n'
        "end\n"
        'vim.cmd("qa!")\n')
    p = subprocess.run(["nvim", "--headless", "-u", "NONE", "-c", "luafile try.lua", "p/a.go"], cwd=root,
                       env=_env(), capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert '5:2 goguard assignment to entry in nil map "m"' in p.stdout + p.stderr, (p.stdout, p.stderr)


def _emacs_has(*features: str) -> bool:
    if shutil.which("emacs") is None:
        return False
    probe = " ".join(f"(require '{f})" for f in features)
    return subprocess.run(["emacs", "--batch", "--eval", probe], capture_output=True, timeout=60).returncode == 0


@pytest.mark.skipif(not _emacs_has("eglot", "go-mode"), reason="Emacs with eglot and go-mode is not installed")
def test_eglot_with_the_documented_form_shows_the_diagnostic(tmp_path: Path):
    form = re.search(r"\(add-to-list 'eglot-server-programs .*?\)\)\)", _block("Emacs: eglot", "elisp")).group(0)
    root = _editor_tree(tmp_path)
    (root / "try.el").write_text(
        "(require 'go-mode)\n(require 'eglot)\n" + form + "\n"
        '(find-file "p/a.go")\n(go-mode)\n(eglot-ensure)\n'
        "(let ((deadline (+ (float-time) 60)))\n"
        "  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))\n"
        "    (accept-process-output nil 0.2)\n    (run-hooks 'post-command-hook)))\n"
        "(dolist (d (flymake-diagnostics))\n"
        '  (princ (format "%d %s\\n" (line-number-at-pos (flymake-diagnostic-beg d)) '
        "(flymake-diagnostic-text d))))\n(kill-emacs 0)\n")
    p = subprocess.run(["emacs", "--batch", "-l", "try.el"], cwd=root, env=_env(), capture_output=True, text=True,
                       timeout=120, stdin=subprocess.DEVNULL)
    assert '5 goguard [GG101]: assignment to entry in nil map "m"' in p.stdout, (p.stdout, p.stderr)
