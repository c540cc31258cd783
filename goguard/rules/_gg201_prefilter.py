"""GG201's pre-filter: a cheap test, from the text of a function, of whether a
statement may store an alias of something the function writes. It only skips work:
every store the alias model would judge (benchmarks/gg201_prefilter.py checks this
against the model) gets through, and what gets through is analysed in full.

A statement passes when a name it may store, in any position the model reads (a
value, a map key, an appended element, a sent value, a returned value, an element of
a composite literal, an argument of a call of the package), is, or is declared from
an expression that names, one of:

- a slice whose array something may write again: refilled in place (`x = x[:0]` then
  `x = append(x, ...)`, `x[0] = v`, `append(x[:0], ...)`), handed to something that
  fills it (`Read*`, `copy`), or put back in a pool (`Put`, or a function of the
  package that calls `Put`);
- a variable the function assigns, or whose address it hands elsewhere too (`&x`);
- a buffer a reader owns (`.Bytes()`, `ReadSlice`, `ReadLine`, `unsafe.String`).
"""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node

from goguard.facts.keeps import calls_package
from goguard.frontend.source import captures
from goguard.frontend.syntax import NameFinder, word_start
from goguard.models.windows import WINDOWS
from goguard.rules._gg201_stores import may_keep_call

# A statement with one of these may store an owned buffer or an unsafe.String view (the
# only unsafe call the alias model follows: unsafe.Pointer(&x) is judged as `&x`).
_OWNED = (b".Bytes()", b"ReadSlice", b"ReadLine", b"unsafe.String")


def _owns(text: bytes) -> bool:
    # four substring searches: an alternation regex has no literal prefix to search by
    return any(o in text for o in _OWNED)


_ADDRESS = re.compile(rb"&\s*([A-Za-z_]\w*)[\w.\[\]]*\s*(.?)")


# What the function assigns (w) and declares (d), read in one traversal of it.
_FUNCTION_QUERY = """
(assignment_statement left: (_) @w)
(inc_statement) @w
(dec_statement) @w
(range_clause left: (_) @w "=")
(short_var_declaration) @d
(var_spec) @d
"""


