"""The nil-ness lattice: what a tracked value may be, and the facts recorded at sinks."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from tree_sitter import Node

if TYPE_CHECKING:  # the context imports this module
    from goguard.analyses.nilness.context import _Context


N = "N"
U = "U"
FRESH = "E"  # flag value: no entry stored yet
STORED = "S"
MARK = "{}"
FLAG = "[*]"
# `path + (ESC,)`: the value at path was handed to code that may set what it holds
# (a call goguard cannot follow): facts about where its fields came from (an API
# object's nil labels) no longer hold under it. ESCAPED on every path, KEPT (the
# default) on none; both after a join of the two; FILLED when a client call filled it
# from the API server since.
ESC = "<esc>"
LOOKUP = -1  # src of a lookup nil whose site is the place it is read
NEVER_SET = -2  # src of a never-set field's nil, likewise


class Nil(NamedTuple):
    src: int  # byte offset of the nil source
    note: str
    branch: int = -1  # byte offset of the if/switch whose other branch initialises it
    # Branch conditions this nil path took, as (atom, truth): a later test of the same
    # atom the other way cannot be reached on this path (correlated conditions).
    conds: frozenset = frozenset()
    # The conditions already taken where the path met `branch`: only those taken after
    # it are judged by the feasibility check.
    before: frozenset = frozenset()
    # What kind of source it is, where the rules need to know: UNTYPED (a field left
    # unset in a struct of a type goguard cannot see, so its kind is unproven), DECODED
    # (left nil by a decoder when the input omits it).
    kind: str = ""
    # CREATED: the fields of the value that the constructor tested on the path that
    # left it nil (`if d.cmd == pkglistMode { d.m = make(...) }`): a write that only a
    # test of the same fields reaches is correlated with it.
    tested: frozenset = frozenset()
    # (path, line, column) of the source when it lies in another function (a
    # constructor's declaration): the flow's first step points there.
    at: tuple = ()

    def key(self) -> tuple:
        return (self.src, self.note, self.branch)


class Lit(NamedTuple):
    """A struct made by a literal, `new(T)` or a zero declaration: its unset fields are zero."""

    src: int  # byte offset of the literal / declaration leaving fields zero
    fields: frozenset | None  # field names set there; None: all of them (positional)
    conds: frozenset = frozenset()  # branch conditions taken since, as for Nil
    # The struct type's own field names when the type is known; None when unknown.
    direct: frozenset | None = None
    # Embedded fields through which other fields are promoted: the type's, or (type
    # unknown) the set fields that look embedded (`Meta: Meta{...}`).
    embedded: tuple = ()
    # Where the value was made, when not at src: "in NewCache (cache.go:14)" for the
    # result of a constructor whose every non-nil return leaves `direct` unset.
    origin: str = ""
    # (offset, callee) of a decoder that filled the value since: a field nil before may
    # still be nil (the input may omit it), or set.
    decoded: tuple | None = None
    # The type is unknown and of another module (not the standard library).
    foreign: bool = False

    def key(self) -> tuple:
        return (self.src, self.fields, self.direct, self.embedded, self.origin, self.decoded, self.foreign)


UNTYPED = "untyped"
DECODED = "decoded"  # a map a decoder leaves nil when the input omits it
CREATED = "created"  # a field of an input that its type's constructors leave nil
API = "api"  # labels or annotations of a Kubernetes object that may have none

# Facts that remember the branch conditions of the path they stand for.
PATHED = (Nil, Lit)
# Atoms longer than this (in characters) are not remembered, and a path remembers at
# most MAX_CONDS of them.
MAX_ATOM = 120
MAX_CONDS = 12


_UNKNOWN = frozenset((U,))
_NONNIL = frozenset((N,))
_FRESH = frozenset((FRESH,))
_STORED = frozenset((STORED,))
_ESCAPED = frozenset(("X",))
_KEPT = frozenset(("-",))
_FILLED = frozenset(("A",))  # refilled from the Kubernetes API server (models.kubernetes.FILLERS)
# The facts that are plain strings: a value made only of these remembers no path, told
# by one subset test in C instead of an isinstance per fact (the joins and condition
# tags of a large function ask it of every tracked value at every node).
_PLAIN = frozenset((N, U, FRESH, STORED, "X", "-", "A"))
_NONNIL_TYPES = frozenset(("composite_literal", "func_literal", "interpreted_string_literal",
                           "raw_string_literal", "int_literal", "float_literal", "imaginary_literal",
                           "rune_literal", "true", "false", "binary_expression"))
# Built-ins whose map / slice argument is only read, never re-pointed.
_READERS = frozenset(("len", "cap", "delete", "clear", "copy", "append", "print", "println",
                      "min", "max"))
_LOOKUP_NOTE = "lookup of a key that was never stored yields nil"
# A nil known only from a check (`if x == nil`): x is nil on that branch, whatever its
# origin, but of unknown origin elsewhere, so it only ever makes a definite finding.
CHECKED_NOTE = "compared with nil here: it is nil on this branch"
# A nil result of a package function, from its summary (goguard.facts.results): the
# weakest evidence, dropped once the caller hands the value to any call (an assertion
# helper such as `require.NotNil(t, m)` may check it and stop).
RESULT_NOTE = " returns nil here "


def unset_note(field: str, how: str) -> str:
    """The note of a field's nil in a struct made where it was left unset."""
    return f"field {field} is left unset {how}"


