"""Constructors of writers that write to a writer they are handed.

A writer made over `&b` (`enc := json.NewEncoder(&b)`) writes b whenever it is used
(`enc.Encode(v)`, `w.Flush()`): for the aliasing rules every method call on it is a
write of b, as `b.Write` would be.

WRAPPERS: (import path, function) -> index of the argument written to.
"""

from __future__ import annotations

WRAPPERS: dict[tuple[str, str], int] = {
    # encoding/json: "NewEncoder returns a new encoder that writes to w."
    ("encoding/json", "NewEncoder"): 0,
    # encoding/xml: "NewEncoder returns a new encoder that writes to w."
    ("encoding/xml", "NewEncoder"): 0,
    # encoding/gob: "NewEncoder returns a new encoder that will transmit on the io.Writer."
    ("encoding/gob", "NewEncoder"): 0,
    # encoding/csv: "NewWriter returns a new Writer that writes to w."
    ("encoding/csv", "NewWriter"): 0,
    # encoding/hex: "NewEncoder returns an io.Writer that writes lowercase hexadecimal
    # characters to w."
    ("encoding/hex", "NewEncoder"): 0,
    # encoding/base64, encoding/base32: NewEncoder(enc, w) "Data written to the returned
    # writer will be encoded using enc and then written to w."
    ("encoding/base64", "NewEncoder"): 1,
    ("encoding/base32", "NewEncoder"): 1,
    # bufio: "NewWriter returns a new Writer whose buffer has the default size" (over w).
    ("bufio", "NewWriter"): 0,
    ("bufio", "NewWriterSize"): 0,
    # compress/gzip, compress/zlib: "Writes to the returned writer are compressed and
    # written to w."
    ("compress/gzip", "NewWriter"): 0,
    ("compress/gzip", "NewWriterLevel"): 0,
    ("compress/zlib", "NewWriter"): 0,
    ("compress/zlib", "NewWriterLevel"): 0,
    # compress/flate: "NewWriter returns a new Writer compressing data at the given level."
    ("compress/flate", "NewWriter"): 0,
    # text/tabwriter: NewWriter(output, ...) "allocates and initializes a new
    # tabwriter.Writer"; Flush writes to output.
    ("text/tabwriter", "NewWriter"): 0,
}