class Prefilter:
    """The cheap test for the statements of one function; what it reads of the function
    (assigned names, declarations, refilled names) is read once, when first asked."""

    def __init__(self, pass_, fn: Node) -> None:
        self.pass_ = pass_
        self.fn = fn
        self.data = pass_.file.data
        self.body = self.data[fn.start_byte:fn.end_byte]
        self.owned = _owns(self.body)
        self.shared_loops = pass_.go_version is not None and pass_.go_version < (1, 22)
        self._assigned: set[bytes] | None = None
        self._declared: Any = None
        self._filled: frozenset | None = None
        self._decls: dict[bytes, list[Node]] | None = None
        self._handed: dict[bytes, bool] = {}
        self._releases: bool | None = None
        self._writes_any: bool | None = None
        self._captures: dict[str, list[Node]] | None = None
        self._reached: dict[tuple, bool] = {}

    # ---- what the function does, read once ---------------------------------------------

    def may_declare(self, name: bytes) -> bool:
        """Whether the function may declare a variable `name` (a parameter, receiver or
        result in its signature, `name :=` or `a, name :=`, a `var`), read from its text:
        an alias's root is always one of the function's own variables (AliasModel.local).
        Text that only looks like one counts: it only lets more through."""
        if self._declared is None:
            self._declared = _declared_names(self.fn, self.data)
        return self._declared is _ANY or name in self._declared

    def assigned(self, name: bytes) -> bool:
        if self._assigned is None:
            self._assigned = set()
            for n in self._function_captures().get("w", ()):
                _target_names(n, self.data, self._assigned)
        return name in self._assigned

    def _function_captures(self) -> dict[str, list[Node]]:
        if self._captures is None:
            self._captures = captures(_FUNCTION_QUERY, self.fn)
        return self._captures

    def handed_elsewhere(self, name: bytes) -> bool:
        """`&x` written more than once: handed elsewhere too (a decoder)."""
        if name not in self._handed:
            self._handed[name] = self.body.count(b"&" + name) > 1
        return self._handed[name]

    def filled(self) -> frozenset:
        if self._filled is None:
            self._filled = _filled_names(self.body, self.owned, _releasers(self.pass_.package))
        return self._filled

    def releases(self) -> bool:
        """Whether anything in the function may put a buffer back in a pool."""
        if self._releases is None:
            self._releases = b"Put(" in self.body or _releaser_call(self.pass_.package, self.body)
        return self._releases

    def decls(self) -> dict[bytes, list[Node]]:
        """Name -> the values it is declared with (`x := v`, `a, x := f()`, `var x = v`)."""
        if self._decls is None:
            self._decls = {}
            for spec in self._function_captures().get("d", ()):
                value = spec.child_by_field_name("right") or spec.child_by_field_name("value")
                left = spec.child_by_field_name("left")
                names = left.named_children if left is not None else spec.children_by_field_name("name")
                several = value is not None and len(names) > len(value.named_children)
                for i, n in enumerate(names if value is not None else ()):
                    if i and several and i not in self._window_results(value):
                        continue  # n, err := f(&x): only the first result may be the alias
                    self._decls.setdefault(self.data[n.start_byte:n.end_byte], []).append(value)
        return self._decls

    def _window_results(self, value: Node) -> tuple[int, ...]:
        """The results of `before, after, ok := bytes.Cut(...)` that are windows
        (goguard/models/windows.py)."""
        call = value.named_children[0] if value.named_children else value
        fn = call.child_by_field_name("function") if call.type == "call_expression" else None
        op = fn.child_by_field_name("operand") if fn is not None and fn.type == "selector_expression" else None
        if op is None or op.type != "identifier":
            return ()
        path = self.pass_.imports.get(data_of(self.data, op).decode())
        return WINDOWS.get((path, data_of(self.data, fn.child_by_field_name("field")).decode()), (0, ()))[1]

    # ---- the test --------------------------------------------------------------------

    def writes_any(self) -> bool:
        """Whether the function may write anything an alias shares at all: an owned
        buffer, an address of a variable it assigns or hands elsewhere too (`&x`), an
        array sliced whole (`arr[:]`), or a write into a slice's array
        (a read into it, `copy`, emptying, an element at a literal index, a release).
        Most functions have none: their statements are not looked at."""
        if self._writes_any is None:
            b = self.body
            self._writes_any = self.owned or any(t in b for t in _WRITE_TOKENS) or \
                next(_element_names(b), None) is not None or _releaser_call(self.pass_.package, b) or \
                (b"&" in b and self._addresses(b))
        return self._writes_any

    def returns_arg(self, call: Node) -> bool:
        """Whether a call's result may be (a window of) one of its arguments: a
        function of the package, a window function of goguard/models/windows.py, or
        unsafe's."""
        fn = call.child_by_field_name("function")
        if fn is not None and fn.type == "selector_expression":
            op = fn.child_by_field_name("operand")
            path = self.pass_.imports.get(data_of(self.data, op).decode()) if op is not None and \
                op.type == "identifier" else None
            if path == "unsafe" or (path, data_of(self.data, fn.child_by_field_name("field")).decode()) in WINDOWS:
                return True
        return calls_package(self.pass_, call)

    def _in_loop(self, stmt: Node) -> bool:
        n = stmt.parent
        while n is not None and n.id != self.fn.id:
            if n.type == "for_statement":
                return True
            if n.type == "func_literal":
                return True  # a closure may run many times
            n = n.parent
        return False

    def may_store(self, stmt: Node) -> bool:
        """A cheap test before any analysis: could this statement store an alias of
        something the function writes?"""
        if not self.writes_any():
            return False
        if stmt.type == "return_statement" and not self.releases() and not self.owned:
            return False  # what a function returns is the caller's, unless released or taken before a write
        if stmt.type == "go_statement":
            return True  # rare, and what a goroutine captures is not in its text's shape
        if stmt.type == "expression_statement":
            # keep(&item), q.Push(&v): only the package's own can be known to keep it, and
            # only one whose body may keep a parameter (asked last: it reads the callee)
            call = stmt.named_children[0] if stmt.named_children else None
            return call is not None and call.type == "call_expression" and calls_package(self.pass_, call) and \
                self._text_may_alias(stmt) and may_keep_call(self.pass_, call)
        return self._text_may_alias(stmt)

    def _into_names_once(self, stmt: Node) -> bool:
        """`x = alias` into variables of the function, outside a loop, nothing
        released: a plain local matters only where a loop comes round to write it
        again, a result only with a release (`list = append(list, &buf)` stores into
        list's array, `err = keep(buf)` hands it to a call of the package, and a
        package variable is judged anyway)."""
        if stmt.type != "assignment_statement":
            return False
        left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
        if left is None or right is None or any(t.type != "identifier" for t in left.named_children):
            return False
        return not self.releases() and not self._in_loop(stmt) and \
            all(self.may_declare(data_of(self.data, t)) for t in left.named_children) and \
            not any(_is_append(v, self.data) or (v.type == "call_expression" and calls_package(self.pass_, v))
                    for v in right.named_children)

    def _text_may_alias(self, stmt: Node) -> bool:
        if self._into_names_once(stmt):
            return False
        data = self.data
        text = data[stmt.start_byte:stmt.end_byte]
        if _owns(text):
            return True
        if self._addresses(text):
            return True
        # keep(buf[:n]) as a statement of its own (an assignment's values are read below,
        # into the calls of the package that may return or keep them)
        if stmt.type == "expression_statement" and \
                any(self._reaches(name, sliced) for name, sliced in set(_handed_names(self, stmt))):
            return True
        # What a function returns is the caller's: only a release undoes that, or a value
        # taken from a buffer before the buffer was written (`v := sc.Bytes(); sc.Scan();
        # return v`), which names a variable declared from a call.
        declared_only = stmt.type == "return_statement" and not self.releases()
        return any(self._reaches(name, sliced, declared_only) for name, sliced in set(_stored_slice_names(self, stmt)))

    def _addresses(self, text: bytes) -> bool:
        """`&x`, `&x.f` of a variable the function assigns or hands elsewhere too; any
        `&` before Go 1.22, where loop variables are written by the loop head."""
        if self.shared_loops and b"&" in text:
            return True
        for m in _ADDRESS.finditer(text):
            name = m.group(1)
            if m.group(2) == b"{":
                continue  # &T{...} alone, nor &&
            if not self.may_declare(name):
                continue  # &pkgVar.f, &captured: aliases only of the function's own variables
            if self.handed_elsewhere(name) or self.assigned(name):  # the count before the query
                return True
        return False

    def _reaches(self, name: bytes, sliced: bool = False, declared_only: bool = False) -> bool:
        """Whether a stored name may be, or be declared from, something the function
        writes again (a few declarations deep, as the alias model follows them). A
        name sliced or addressed (`x[:]`, `&x[i]`) may be an array, which any
        assignment into it writes. Asked once per name and way of storing it."""
        key = (name, sliced, declared_only)
        got = self._reached.get(key)
        if got is None:
            got = self._reached[key] = self._reaches_now(name, sliced, declared_only)
        return got

    def _reaches_now(self, name: bytes, sliced: bool, declared_only: bool) -> bool:
        filled = self.filled()
        if not declared_only and (name in filled or (sliced and self.assigned(name))):
            return True
        seen = {name}
        todo = [name]
        for depth in range(_DEPTH):
            nxt = []
            for n in todo:
                if depth > 0 and n in filled:
                    return True
                for v in self.decls().get(n, ()):
                    vtext = data_of(self.data, v)
                    if (self.owned and _owns(vtext)) or self._addresses(vtext):
                        return True
                    for ident in _identifiers(v, self.data):
                        if ident not in seen:
                            seen.add(ident)
                            nxt.append(ident)
            todo = nxt
            if not todo:
                break
        return False


