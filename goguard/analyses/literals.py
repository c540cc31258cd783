"""Go's literal syntax and integer semantics, for constant evaluation (goguard.analyses.consts):
integer and rune literals, escapes in strings, typed wrap-around and truncated division."""

from __future__ import annotations

WORD = 8  # bytes in int, uint, uintptr and pointers: 64-bit platforms
_UNTYPED_LIMIT = 1 << 512  # untyped constants past this are not worth tracking

# Integer types: (bits, signed); None bits: the word size.
INT_TYPES: dict[str, tuple[int | None, bool]] = {
    "int8": (8, True), "int16": (16, True), "int32": (32, True), "int64": (64, True),
    "uint8": (8, False), "uint16": (16, False), "uint32": (32, False), "uint64": (64, False),
    "byte": (8, False), "rune": (32, True),
    "int": (None, True), "uint": (None, False), "uintptr": (None, False),
}
# Fixed sizes of the other basic types; None: the word size (or twice it, for string).


def wrap(value: int, type_name: str | None, word: int | None = WORD) -> int | None:
    """value converted to the integer type (two's complement wrap-around)."""
    if type_name is None:
        return value if -_UNTYPED_LIMIT < value < _UNTYPED_LIMIT else None
    bits, signed = INT_TYPES[type_name]
    if bits is None:
        if word is None:
            return value if -(1 << 31) <= value < (1 << 31) else None
        bits = word * 8
    value &= (1 << bits) - 1
    if signed and value >> (bits - 1):
        value -= 1 << bits
    return value


def _go_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92, "'": 39, '"': 34}


def _unescape(body: str) -> bytes | None:
    """The bytes of a Go interpreted string (or rune) literal body."""
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        e = body[i + 1: i + 2]
        if e in _ESCAPES:
            out.append(_ESCAPES[e])
            i += 2
        elif e == "x":
            out.append(int(body[i + 2: i + 4], 16))
            i += 4
        elif e in ("u", "U"):
            n = 4 if e == "u" else 8
            out += chr(int(body[i + 2: i + 2 + n], 16)).encode("utf-8", "surrogatepass")
            i += 2 + n
        elif e.isdigit():
            out.append(int(body[i + 1: i + 4], 8) & 0xFF)
            i += 4
        else:
            return None
    return bytes(out)


def parse_int_literal(text: str) -> int | None:
    t = text.replace("_", "")
    try:
        if len(t) > 1 and t[0] == "0" and t[1].isdigit():
            return int(t, 8)  # legacy octal: 0777
        return int(t, 0)
    except ValueError:
        return None
