"""What a rule reports, in a form every output format reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "note")

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\f": "\\f", "\b": "\\b", "\a": "\\a"}


def one_line(text: str) -> str:
    """Text for a message: control characters escaped as Go's %q writes them (`\\n`,
    `\\x1b`, `\\u2028`), so quoted source (a raw-string map key may hold newlines)
    never starts a new line in any output, nor a workflow command in a CI log."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return "".join(out)


def printable_path(path: str) -> str:
    """A path as text that every output can hold: bytes of a file name that are not
    UTF-8 as `\\xff` (not U+FFFD, which names no file), control characters as Go's %q
    writes them (a newline or an escape sequence in a name never reaches a terminal
    or splits a line)."""
    if path.isprintable():
        return path
    return one_line(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


@dataclass(frozen=True, order=True)
class FlowStep:
    """One step of the path from a nil source to the faulty operation."""

    path: str
    line: int
    column: int
    note: str


@dataclass(frozen=True)
class Edit:
    """Replace bytes [start, end) of the finding's file with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """A change that removes the finding. `safe`: nothing else can observe it (ruff's
    line): applied by --fix; an unsafe fix only with --unsafe-fixes."""

    description: str
    safe: bool
    edits: tuple[Edit, ...]

    @classmethod
    def from_json(cls, d: dict) -> "Fix":
        return cls(d["description"], bool(d["safe"]), tuple(Edit(**e) for e in d["edits"]))


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: str
    path: str  # display path, relative to the current folder
    line: int  # 1-based
    column: int  # 1-based byte offset in the line, as the go tool prints
    end_line: int
    end_column: int  # 1-based, exclusive
    message: str
    flow: tuple[FlowStep, ...] = ()
    abspath: str = field(default="", compare=False)
    # Set when an in-source directive suppresses the finding: the directive's reason.
    suppressed: str | None = field(default=None, compare=False)
    fix: Fix | None = field(default=None, compare=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_json(self) -> dict:
        d = asdict(self)
        d["flow"] = [asdict(s) for s in self.flow]
        del d["abspath"]
        if self.suppressed is None:
            del d["suppressed"]
        if self.fix is None:
            del d["fix"]
        else:
            d["fix"]["edits"] = [asdict(e) for e in self.fix.edits]
        return d

    def text(self) -> str:
        """go vet style; `[*]` ends a finding that `--fix` removes (a safe fix)."""
        mark = " [*]" if self.fix is not None and self.fix.safe and self.suppressed is None else ""
        return f"{printable_path(self.path)}:{self.line}:{self.column}: {self.message} ({self.code}){mark}"