_DEPTH = 6  # declarations followed from a stored name (the model follows up to 4 calls)


def data_of(data: bytes, n: Node) -> bytes:
    return data[n.start_byte:n.end_byte]


def _is_append(v: Node, data: bytes) -> bool:
    fn = v.child_by_field_name("function") if v.type == "call_expression" else None
    return fn is not None and data_of(data, fn) == b"append"


def _identifiers(n: Node, data: bytes):
    """The identifiers of an expression, outside function literals."""
    stack = [n]
    while stack:
        x = stack.pop()
        if x.type == "identifier":
            yield data[x.start_byte:x.end_byte]
        elif x.type != "func_literal":
            stack.extend(x.named_children)


def _calls(stmt: Node, limit: int = 16) -> list[Node]:
    """The calls of a statement, outside function literals (a few)."""
    out: list[Node] = []
    stack = [stmt]
    while stack and len(out) < limit:
        n = stack.pop()
        if n.type == "func_literal":
            continue
        if n.type == "call_expression":
            out.append(n)
        stack.extend(n.named_children)
    return out


def _target_names(stmt: Node, data: bytes, out: set) -> None:
    """The root names of what a statement assigns (x of x, x.f, x[i], *x)."""
    if stmt.type in ("inc_statement", "dec_statement"):
        targets = stmt.named_children[:1]
    else:  # the left side of an assignment or range clause
        targets = stmt.named_children if stmt.type == "expression_list" else [stmt]
    for t in targets:
        while t.type in ("selector_expression", "index_expression", "parenthesized_expression",
                         "unary_expression", "slice_expression") and t.named_children:
            t = t.child_by_field_name("operand") or t.named_children[0]
        if t.type == "identifier":
            out.add(data[t.start_byte:t.end_byte])


