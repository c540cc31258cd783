"""Reading Go crashes out of logs: the crash line, the signal, the goroutine that
crashed and its frames.

Input is untrusted: any bytes, any size. Only the last `MAX_BYTES` are read (a crash
ends the log it is in), every line is cut to `MAX_LINE` characters before a regular
expression sees it, and every expression here is linear (no nested repetition), so a
hostile log costs time in proportion to its size and nothing else. Nothing in a trace
is opened, run or fetched: paths are only compared with the tree's own file names.

Log prefixes (kubectl/CRI `2026-12-02T03:00:00.1Z stderr F `, journald
`Dec 02 03:00:00 host svc[812]: `, CI timestamps, `svc-1  | `) are learnt from the
line that names the goroutine (`goroutine 7 [running]:`, unmistakable), as a shape
in which every run of digits may differ and every run of spaces may vary in length;
that shape is then stripped from every line that starts with it, and lines from
other sources in between are passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_BYTES = 64 << 20
MAX_STREAM = 1 << 30
MAX_LINE = 4096
MAX_CRASHES = 20
MAX_FRAMES = 200
_MAX_SHAPES = 8
# Lines that are neither frame nor blank tolerated inside one goroutine's frames
# (other processes' log lines interleaved) before the block is taken to have ended.
_MAX_NOISE = 40


class TraceError(Exception):
    """Input that cannot be read as text at all (the message says why)."""


@dataclass(frozen=True)
class Frame:
    function: str  # as printed, arguments left out: example.com/shop/store.(*Cache).Put
    file: str  # as printed: /build/src/..., module/path/file.go under -trimpath
    line: int
    created_by: bool = False  # the `created by F in goroutine N` line, not a call

    def to_json(self) -> dict:
        return {"function": self.function, "file": self.file, "line": self.line,
                "created_by": self.created_by}


@dataclass
class Crash:
    kind: str  # "panic", "fatal error", "signal", "recovered panic"
    message: str  # "assignment to entry in nil map", "concurrent map writes", "SIGILL: illegal instruction"
    at_line: int  # 1-based line of the input where the crash starts
    signal: str | None = None  # SIGSEGV, SIGBUS, ... from `[signal ...]` or the signal line
    signal_code: str | None = None
    address: str | None = None  # addr=... of the signal, or the unexpected fault address
    goroutine: int | None = None
    frames: list[Frame] = field(default_factory=list)
    elided: bool = False  # the runtime left frames out
    nested: list[str] = field(default_factory=list)  # later panics raised while this one ran

    def headline(self) -> str:
        text = f"{self.kind}: {self.message}" if self.kind != "signal" else self.message
        if self.signal and self.kind != "signal":
            text += f" [signal {self.signal}" + (f" addr={self.address}" if self.address else "") + "]"
        return text


_DIGITS = re.compile(r"[0-9]+")
_SPACES = re.compile(r" +")
_GOROUTINE = re.compile(r"goroutine ([0-9]{1,12})(?: gp=0x[0-9a-f]{1,16})?(?: m=[0-9a-z]{1,12})?"
                        r"(?: mp=0x[0-9a-f]{1,16})? \[([^\]]{0,200})\]:$")
_PANIC = re.compile(r"panic: (.*)$")
_HTTP_PANIC = re.compile(r"http: panic serving [^ ]{1,300}: (.*)$")
_NESTED = re.compile(r"\tpanic: (.*)$")
_FATAL = re.compile(r"fatal error: (.*)$")
_FAULT = re.compile(r"unexpected fault address (0x[0-9a-f]{1,16})$")
_SIGNAL_LINE = re.compile(r"\[signal (SIG[A-Z0-9]{1,10})(?:: [^\]]*?)?(?: code=([^ \]]{1,40}))?"
                          r"(?: addr=([^ \]]{1,40}))?(?: pc=[^ \]]{1,40})?\]$")
_SIGNAL_CRASH = re.compile(r"(SIG[A-Z0-9]{1,10}): ([a-z][a-z /()-]{0,60})$")
_PC = re.compile(r"PC=0x[0-9a-f]{1,16} ")
_LOCATION = re.compile(r"[ \t]+([^ \t].{0,2000}?):([0-9]{1,9})(?: \+0x[0-9a-f]{1,16})?(?: fp=.*)?$")
_CREATED = re.compile(r"created by (.+?)(?: in goroutine [0-9]+)?$")
_RECOVERED = re.compile(r" \[recovered(?:, repanicked)?\]$")


def read_tail(stream, limit: int = MAX_BYTES, most: int = MAX_STREAM) -> tuple[bytes, bool]:
    """The last `limit` bytes of a binary stream, and whether anything came before them.
    Reads in chunks, keeping at most two chunks' worth beyond the limit in memory, and
    stops after `most` bytes (a stream that never ends: /dev/zero, a followed log).
    TraceError as soon as the first chunk shows the stream is binary."""
    chunks: list[bytes] = []
    kept = total = 0
    cut = False
    while total < most:
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        if total == 0:
            _refuse_binary(chunk)
        total += len(chunk)
        chunks.append(chunk)
        kept += len(chunk)
        while kept - len(chunks[0]) >= limit:
            kept -= len(chunks.pop(0))
            cut = True
    else:
        raise TraceError(f"the input goes on past {most >> 30} GB: give the end of the log, e.g. "
                         f"`tail -c 64M FILE | goguard triage`")
    data = b"".join(chunks)
    if len(data) > limit:
        data, cut = data[-limit:], True
    return data, cut


def _refuse_binary(sample: bytes) -> None:
    sample = sample[:1 << 16]
    if sample and sample.count(0) > len(sample) // 1000:
        raise TraceError("the input is binary (NUL bytes), not a log")


def decode(data: bytes) -> str:
    """Text of a log (read_tail has refused binary input): UTF-8 with bad bytes replaced."""
    return data.decode("utf-8", "replace").replace("\x00", "")


def _shape(prefix: str) -> re.Pattern | None:
    """A pattern for the log prefix of one line: digits may differ, runs of spaces
    inside it may vary in length; its trailing spaces are matched exactly, since the
    frame lines' own indentation (often spaces where tabs were) follows them."""
    if not prefix:
        return None
    body = prefix.rstrip(" ")
    tail = prefix[len(body):]
    if not body.strip():
        return re.compile(re.escape(prefix))  # an indented paste: exactly that indentation
    parts = [_DIGITS.sub("\0", piece) for piece in _SPACES.split(body)]
    pattern = " +".join(re.escape(p).replace("\0", "[0-9]+") for p in parts)
    return re.compile(pattern + re.escape(tail))