def unset_field_of(note: str) -> str | None:
    """The field an unset_note names, else None."""
    if note.startswith("field ") and " is left unset " in note:
        return note[6:note.index(" is left unset ")]
    return None


class Sink(NamedTuple):
    kind: str  # "write" (m[k] = v: the facts of m) | "deref" (*p: the facts of p)
    node: Node  # the index expression written / the unary * expression
    target: Node  # the map expression / the pointer expression
    facts: frozenset


class CallSink(NamedTuple):
    """A call that hands a value whose field is nil to a package function or method
    that writes (or dereferences) that field before anything can set it."""

    kind: str  # "write" | "deref", as for Sink
    node: Node  # the call expression
    target: Node  # the argument or receiver handed on
    field: str
    write: tuple  # (path, line, column, text) of the callee's write
    callee: str  # the name of the function or method called
    facts: frozenset


class FunctionNilness:
    """Sinks of one function (a declaration or a literal), by node id."""

    def __init__(self, fn: Node) -> None:
        self.fn = fn
        self.sinks: dict[int, Sink] = {}
        # (return statement, facts of each result) of a function declaration, for its
        # result summary (goguard.facts.results).
        self.returns: list[tuple[Node, tuple[frozenset, ...]]] = []
        # Calls that hand on a value with a nil field the callee writes, by node id.
        self.calls: dict[int, list[CallSink]] = {}
        # (return statement, candidate fields nil in its first result) of a constructor.
        self.constructed: list[tuple[Node, frozenset | None]] = []
        # (return statement, (type name, {field: facts}) of the value of a creation type
        # its first result hands back, None for a nil result) of a function that makes
        # one (goguard.facts.constructors).
        self.made: list[tuple[Node, tuple | None]] = []


def is_nil(facts: frozenset) -> bool:
    return any(isinstance(f, Nil) for f in facts)


def nil_sources(facts: frozenset) -> list[Nil]:
    return sorted((f for f in facts if isinstance(f, Nil)), key=Nil.key)


def has_pathed(vals: frozenset) -> bool:
    """Whether some fact of vals remembers a path (a Nil or a Lit)."""
    return not vals <= _PLAIN and any(isinstance(v, PATHED) for v in vals)


def _merge_nils(vals: frozenset) -> frozenset:
    """One Nil (or Lit) per source: paths that differ only in conditions taken keep the
    conditions common to all of them."""
    if len(vals) < 2 or vals <= _PLAIN:
        return vals
    pathed = [v for v in vals if isinstance(v, PATHED)]
    if len(pathed) < 2:
        return vals
    by_key: dict[tuple, Nil | Lit] = {}
    for n in pathed:
        k = (type(n), n.key())
        prev = by_key.get(k)
        if prev is None:
            by_key[k] = n
        elif isinstance(n, Nil):
            by_key[k] = prev._replace(conds=prev.conds & n.conds, before=prev.before & n.before)
        else:
            by_key[k] = prev._replace(conds=prev.conds & n.conds)
    if len(by_key) == len(pathed):
        return vals
    return frozenset([v for v in vals if not isinstance(v, PATHED)] + list(by_key.values()))


def only_nil(facts: frozenset) -> bool:
    return bool(facts) and all(isinstance(f, Nil) for f in facts)


def _union(ctx: _Context, a: dict, b: dict) -> dict:
    out = {}
    for k in set(a) | set(b):
        if k[0] == "ok":
            if k in a and k in b:
                common = a[k] & b[k]
                if common:
                    out[k] = common
            continue
        out[k] = _merge_nils(ctx.lookup(a, k) | ctx.lookup(b, k))
    return out


@lru_cache(maxsize=4096)
def _word(name: str):
    return re.compile(rf"\b{re.escape(name)}\b")