_ANY: Any = object()  # `var (` in the body: any name may be declared there
# Patterns searched over every function body begin with a literal (`var`, `:=`, `[`,
# `append(`), the word boundary (syntax.word_start) and the names before the literal
# checked at each occurrence: a leading `\b` or lookbehind makes the regex engine try
# every byte, ten to twenty times slower. (_GROWN, _OWNED_DECL and _LOADED below keep
# theirs: each runs only on a body where a substring test found what it needs.)
_VAR_GROUP = re.compile(rb"var\s*\(")
_VAR_DECL = re.compile(rb"var\s*([\w\s,]*)")


def _declared_names(fn: Node, data: bytes) -> Any:
    """Every word of the function's signature, of the line before each `:=` and of each
    `var` line's names and type: what the function may declare (_ANY: anything)."""
    body = fn.child_by_field_name("body")
    start = body.start_byte if body is not None else fn.end_byte
    end = fn.end_byte
    if any(word_start(data, m.start()) for m in _VAR_GROUP.finditer(data, start, end)):
        return _ANY
    out = set(_IDENT.findall(data, fn.start_byte, start))
    at = data.find(b":=", start, end)
    while at >= 0:
        out.update(_IDENT.findall(data, _names_start(data, start, at), at))
        at = data.find(b":=", at + 2, end)
    for m in _VAR_DECL.finditer(data, start, end):
        if word_start(data, m.start()):
            out.update(_IDENT.findall(m.group(1)))
    return frozenset(out)


def _names_start(data: bytes, start: int, at: int) -> int:
    """Where the names before a `:=` at `at` may begin: its line, and the lines before
    it that end with a comma (`a,\n b := f()`)."""
    line = max(data.rfind(b"\n", start, at) + 1, start)
    while line > start:
        j = line - 2  # the byte before the newline that ends the line above
        while j >= start and data[j] in b" \t\r":
            j -= 1
        if j < start or data[j] != 0x2C:  # not a comma: the names begin on this line
            break
        line = max(data.rfind(b"\n", start, j) + 1, start)
    return line


_NAME_BEFORE = re.compile(rb"(?<![\w.])([A-Za-z_]\w*)\s*\Z")
_BACK = 128  # bytes looked back for the name before a literal


def _name_before(data: bytes, at: int, pattern: re.Pattern = _NAME_BEFORE) -> re.Match | None:
    """The match of `pattern` (anchored at its end, \\Z) on the text just before `at`."""
    return pattern.search(data, max(0, at - _BACK), at)