def _strip_prefixes(lines: list[str]) -> list[str]:
    """The lines with the log prefixes that the goroutine lines carry taken off."""
    shapes: list[re.Pattern] = []
    seen: set[str] = set()
    for text in lines:
        if "goroutine " not in text:
            continue
        m = _GOROUTINE.search(text)
        if m is None or m.start() == 0:
            continue
        shape = _shape(text[:m.start()])
        if shape is not None and shape.pattern not in seen and len(shapes) < _MAX_SHAPES:
            seen.add(shape.pattern)
            shapes.append(shape)
    if not shapes:
        return lines
    out = []
    for text in lines:
        for shape in shapes:
            m = shape.match(text)
            if m is not None:
                text = text[m.end():]
                break
        out.append(text)
    return out


def split_function(function: str) -> tuple[str, str]:
    """(import path, the rest) of a frame's function: `example.com/shop/store`,
    `(*Cache).Put`. The first dot after the last slash ends the path (the linker
    escapes dots of the path's last element as %2e)."""
    slash = function.rfind("/", 0, function.find("(") if "(" in function else len(function))
    dot = function.find(".", slash + 1)
    if dot < 0:
        return function, ""
    return function[:dot].replace("%2e", "."), function[dot + 1:]


def _frames(lines: list[str], i: int, crash: Crash | None) -> int:
    """Read one goroutine's frames from line i; return the line after them."""
    pending: tuple[str, bool] | None = None
    noise = 0
    n = len(lines)
    while i < n:
        text = lines[i]
        if not text.strip():
            return i + 1
        if _GOROUTINE.match(text) or _PANIC.match(text) or _FATAL.match(text):
            return i
        loc = _LOCATION.match(text) if text[0] in " \t" else None
        if loc is not None and pending is not None:
            if crash is not None and len(crash.frames) < MAX_FRAMES:
                crash.frames.append(Frame(pending[0], loc.group(1), int(loc.group(2)), pending[1]))
            pending = None
            noise = 0
        elif text.startswith("...") and "frames elided" in text:
            if crash is not None:
                crash.elided = True
        elif text[0] not in " \t" and text.endswith(")"):
            pending = (_function_name(text), False)
        elif text.startswith("created by "):
            m = _CREATED.match(text)
            pending = (m.group(1), True) if m else None
        else:
            noise += 1
            if noise > _MAX_NOISE:
                return i
        i += 1
    return i


