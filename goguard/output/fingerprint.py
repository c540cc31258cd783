"""GitHub's `primaryLocationLineHash`, computed as its upload action computes it.

GitHub code scanning matches an alert across commits by this hash of the text at the
alert's start line, so a finding that only moves keeps its alert. When a SARIF file
lacks it, github/codeql-action's upload step fills it in (src/fingerprints.ts); when
the file has it, the action warns if its own value differs. goguard writes the same
value so the log is complete before it is uploaded and the two always agree.

The algorithm, per file:

- The file is read as UTF-16 code units (UTF-8 decoded, invalid bytes as U+FFFD).
- Spaces and tabs are skipped; `\\r\\n` and a lone `\\r` are read as `\\n` (so a lone
  `\\r` also starts a line here, unlike in the go tool's numbering).
- After the last character comes one end marker, 65535, and then zeros.
- A line's hash folds the 100 code units that start at the line's first kept unit:
  `hash = hash * 37 + unit` in wrapping unsigned 64-bit arithmetic.
- The value is the hash in lowercase hex *without* leading zeros (JavaScript's
  `Long.toString(16)`: 15 digits or fewer happen), then `:`, then how many times that
  hash has occurred in the file up to and including this line (1 for the first).
- A file that ends with a newline has one more, empty, line after it.
"""

from __future__ import annotations

from array import array

BLOCK_SIZE = 100
MULTIPLIER = 37
END_OF_FILE = 65535
_MASK = (1 << 64) - 1
_SPACE, _TAB, _LF, _CR = 0x20, 0x09, 0x0A, 0x0D


def _units(data: bytes | str) -> array:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    units = array("H")
    units.frombytes(text.encode("utf-16-le", "surrogatepass"))
    return units


def line_hashes(data: bytes | str) -> list[str]:
    """The hash of every line of a file's contents; index 0 is line 1."""
    stream: list[int] = []  # the kept code units, then the end marker
    starts: list[int] = []  # where each line starts in `stream`
    line_start = True
    prev_cr = False
    units = _units(data).tolist()
    units.append(END_OF_FILE)
    for unit in units:
        if unit == _SPACE or unit == _TAB or (prev_cr and unit == _LF):
            prev_cr = False
            continue
        if unit == _CR:
            unit = _LF
            prev_cr = True
        else:
            prev_cr = False
        if line_start:
            starts.append(len(stream))
            line_start = False
        if unit == _LF:
            line_start = True
        stream.append(unit)
    stream.extend([0] * BLOCK_SIZE)

    seen: dict[str, int] = {}
    out: list[str] = []
    for start in starts:
        h = 0
        for unit in stream[start:start + BLOCK_SIZE]:
            h = (h * MULTIPLIER + unit) & _MASK
        value = format(h, "x")
        seen[value] = seen.get(value, 0) + 1
        out.append(f"{value}:{seen[value]}")
    return out


def line_hash(data: bytes | str, line: int) -> str | None:
    """The hash of one 1-based line, or None past the last line GitHub counts."""
    hashes = line_hashes(data)
    return hashes[line - 1] if 1 <= line <= len(hashes) else None