# What can write into a stored view of a slice's array, by the slice's name: emptied and
# grown again (x = x[:0], x[0:0] or x[:0:n], then x = append(x, ...)), written at a
# literal index (x[0] = v), appended to from its start (append(x[:0], ...),
# append(x[:0:n], ...)), handed to
# something that fills it (Read, ReadFull, copy) or to a pool (Put, or a function of the
# package that puts something back), or declared from a reader's own buffer
# (line := sc.Bytes(), line, err := r.ReadSlice('\n')).
_EMPTIED_AT = re.compile(rb"\[\s*0*\s*:\s*0+\s*[]:]")  # [:0], [0:0], [:0:n]; `x = x` before it
_EMPTIED_BEFORE = re.compile(rb"(?<![\w.])([A-Za-z_]\w*)\s*=\s*\1\s*\Z")
_GROWN = re.compile(rb"(?<![\w.])([A-Za-z_]\w*)\s*=\s*append\(\s*\1\b")
_ELEMENT_AT = re.compile(rb"\[\s*[0-9]\w*\s*\]\s*(?:,[^=\n]*)?\S?=(?!=)")  # [0] = v; a name before it
_FROM_START = re.compile(rb"append\(\s*([A-Za-z_]\w*)\s*\[\s*0*\s*:\s*0+\s*[]:]")
_FILLERS = (re.compile(rb"Read\w*\("), re.compile(rb"copy\("), re.compile(rb"Put\("))
# Text without which a function writes nothing an alias can share (writes_any).
_WRITE_TOKENS = (b"[:]", b"Read", b"copy(", b":0]", b":0:", b"Put(")
_OWNED_DECL = re.compile(rb"(?<![\w.])([A-Za-z_]\w*)\b[^\n]*:?=[^\n]*(?:\.Bytes\(\)|ReadSlice|ReadLine)")
_IDENT = re.compile(rb"(?<![\w.])[A-Za-z_]\w*")
_LOADED = re.compile(rb"(?<![\w.])([A-Za-z_]\w*)\s*:?=\s*\(?\*([A-Za-z_]\w*)")


def _element_names(body: bytes):
    """x of each `x[0] = v` (a literal index written), also `x[0], y[1] = a, b`: each
    `[` is tried, not only the first of a match."""
    m = _ELEMENT_AT.search(body)
    while m is not None:
        name = _name_before(body, m.start())
        if name is not None:
            yield name.group(1)
        m = _ELEMENT_AT.search(body, m.start() + 1)


def _filled_names(body: bytes, owned: bool, releasers: NameFinder | None) -> frozenset:
    """The names in a function whose array something may write again (one scan each)."""
    out = set()
    emptied = set()
    for m in _EMPTIED_AT.finditer(body):
        name = _name_before(body, m.start(), _EMPTIED_BEFORE)
        if name is not None:
            emptied.add(name.group(1))
    if emptied:
        out.update(m.group(1) for m in _GROWN.finditer(body) if m.group(1) in emptied)
    out.update(_element_names(body))
    out.update(m.group(1) for m in _FROM_START.finditer(body) if word_start(body, m.start()))
    for pattern in _FILLERS:
        for m in pattern.finditer(body):
            out.update(_IDENT.findall(_arguments(body, m.end())))
    for _, end, _ in releasers.finditer(body) if releasers is not None else ():
        out.update(_IDENT.findall(_arguments(body, end + 1)))  # after the name, its `(`
    if owned:
        out.update(m.group(1) for m in _OWNED_DECL.finditer(body))
    if b"(*" in body or b"= *" in body:
        for m in _LOADED.finditer(body):  # b := (*bp)[:0] of a pooled bp: its array is bp's
            if m.group(2) in out:
                out.add(m.group(1))
    return frozenset(out)


MAX_ARGUMENTS = 2_000  # bytes of a call's arguments read (longer: the rest is left out)


def _arguments(body: bytes, start: int) -> bytes:
    """The text of a call's arguments from just after its `(` to the matching `)`."""
    depth = 1
    end = min(len(body), start + MAX_ARGUMENTS)
    i = start
    while i < end:
        c = body[i]
        if c in b"([{":
            depth += 1
        elif c in b")]}":
            depth -= 1
            if depth == 0:
                break
        i += 1
    return body[start:i]


def _releasers(package) -> NameFinder | None:
    """The names of the package's functions and methods whose body puts something in a
    pool (`putBuffer(b)`, `p.release(b)`), found as calls (`name(`): their arguments
    may be released (None when there are none)."""
    key = ("gg201-releasers",)
    if key not in package.facts:
        names = set()
        for decl, file in package.functions():
            if file is not None and b"Put(" in file.data[decl.start_byte:decl.end_byte]:
                name = decl.child_by_field_name("name")
                if name is not None:
                    names.add(file.data[name.start_byte:name.end_byte])
        package.facts[key] = NameFinder(names, suffix=rb"\(") if names else None
    return package.facts[key]


def _releaser_call(package, body: bytes) -> bool:
    finder = _releasers(package)
    return finder is not None and finder.search(body)


