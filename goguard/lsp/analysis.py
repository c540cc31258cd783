"""One open document's analysis, in a child process the server can cancel.

The child is forked from the server, which has imported goguard, networkx and the
compiled queries once at start-up (`warm_up`): each analysis starts warm, however
large the package. Killing the child is how a document that changed again cancels the
work still running for its older text; a crash in the child (native code, memory) is a
failed analysis, never a dead server. Where fork does not exist (Windows) the analysis
runs in a thread and is not cancelled, only its result discarded.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import signal
import sys
from dataclasses import dataclass, field

from goguard.findings import Finding

# An analysis that takes longer than this is killed and reported (a bug of goguard's).
TIMEOUT = 120.0


@dataclass
class Outcome:
    """What one analysis of a document's text found."""

    findings: list[Finding] = field(default_factory=list)  # suppressed ones left out
    warnings: list[str] = field(default_factory=list)  # syntax errors, unreadable files
    failure: str = ""  # goguard failed: one line saying so


def analyse(path: str, data: bytes, cache_dir: str | None) -> Outcome:
    """The findings goguard check --stdin-filename PATH reports for `data`, with the
    configuration found from the file's own folder (read anew on every analysis, so an
    edited goguard.toml counts at once)."""
    from goguard.cli import outputs
    from goguard.cli.settings import SettingsError, resolve
    from goguard.engine import run
    from goguard.rules import all_rules

    path = os.path.abspath(path)
    warnings: list[str] = []
    try:
        settings = resolve(None, {r.code for r in all_rules() if r.meta.default_enabled}, None, set(), None,
                           None, None, start=os.path.dirname(path))
    except SettingsError as e:
        return Outcome(warnings=[f"configuration: {e}"])
    named = settings.patterns([path])
    units = outputs.stdin_units(path, named, settings, warnings.append)
    options = settings.options(1)
    options.overrides = {path: data}
    options.cache_dir = cache_dir
    result = run(units, options)
    failure = "; ".join(result.failures)
    return Outcome([f for f in result.findings if f.suppressed is None and f.abspath == path],
                   warnings + result.warnings, failure)


def warm_up() -> None:
    """Import and compile what every analysis needs, once, in the server: children
    forked after this start with it done."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="goguard-warm-") as d:
        p = os.path.join(d, "w.go")
        src = b"package w\n\nfunc f(xs []string) map[string]int {\n\tvar m map[string]int\n" \
              b"\tfor _, x := range xs {\n\t\tm[x]++\n\t}\n\tgo func() { m[\"a\"] = 1 }()\n\treturn m\n}\n"
        with open(p, "wb") as fh:
            fh.write(src)
        analyse(p, src, None)


async def run_analysis(path: str, data: bytes, cache_dir: str | None) -> Outcome:
    """`analyse` in a child process; cancelling the awaiting task kills the child."""
    if not hasattr(os, "fork"):
        return await asyncio.get_running_loop().run_in_executor(None, analyse, path, data, cache_dir)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: analyse, write the pickled outcome, and leave at once
        code = 0
        try:
            os.close(r)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)  # standard output is the protocol's channel: nothing else may write there
            try:
                out = analyse(path, data, cache_dir)
            except BaseException as e:  # noqa: BLE001 (reported to the server, which goes on)
                from goguard.engine import internal_error

                out = Outcome(failure=internal_error(os.path.basename(path), e))
            payload = pickle.dumps(out)
            view = memoryview(payload)
            while view:
                view = view[os.write(w, view):]
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(w)
    loop = asyncio.get_running_loop()
    done: asyncio.Future = loop.create_future()
    chunks: list[bytes] = []

    def readable() -> None:
        try:
            chunk = os.read(r, 1 << 16)
        except BlockingIOError:
            return
        except OSError as e:
            chunk = b""
            if not done.done():
                done.set_exception(e)
        if chunk:
            chunks.append(chunk)
        elif not done.done():
            done.set_result(b"".join(chunks))

    os.set_blocking(r, False)
    loop.add_reader(r, readable)
    try:
        payload = await asyncio.wait_for(done, TIMEOUT)
    except asyncio.TimeoutError:
        return Outcome(failure=f"{os.path.basename(path)}: the analysis took more than {TIMEOUT:.0f} s and was "
                               f"stopped; please report it")
    finally:
        loop.remove_reader(r)
        os.close(r)
        _reap(pid)
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 (an empty or cut payload: the child died)
        return Outcome(failure=f"{os.path.basename(path)}: the analysis process died; please report it")


def _reap(pid: int) -> None:
    """Kill the child if it still runs (a cancelled analysis), and collect it."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
    except OSError as e:  # pragma: no cover (nothing else is expected)
        print(f"goguard server: cannot collect analysis process {pid}: {e}", file=sys.stderr)