def _function_name(text: str) -> str:
    """A frame's function line without its argument list: the last `(...)` group."""
    depth = 0
    for j in range(len(text) - 1, -1, -1):
        c = text[j]
        if c == ")":
            depth += 1
        elif c == "(":
            depth -= 1
            if depth == 0:
                return text[:j]
    return text


def parse(text: str) -> list[Crash]:
    """Every crash in the text, in order (at most MAX_CRASHES, the last ones)."""
    lines = [t[:MAX_LINE].rstrip("\r") for t in text.split("\n")]
    lines = _strip_prefixes(lines)
    crashes: list[Crash] = []
    current: Crash | None = None
    fault: tuple[str, int] | None = None  # an `unexpected fault address` (and its line) waiting for its fatal error
    i, n = 0, len(lines)
    while i < n:
        text = lines[i]
        if text.startswith("panic: "):
            m = _PANIC.match(text)
            message = _RECOVERED.sub("", m.group(1))
            current = Crash("panic", message, i + 1)
            crashes.append(current)
        elif "http: panic serving " in text and (m := _HTTP_PANIC.search(text)):
            current = Crash("recovered panic", m.group(1), i + 1)
            crashes.append(current)
        elif text.startswith("fatal error: "):
            m = _FATAL.match(text)
            if current is not None and current.goroutine is None and current.kind == "fatal error" \
                    and current.message == m.group(1) and i - current.at_line < 3:
                i += 1  # two threads that both caught it print the line twice: one crash
                continue
            current = Crash("fatal error", m.group(1), i + 1)
            if fault is not None and m.group(1) == "fault" and fault[1] == i - 1:
                current.address, current.at_line = fault[0], fault[1] + 1
            crashes.append(current)
            fault = None
        elif text.startswith("unexpected fault address ") and (m := _FAULT.match(text)):
            fault = (m.group(1), i)
        elif text.startswith("\tpanic: ") and current is not None and current.goroutine is None:
            current.nested.append(_RECOVERED.sub("", _NESTED.match(text).group(1)))
        elif text.startswith("[signal ") and current is not None and current.goroutine is None:
            if (m := _SIGNAL_LINE.match(text)):
                current.signal, current.signal_code = m.group(1), m.group(2)
                current.address = current.address or m.group(3)
        elif text.startswith("SIG") and (m := _SIGNAL_CRASH.match(text)) and i + 1 < n and \
                _PC.match(lines[i + 1]):
            current = Crash("signal", f"{m.group(1)}: {m.group(2)}", i + 1, signal=m.group(1))
            crashes.append(current)
        elif text.startswith("goroutine ") and (m := _GOROUTINE.match(text)):
            if current is not None and current.goroutine is None:
                current.goroutine = int(m.group(1))
                i = _frames(lines, i + 1, current)
            else:
                i = _frames(lines, i + 1, None)  # another goroutine (GOTRACEBACK=all)
            continue
        elif text == "runtime stack:":
            i = _frames(lines, i + 1, None)  # the system stack of a fatal error: runtime only
            continue
        i += 1
    return crashes[-MAX_CRASHES:]
