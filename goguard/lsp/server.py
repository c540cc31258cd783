"""The language server: pygls wired to goguard's analysis of open documents.

- A document is analysed when it is opened or saved, and after each change once the
  editor has been quiet for `debounce` seconds (0.3 s; `initializationOptions:
  {"debounce": seconds}`); an analysis still running for older text is cancelled (its
  child process killed). Its findings, suppressed ones left out, are published as
  diagnostics; its warnings (a syntax error, an unreadable configuration) go to the
  client's log as one `window/logMessage`, once until they change.
- Code actions: each finding's fix (safe fixes preferred; unsafe ones say so), a
  suppression with a reason to write, and `source.fixAll.goguard` (every safe fix).
- Hover on a diagnostic's range: the finding and its rule page's explanation.
- The configuration (goguard.toml, .goguard.toml, pyproject.toml) and go.mod/go.work are
  read anew by every analysis; when the client reports one changed
  (`workspace/didChangeWatchedFiles`, registered where the client allows), every open
  document is analysed again.
"""

from __future__ import annotations

import asyncio
import os
import sys

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from goguard import __version__
from goguard.lsp import convert
from goguard.lsp.analysis import run_analysis, warm_up

DEBOUNCE = 0.3
WATCHED = ("goguard.toml", ".goguard.toml", "pyproject.toml", "go.mod", "go.work")


class GoguardServer(LanguageServer):
    def __init__(self, cache_dir: str | None) -> None:
        super().__init__("goguard", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.cache_dir = cache_dir
        self.debounce = DEBOUNCE
        self.tasks: dict[str, asyncio.Task] = {}
        self.analysed: dict[str, convert.Analysed] = {}
        self.logged: dict[str, tuple[str, ...]] = {}

    # --- analysis ---------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """(Re)start the analysis of a document, cancelling the one under way."""
        old = self.tasks.pop(uri, None)
        if old is not None:
            old.cancel()
        self.tasks[uri] = asyncio.ensure_future(self._analyse(uri, delay))

    async def _analyse(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            path = to_fs_path(uri)
            if not path or not path.endswith(".go"):
                return
            doc = self.workspace.get_text_document(uri)
            version, data = doc.version, doc.source.encode("utf-8", "surrogateescape")
            outcome = await run_analysis(path, data, self.cache_dir)
            if self.workspace.get_text_document(uri).version != version:
                return  # changed meanwhile: a newer analysis is scheduled
            self._publish(uri, version, data, outcome)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001 (the server must keep answering)
            from goguard.engine import internal_error

            self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Error,
                                                         message=internal_error(f"goguard server: {uri}", e)))
        finally:
            if self.tasks.get(uri) is asyncio.current_task():
                del self.tasks[uri]

    def _publish(self, uri: str, version, data: bytes, outcome) -> None:
        units = self.workspace.position_codec.client_num_units
        text = convert.Text(data, units)
        cwd = os.getcwd()
        diags = [convert.diagnostic(f, i, version, text, from_fs_path, units, cwd)
                 for i, f in enumerate(outcome.findings)]
        self.analysed[uri] = convert.Analysed(version, text, outcome.findings, diags)
        # The log first: a client that waits for the diagnostics has then read it too.
        said = tuple(outcome.warnings) + ((outcome.failure,) if outcome.failure else ())
        if said and said != self.logged.get(uri):
            kind = lsp.MessageType.Error if outcome.failure else lsp.MessageType.Warning
            self.window_log_message(lsp.LogMessageParams(type=kind, message="goguard: " + "\n".join(said)))
        self.logged[uri] = said
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diags,
                                                                            version=version))

    def forget(self, uri: str) -> None:
        task = self.tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        self.analysed.pop(uri, None)
        self.logged.pop(uri, None)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def current(self, uri: str) -> convert.Analysed | None:
        """The last analysis of a document, if it read the document's present text."""
        a = self.analysed.get(uri)
        if a is None:
            return None
        try:
            return a if self.workspace.get_text_document(uri).version == a.version else None
        except Exception:  # noqa: BLE001 (a document the client closed)
            return None


def build(cache_dir: str | None) -> GoguardServer:
    server = GoguardServer(cache_dir)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: GoguardServer, params: lsp.InitializeParams) -> None:
        opts = params.initialization_options
        if isinstance(opts, dict) and isinstance(opts.get("debounce"), (int, float)) and opts["debounce"] >= 0:
            ls.debounce = float(opts["debounce"])

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: GoguardServer, params: lsp.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watch = caps.did_change_watched_files if caps is not None else None
        if watch is None or not watch.dynamic_registration:
            return  # the client cannot watch for us: every analysis reads the files anew anyway
        watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in WATCHED]
        try:
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="goguard-watch", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
        except Exception as e:  # noqa: BLE001 (a client that refuses: nothing is lost but the re-run)
            ls.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Info,
                                                       message=f"goguard: cannot watch the configuration: {e}"))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GoguardServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GoguardServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GoguardServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GoguardServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: GoguardServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(c.uri.rsplit("/", 1)[-1] in WATCHED for c in params.changes):
            for uri in list(ls.workspace.text_documents):
                ls.schedule(uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, convert.FIX_ALL]))
    def code_action(ls: GoguardServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        a = ls.current(uri)
        if a is None:
            return None
        only = params.context.only
        out: list[lsp.CodeAction] = []
        if not only or any(k == lsp.CodeActionKind.QuickFix for k in only):
            for diag in params.context.diagnostics:
                f = _finding_of(a, diag)
                if f is None:
                    continue
                if f.fix is not None:
                    out.append(convert.fix_action(uri, f, diag, a.text))
                out.append(convert.suppress_action(uri, f, diag, a.text))
        if not only or any(convert.FIX_ALL.startswith(k) for k in only):
            fix_all = convert.fix_all_action(uri, a)
            if fix_all is not None:
                out.append(fix_all)
        return out

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: GoguardServer, params: lsp.HoverParams) -> lsp.Hover | None:
        a = ls.current(params.text_document.uri)
        if a is None:
            return None
        texts = [convert.hover(f) for f, d in zip(a.findings, a.diagnostics)
                 if convert.contains(d.range, params.position)]
        if not texts:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(texts)))

    return server


def _finding_of(a: convert.Analysed, diag: lsp.Diagnostic):
    """The finding a diagnostic of the last analysis stands for (by the index its data
    carries, checked against code and range), or None for another server's."""
    if diag.source != convert.SOURCE:
        return None
    data = diag.data if isinstance(diag.data, dict) else {}
    i = data.get("index")
    if isinstance(i, int) and 0 <= i < len(a.diagnostics) and data.get("version") == a.version:
        return a.findings[i]
    for f, d in zip(a.findings, a.diagnostics):  # a client that drops `data`
        if d.code == diag.code and d.range == diag.range and d.message == diag.message:
            return f
    return None


def main(cache_dir: str | None) -> None:
    """Serve over stdio until the client exits."""
    warm_up()
    build(cache_dir).start_io(sys.stdin.buffer, sys.stdout.buffer)