def _stored_slice_names(pf: Prefilter, stmt: Node):
    """Names a statement may store, by syntax alone, in every position the alias model
    reads: the values of an index, field or result assignment, a map key, append's
    elements, a send, a return, the values of a declaration (a composite literal holding
    an alias), and the arguments of calls of the package (which may keep them)."""
    data = pf.data
    if stmt.type == "return_statement":
        for v in stmt.named_children[0].named_children if stmt.named_children else ():
            yield from _stored_names(v, data, 0, pf.returns_arg)
        return
    if stmt.type == "send_statement":
        v = stmt.child_by_field_name("value")
        if v is not None:
            yield from _stored_names(v, data, 0, pf.returns_arg)
        return
    if stmt.type == "expression_statement":
        return
    if stmt.type in ("inc_statement", "dec_statement"):
        # m[k]++: the key is stored when the entry is new
        if stmt.named_children:
            yield from _key_names(stmt.named_children[0], data)
        return
    left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
    if left is None or right is None:
        return
    for t in left.named_children:
        yield from _key_names(t, data)
    if stmt.type == "short_var_declaration":
        for v in right.named_children:
            yield from _stored_names(v, data, 0, pf.returns_arg)
        return
    if len(left.named_children) != len(right.named_children):
        return
    for t, v in zip(left.named_children, right.named_children):
        fn = v.child_by_field_name("function") if v.type == "call_expression" else None
        if fn is not None and data[fn.start_byte:fn.end_byte] == b"append":
            args = v.child_by_field_name("arguments")
            for a in args.named_children[1:] if args is not None else ():
                if a.type != "variadic_argument":
                    yield from _stored_names(a, data, 0, pf.returns_arg)
        else:
            # a field, an entry, a result, a captured or package variable, or a plain
            # local (which matters where it is read after the next write)
            yield from _stored_names(v, data, 0, pf.returns_arg)


def _handed_names(pf: Prefilter, stmt: Node):
    """Names handed to calls of the package in a statement (which may keep them)."""
    for call in _calls(stmt):
        if calls_package(pf.pass_, call):
            args = call.child_by_field_name("arguments")
            for a in args.named_children if args is not None else ():
                yield from _stored_names(a, pf.data)


def _key_names(target: Node, data: bytes):
    """The names in the keys of an index target (m[k], m[a][b].f): a map keeps its keys."""
    e = target
    while e.type in ("selector_expression", "index_expression", "parenthesized_expression") and e.named_children:
        if e.type == "index_expression":
            k = e.child_by_field_name("index")
            if k is not None:
                yield from _stored_names(k, data)
        e = e.child_by_field_name("operand") or e.named_children[0]


def _stored_names(right: Node, data: bytes, depth: int = 0, returns_arg=None):
    """(name, sliced or addressed) of what a value may store: x of x, x[a:b], &x[i] and &x.f, the arguments of
    calls (unsafe.String(&x[0], n), a function that returns its argument), also within
    composite literals."""
    values = right.named_children if right.type in ("literal_value", "keyed_element",
                                                    "literal_element") else [right]
    for v in values:
        while v.type == "parenthesized_expression" and v.named_children:
            v = v.named_children[0]
        sliced = False
        if v.type == "unary_expression" and v.children and v.children[0].type == "&":
            v = v.child_by_field_name("operand") or v
            while v.type in ("selector_expression", "index_expression", "parenthesized_expression") and \
                    v.named_children:
                v = v.child_by_field_name("operand") or v.named_children[0]  # &x.f, &x[i]: x
                sliced = True
        if v.type == "slice_expression":
            v = v.child_by_field_name("operand") or v  # buf[:n]: buf's array
            sliced = True
        if v.type == "identifier":
            yield data[v.start_byte:v.end_byte], sliced
        elif depth < 4 and v.type == "call_expression" and (returns_arg is None or returns_arg(v)):
            # parse(buf[:n]): a function of the package may return its argument
            args = v.child_by_field_name("arguments")
            for a in args.named_children if args is not None else ():
                yield from _stored_names(a, data, depth + 1, returns_arg)
        elif depth < 4 and v.type in ("composite_literal", "literal_value", "keyed_element", "literal_element"):
            body = v.child_by_field_name("body") if v.type == "composite_literal" else v
            if body is not None:
                yield from _stored_names(body, data, depth + 1, returns_arg)
