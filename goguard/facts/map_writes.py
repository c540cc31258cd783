"""Map writes of each function, with the locks held: per-function access summaries.

A summary lists the map writes a function makes, in its own body and in the functions
and methods of the package it calls (a few levels deep), each with:

- its root, relative to the function: the receiver, a parameter, a package variable,
  or "other" (a value loaded from a field, a map or a call); writes into a value the
  function makes itself (`t := &T{}`, `make`, `new`, a `New...` call) are its own and
  left out, since no other goroutine can see them yet;
- its owner: `T.f` when the map is field f of a struct type T of the package (the
  type-based location that lock discipline pairs writes by), `var v` for a package
  variable;
- the locks held: a write lock (`Lock`) at the write or around a call on the way to
  it, or only a read lock (`RLock`), which excludes writers but not other readers;
  a function named `...Locked` is taken to run with its lock held.

A call's summary is bound to the call: the callee's receiver and parameters become the
caller's expressions for them. Calls in a `go` statement or a function literal are not
followed (they run elsewhere). The fact "map-field-writes" gathers every write of a
field of a struct type that owns a mutex (sync.Mutex or sync.RWMutex, a field or
embedded: the type announces its values are shared), per owner, for the lock
discipline that GG401 checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from goguard.analyses.locks import acquirers
from goguard.analyses.mapaccess import root_path
from goguard.facts import per_function
from goguard.facts.keeps import params_of
from goguard.frontend.gotypes import Type, TypeResolver
from goguard.frontend.syntax import NameFinder, strip_parens
from goguard.models.concurrency import MUTEX_TYPES

MAX_DEPTH = 4  # calls followed below a function
MAX_BYTES = 16_000  # a longer function is not summarised
MAX_RECORDS = 64  # writes kept per summary
_CONSTRUCTOR = re.compile(r"^(New|new|Make|make|Create|create)")


@dataclass(frozen=True)
class MapWrite:
    site: Node  # the write: an index expression, a delete/clear/decoder call
    fp: object  # the FilePass of the site's file
    func: Node  # the function whose own body holds the site
    map_text: str  # the map as the site's code names it
    root: tuple  # ("recv",) | ("param", name) | ("pkg", name) | ("other",), relative to the summarised function
    path: tuple  # the fields from the root to the map
    owner: str  # "T.f" for a field of a struct type T of the package, "var v" for a package variable, else ""
    locked: str  # the write lock held at the write or around a call on the way ("" for none)
    rlocked: str  # a read lock held there, when no write lock is
    chain: tuple = ()  # ((FilePass, call node, callee text), ...): the calls from the function down
    locks: frozenset = frozenset()  # every write lock held at a write of the function's own body, by
    # normal_lock: the one that guards the field is paired by it (RacerD's lock pairing)


def function_names(package) -> frozenset[str]:
    """Names of the package's functions and methods: a call by any other name is not
    followed (the cheap test before resolving its receiver's type)."""
    key = ("function-names",)
    got = package.facts.get(key)
    if got is None:
        got = package.facts[key] = frozenset(n for n, d in package.decls.items() if d.kind == "func") | \
            frozenset(m for _, m in package.methods)
    return got


def package_calls(fp, fn: Node):
    """The calls in fn's own body (not in a nested function literal, not started by
    `go`) of a name the package declares a function or method by, found from the text
    rather than by walking the tree."""
    body = fn.child_by_field_name("body")
    if body is None:
        return
    finder = call_finder(fp.package)
    if not finder:
        return
    root = fp.file.root
    for start, end, _ in finder.finditer(fp.file.data, body.start_byte, body.end_byte):
        name = root.descendant_for_byte_range(start, end)
        p = name.parent if name is not None else None
        if p is not None and p.type == "selector_expression" and name.type == "field_identifier":
            fnode, call = p, p.parent
        else:
            fnode, call = name, p
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != fnode:
            continue
        if call.parent is not None and call.parent.type == "go_statement":
            continue
        inner = fp.enclosing_function(call)
        if inner is not None and inner.id == fn.id:
            yield call


def callee(fp, fn: Node, call: Node) -> tuple[Node, object, Node | None] | None:
    """(declaration, file, receiver expression) of the function or method of the
    package that `call` (or a method value / function name) calls, else None."""
    f = strip_parens(call.child_by_field_name("function") or call) if call.type == "call_expression" else call
    package = fp.package
    last = f.child_by_field_name("field") if f.type == "selector_expression" else f
    if last is None or fp.text(last) not in function_names(package):
        return None
    if f.type == "identifier":
        if fp.result("scopes", fn).decl_of(f) is not None:
            return None
        td = package.decls.get(fp.text(f))
        return (td.node, td.file, None) if td is not None and td.kind == "func" else None
    if f.type != "selector_expression":
        return None
    op = f.child_by_field_name("operand")
    name = _named(fp.result("exprtypes", fn).of(op)) if op is not None else None
    if name is None:
        return None
    found = package.method(name, fp.text(f.child_by_field_name("field")))
    return (found[0], found[1], op) if found is not None else None


def _named(t: Type) -> str | None:
    """T of T or *T, a named type of this package."""
    if t.kind == "pointer" and t.elem is not None:
        t = t.elem
    return t.name if t.kind == "named" and "." not in t.name and "/" not in t.name else None


def classify(fp, fn: Node, e: Node) -> tuple[tuple, tuple] | None:
    """(root, path) of an expression relative to fn: see the module's docstring; None
    for what cannot be followed; ("own",) for a value fn makes itself."""
    root, path = root_path(e, fp.text)
    if root is None:
        return None
    d = fp.result("scopes", fn).decl_of(root)
    if d is None:
        top = fp.package.decls.get(fp.text(root))
        return (("pkg", fp.text(root)), path) if top is not None and top.kind == "var" else None
    if d.func.id != fn.id:
        return (("captured", d.id), path)  # a variable of an enclosing function
    if d.kind == "receiver":
        return ("recv",), path
    if d.kind == "param":
        return ("param", d.name), path
    if d.kind in ("var", "result"):
        return (("own",) if owned(fp, d) else ("other",)), path
    return None


def owned(fp, d) -> bool:
    """A local made by its function: a composite literal, its address, new or make, a
    New... call, or a struct declared without a value."""
    v = d.value
    if v is None:
        return d.origin == "var" and d.type_node is not None and d.type_node.type != "pointer_type"
    v = strip_parens(v)
    if v.type == "unary_expression" and v.child_by_field_name("operator").type == "&":
        v = strip_parens(v.child_by_field_name("operand"))
    if v.type == "composite_literal":
        return True
    if v.type == "call_expression":
        f = v.child_by_field_name("function")
        if f is not None and f.type == "selector_expression":
            f = f.child_by_field_name("field")
        return f is not None and bool(_CONSTRUCTOR.match(fp.text(f)))
    return False


def owner_of(fp, fn: Node, m: Node, root: tuple, path: tuple) -> str:
    """The type-based location of a map expression: T.f or var v."""
    m = strip_parens(m)
    if m.type == "selector_expression":
        t = _named(fp.result("exprtypes", fn).of(m.child_by_field_name("operand")))
        return f"{t}.{path[-1]}" if t is not None and path else ""
    if root[0] == "pkg" and not path:
        return f"var {root[1]}"
    return ""


_DOCUMENTED = re.compile(
    r"(?i)\b(?:lock|mutex|mu)\w*\s+(?:must|should|is|has|to)\s+(?:be\s+|been\s+)?(?:held|locked|acquired|taken)\b"
    r"|\b(?:must|should)\s+(?:hold|have)\s+(?:the\s+)?[\w.]*\s*(?:lock|mutex|mu)\b"
    r"|\bcaller\w*\s+(?:must\s+|should\s+)?holds?\b|\bcalled\s+with\s+.{0,30}\b(?:lock|mutex|mu)\w*"
    r"|\b(?:lock|mutex)\w*\s+held\b|\bassumes?\b.{0,30}\b(?:lock|mutex|mu)\w*\b.{0,10}\b(?:held|locked)\b")
_CONDITIONAL = re.compile(rb"\bif\b[^{\n]*\{\s*[\w.]*\.(?:R?Lock)\(\)")


def doc_comment(fp, fn: Node) -> str:
    """The comment lines right above a declaration, joined."""
    doc, line = [], fn.start_point[0]
    c = fn.prev_named_sibling
    while c is not None and c.type == "comment" and c.end_point[0] == line - 1:
        doc.append(fp.text(c))
        line = c.start_point[0]
        c = c.prev_named_sibling
    return " ".join(reversed(doc))


# A method documented as one to call before the value is shared: "must be called before
# Start", "call it before serving", "not safe for concurrent use".
_BEFORE = re.compile(
    r"(?i)\b(?:must|should|has\s+to|have\s+to|needs?\s+to)\s+(?:only\s+)?be\s+(?:called|used|invoked|done|set)\s+"
    r"(?:only\s+)?before\b|\bcall(?:ed)?\s+(?:it\s+|this\s+|them\s+)?(?:only\s+)?before\b"
    r"|\bnot\s+(?:safe\s+for\s+concurrent|concurrency[- ]safe|thread[- ]safe|goroutine[- ]safe|safe\s+to\s+call\s+"
    r"concurrently)")


def before_shared(fp, fn: Node) -> bool:
    """The function's comment says it is called before the value is shared between
    goroutines ("must be called before Start", "not safe for concurrent use")."""
    if fn.type == "func_literal":
        return False
    key = ("before-shared", fp.file.abspath, fn.id)
    got = fp.package.facts.get(key)
    if got is None:
        got = fp.package.facts[key] = bool(_BEFORE.search(doc_comment(fp, fn)))
    return got


def called_locked(fp, fn: Node) -> str:
    """Why a function runs with its lock held, when its name or its doc comment says
    so (`...Locked`, "Lock should be held.", "caller must hold mu"), or when it takes
    the lock itself only on some paths (`if !hasLock { mu.Lock() }`): "" otherwise."""
    key = ("called-locked", fp.file.abspath, fn.id)
    got = fp.package.facts.get(key) if fn.type != "func_literal" else ""
    if got is not None:
        return got
    name = fn.child_by_field_name("name")
    got = ""
    if name is not None and fp.text(name).endswith("Locked"):
        got = f"(the lock {fp.text(name)} is called with)"
    else:
        if _DOCUMENTED.search(doc_comment(fp, fn)):
            got = "(the lock its comment says is held)"
        elif _CONDITIONAL.search(fp.file.data, fn.start_byte, fn.end_byte):
            got = "(the lock it takes when its caller does not hold it)"
        elif _releases_unheld(fp.file.data[fn.start_byte:fn.end_byte]):
            got = "(the lock it releases, taken by its caller)"
    fp.package.facts[key] = got
    return got


_LOCK_OP = re.compile(rb"([\w.]*?)\.(R?)(Lock|Unlock)\(\)")


def _releases_unheld(data: bytes) -> bool:
    """The function unlocks a mutex it never locks: its caller took it (a lock handed
    across calls, `Start` locks and `Finish` unlocks)."""
    ops = {(m.group(1), m.group(2), m.group(3)) for m in _LOCK_OP.finditer(data)}
    return any(op == b"Unlock" and (mu, r, b"Lock") not in ops for mu, r, op in ops)


def _mentions_acquirer(fp, fn: Node) -> bool:
    data = fp.file.data[fn.start_byte:fn.end_byte]
    return any(a.encode() in data for a in acquirers(fp.package))


def takes_lock(fp, fn: Node, root: str) -> bool:
    """The function's own text takes a lock of `root` somewhere (`root.Lock()`,
    `root.mu.RLock()`): it knows the value is shared, and leaves this write out."""
    prefix = root.encode()
    return any(m.group(3) == b"Lock" and (m.group(1) == prefix or m.group(1).startswith(prefix + b"."))
               for m in _LOCK_OP.finditer(fp.file.data, fn.start_byte, fn.end_byte))


def lock_state(fp, fn: Node, node: Node) -> tuple[str, str]:
    """(write lock, read lock) held at a node of fn, as text ("" for none)."""
    documented = called_locked(fp, fn)
    if documented:
        return documented, ""
    if fp.file.data.find(b"Lock()", fn.start_byte, fn.end_byte) < 0 and not _mentions_acquirer(fp, fn):
        return "", ""  # the function takes no lock: no need for its graph
    n = fp.result("aliases", fn).node_of(node)
    if n is None:
        return "", ""
    held = fp.result("locks", fn).held_at(n)
    write = sorted(h for h in held if not h.startswith("R:"))
    read = sorted(h[2:] for h in held if h.startswith("R:"))
    return (write[0] if write else ""), ("" if write or not read else read[0])


def held_locks(fp, fn: Node, node: Node, m: Node) -> frozenset[str]:
    """The write locks held at a node of fn, each by normal_lock against the map
    expression m."""
    n = fp.result("aliases", fn).node_of(node)
    if n is None:
        return frozenset()
    root, _ = root_path(m, fp.text)
    base = fp.text(root) if root is not None else ""
    return frozenset(normal_lock(h, base) for h in fp.result("locks", fn).held_at(n) if not h.startswith("R:"))


def normal_lock(lock: str, base: str) -> str:
    """A lock's text with the map's root variable written `$`: `a.mu` guarding `a.m` is
    `$.mu` in every method, whatever the receiver is called; `u.mu` of another value
    and a package's `mu` stay as they are."""
    if base and (lock == base or lock.startswith(base + ".")):
        return "$" + lock[len(base):]
    return lock


def guarded(pass_, owner: str, held: frozenset[str]) -> bool:
    """Whether the write locks `held` (normal_lock) at a write of the map field `owner`
    ("T.f") include the lock that guards the field (guard_locks); any lock counts when
    the package shows none."""
    guards = guard_locks(pass_, owner)
    return not guards or bool(frozenset(_canonical(h) for h in held) & guards)


def guard_locks(pass_, owner: str) -> frozenset[str]:
    """The lock that guards a map field, after RacerD's lock pairing: the lock held at
    the writes of the field in the most functions of the package. When a write holds
    the mutex of T declared nearest above the field (Go's convention: a mutex guards
    the fields that follow it), that one, if no lock is held in more functions. Empty
    (no judgement) when the writes and the declaration disagree, when two locks are
    held in as many functions and neither is that mutex, when no write holds a lock,
    or when one holds a lock of the value that is not one of T's mutexes (a helper that
    returns holding a lock, `defer s.lockFor(k)()`)."""
    memo = pass_.package.facts.setdefault(("guard-locks",), {})
    got = memo.get(owner)
    if got is not None:
        return got
    hat, mutexes = _mutexes(pass_, owner)
    by_lock: dict[str, set[int]] = {}
    for w in field_writes(pass_).get(owner, ()):
        for lock in w.locks:
            by_lock.setdefault(_canonical(lock), set()).add(w.func.id)
    if not by_lock or any(lock.startswith("$") and lock not in mutexes for lock in by_lock):
        got = frozenset()
    else:
        most = max(len(fns) for fns in by_lock.values())
        top = frozenset(lock for lock, fns in by_lock.items() if len(fns) == most)
        if hat in by_lock:  # the declaration and the writes must agree
            got = frozenset({hat}) if hat in top else frozenset()
        else:
            got = top if len(top) == 1 else frozenset()
    memo[owner] = got
    return got


def _canonical(lock: str) -> str:
    return "$" if lock in ("$.Mutex", "$.RWMutex") else lock


def _mutexes(pass_, owner: str) -> tuple[str, frozenset[str]]:
    """(the mutex of T declared nearest above field f, every mutex of T) for "T.f", as
    normal_lock writes them ("$.mu"; "$" for an embedded one)."""
    memo = pass_.package.facts.setdefault(("mutex-fields",), {})
    got = memo.get(owner)
    if got is None:
        tname, _, fname = owner.partition(".")
        names = {f"{p}.{n}" for p, n in MUTEX_TYPES}
        hat, out = "", []
        for name, t, embedded in TypeResolver.of(pass_.package).struct_fields(Type("named", name=tname)):
            if t.kind == "pointer" and t.elem is not None:
                t = t.elem
            if t.kind == "named" and t.name in names:
                out.append("$" if embedded else f"$.{name}")
            elif name == fname and out:
                hat = out[-1]
        got = memo[owner] = (hat, frozenset(out))
    return got


def writes_of(fp, decl: Node, file) -> tuple[MapWrite, ...]:
    """The summary of a function or method declaration of the package."""
    return per_function(fp, "map-writes", decl, file, _summarise, (), "map-writes-stack", MAX_DEPTH)


# The text of a write: an index assignment, delete/clear, a decoder, the maps package's
# writers (goguard/models/concurrency.py DECODERS), by their usual spelling.
_MAY_WRITE = re.compile(rb"\]\s*(?:[-+*/%&|^]|<<|>>|&\^)?=(?!=)|\]\s*(?:\+\+|--)|\b(?:delete|clear)\(|Unmarshal\("
                        rb"|\bmaps\.(?:Copy|DeleteFunc|Clear)\(|NewDecoder\(")


def _summarise(fp, decl: Node) -> tuple[MapWrite, ...]:
    body = decl.child_by_field_name("body")
    if body is None or decl.end_byte - decl.start_byte > MAX_BYTES:
        return ()
    own = own_writes(fp, decl) if _MAY_WRITE.search(fp.file.data, body.start_byte, body.end_byte) else []
    return tuple(own + called_writes(fp, decl, body))[:MAX_RECORDS]


def own_writes(fp, fn: Node) -> list[MapWrite]:
    """The writes of fn's own body, relative to fn."""
    out = []
    for site, m, _ in fp.result("map-sites", fn).writes:
        got = classify(fp, fn, m)
        if got is None or got[0] == ("own",):
            continue
        if _fresh(fp, fn, m, site):
            continue  # a map the function has just made: no other goroutine holds it yet
        root, path = got
        locked, rlocked = lock_state(fp, fn, site)
        held = held_locks(fp, fn, site, m) if locked and not locked.startswith("(") else frozenset()
        out.append(MapWrite(site, fp, fn, fp.text(m), root, path, owner_of(fp, fn, m, root, path), locked, rlocked,
                            (), held))
    return out


_GO = re.compile(rb"\bgo\s")


def _fresh(fp, fn: Node, m: Node, site: Node) -> bool:
    """The function's body assigns the map a new one (`s.m = make(...)`, a literal, of
    any map type: `e.ctx = kms.Context{}`) in a statement of a block that holds the
    write after it (so it runs first), and starts no goroutine between."""
    data = fp.file.data
    body = fn.child_by_field_name("body")
    fresh = re.compile(re.escape(data[m.start_byte:m.end_byte]) + rb"\s*=\s*(?:make\(|map\[|[\w.]+[ \t]*\{)")
    for hit in fresh.finditer(data, body.start_byte, site.start_byte):
        stmt = fp.file.root.descendant_for_byte_range(hit.start(), hit.start() + 1)
        while stmt is not None and stmt.type != "assignment_statement" and stmt.id != body.id:
            stmt = stmt.parent
        block = stmt.parent if stmt is not None and stmt.type == "assignment_statement" else None
        if block is not None and block.type == "statement_list":
            block = block.parent
        if block is None or block.type != "block" or not (block.start_byte <= site.start_byte < block.end_byte):
            continue
        if fp.enclosing_function(stmt).id == fn.id and not _GO.search(data, stmt.end_byte, site.start_byte):
            return True
    return False


def called_writes(fp, fn: Node, body: Node) -> list[MapWrite]:
    """The writes of the package's functions that fn's own body calls, bound to the
    calls' arguments and with the locks held around each call added."""
    out: list[MapWrite] = []
    for call in package_calls(fp, fn):
        f = call.child_by_field_name("function")
        last = f.child_by_field_name("field") if f.type == "selector_expression" else f
        if not may_write(fp.package, fp.text(last)):
            continue  # no function of that name reaches a map write: not worth resolving
        got = callee(fp, fn, call)
        if got is None or got[0].id == fn.id:
            continue
        decl, file, recv = got
        records = writes_of(fp, decl, file)
        if not records:
            continue
        out += bind(fp, fn, call, decl, file, recv, records)
    return out


def may_write(package, name: str) -> bool:
    """Whether some function or method of the package named `name` may write a map,
    in its body or through the functions it calls by name (judged from the text, a few
    levels deep): the cheap test before a call is resolved and its callee summarised."""
    return text_reaches(package, name, _MAY_WRITE, "may-write")


def text_reaches(package, name: str, pattern: re.Pattern, memo_key: str, depth: int = MAX_DEPTH) -> bool:
    """Whether the body of some function or method of the package named `name`, or of
    a function it calls by name (a few levels deep), holds text matching `pattern`;
    memoised per package under `memo_key`."""
    memo = package.facts.setdefault((memo_key,), {})
    if name in memo:
        return memo[name]
    memo[name] = False  # recursion: not a way to a match
    bodies = bodies_by_name(package).get(name, ())
    got = any(pattern.search(data, a, b) for data, a, b in bodies)
    if not got and depth > 0:
        finder = call_finder(package)
        got = any(n.decode() != name and text_reaches(package, n.decode(), pattern, memo_key, depth - 1)
                  for data, a, b in bodies for _, _, n in finder.finditer(data, a, b))
    memo[name] = got
    return got


def bodies_by_name(package) -> dict[str, list[tuple[bytes, int, int]]]:
    """The package's function and method bodies by name: (file data, start, end)."""
    key = ("bodies-by-name",)
    got = package.facts.get(key)
    if got is None:
        got = package.facts[key] = {}
        for decl, file in package.functions():
            name, body = decl.child_by_field_name("name"), decl.child_by_field_name("body")
            if name is not None and body is not None and decl.end_byte - decl.start_byte <= MAX_BYTES:
                got.setdefault(file.text(name), []).append((file.data, body.start_byte, body.end_byte))
    return got


def call_finder(package) -> NameFinder:
    key = ("call-finder",)
    finder = package.facts.get(key)
    if finder is None:
        finder = package.facts[key] = NameFinder(function_names(package), suffix=rb"\s*\(")
    return finder


def bind(fp, fn: Node, call: Node, decl: Node, file, recv: Node | None, records) -> list[MapWrite]:
    """A callee's records as the caller `fn` sees them at `call`."""
    cfp = fp.for_file(file)
    args = call.child_by_field_name("arguments")
    argv = list(args.named_children) if args is not None else []
    params = {n: a for n, a in zip(params_of(decl, cfp.text), argv) if n}
    locked, rlocked = lock_state(fp, fn, call)
    name = fp.text(call.child_by_field_name("function"))
    out = []
    for r in records:
        if r.root[0] in ("pkg", "other"):
            root, path = r.root, r.path
        else:
            e = recv if r.root[0] == "recv" else params.get(r.root[1])
            got = classify(fp, fn, e) if e is not None else None
            if got is None or got[0] == ("own",):
                continue
            root, path = got[0], got[1] + r.path
        out.append(MapWrite(r.site, r.fp, r.func, r.map_text, root, path, r.owner, r.locked or locked,
                            "" if (r.locked or locked) else (r.rlocked or rlocked),
                            ((fp, call, name),) + r.chain))
    return out


def mutex_owners(package) -> frozenset[str]:
    """Struct types of the package that own a sync.Mutex or sync.RWMutex (a field,
    a pointer to one, or embedded)."""
    key = ("mutex-owners",)
    got = package.facts.get(key)
    if got is None and not any(b"Mutex" in f.data for f in package.files):
        got = package.facts[key] = frozenset()
    if got is None:
        types = TypeResolver.of(package)
        names = {f"{p}.{n}" for p, n in MUTEX_TYPES}
        out = set()
        for d in package.decls.values():
            if d.kind != "type" or d.type_node is None or d.type_node.type != "struct_type":
                continue
            for _, t, _ in types.struct_fields(Type("named", name=d.name)):
                if t.kind == "pointer" and t.elem is not None:
                    t = t.elem
                if t.kind == "named" and t.name in names:
                    out.add(d.name)
                    break
        got = package.facts[key] = frozenset(out)
    return got


def field_writes(pass_) -> dict[str, list[MapWrite]]:
    """Every write of a map field of a mutex-owning type of the package, per owner
    "T.f", each relative to the function (or function literal) whose own body holds it.
    Cached with the package."""
    package = pass_.package
    key = ("map-field-writes",)
    got = package.facts.get(key)
    if got is not None:
        return got
    got = package.facts[key] = {}
    owners = mutex_owners(package)
    if not owners:
        return got
    types = TypeResolver.of(package)
    fields: set[str] = set()
    for t in owners:
        for name, ft, _ in types.struct_fields(Type("named", name=t)):
            if types.shallow(ft).kind == "map":
                fields.add(name)
    if not fields:
        return got
    finder = re.compile(rb"\.(?:" + b"|".join(re.escape(n.encode()) for n in sorted(fields)) + rb")\b")
    for f in package.files:
        if not finder.search(f.data, *f.span):
            continue
        fp = pass_.for_file(f)
        fns = set()
        for m in finder.finditer(f.data, *f.span):
            node = f.root.descendant_for_byte_range(m.start(), m.end())
            fn = fp.enclosing_function(node) if node is not None else None
            if fn is None or fn.id in fns or fn.end_byte - fn.start_byte > MAX_BYTES:
                continue
            fns.add(fn.id)
            for w in own_writes(fp, fn):
                t, _, name = w.owner.partition(".")
                if t in owners and name in fields:
                    got.setdefault(w.owner, []).append(w)
    return got


def callers_lock(pass_, fn: Node, file, depth: int = 3) -> str | None:
    """The write lock that every call of a function or method of the package holds
    (the text of one), directly or because the caller is itself called with it held;
    "" when some call holds none; None when the package never calls it by name (a
    method value, an interface: callers unseen). Calls on a value the caller makes
    (a constructor's) do not count."""
    name = fn.child_by_field_name("name")
    if name is None or fn.type not in ("function_declaration", "method_declaration"):
        return None
    key = ("callers-lock", file.abspath, fn.id)
    memo = pass_.package.facts
    if key in memo:
        return memo[key]
    memo[key] = None  # a recursive call is not a way in
    fp0 = pass_.for_file(file)
    word = fp0.text(name).encode()
    pattern = re.compile((rb"\." if fn.type == "method_declaration" else rb"(?<![\w.])") + re.escape(word) + rb"\s*\(")
    lock = None
    for f in pass_.package.files:
        for m in pattern.finditer(f.data, *f.span) if word in f.data else ():
            fp = pass_.for_file(f)
            node = f.root.descendant_for_byte_range(m.start(), m.start() + 1)
            while node is not None and node.type != "call_expression":
                node = node.parent if node.type not in ("block", "source_file") else None
            caller = fp.enclosing_function(node) if node is not None else None
            if caller is None or caller.id == fn.id:
                continue
            got = callee(fp, caller, node)
            if got is None or got[0].id != fn.id:
                continue
            if got[2] is not None:
                c = classify(fp, caller, got[2])
                if c is not None and c[0] == ("own",):
                    continue  # a constructor's call on the value it makes
            held, _ = lock_state(fp, caller, node)
            while not held and caller.type == "func_literal" and not goroutine_body(fp, caller):
                site, caller = caller, fp.enclosing_function(caller)  # a callback runs in its function
                if caller is None:
                    break
                held, _ = lock_state(fp, caller, site)
            if caller is None:
                continue
            if not held and depth > 0 and caller.type != "func_literal":
                held = callers_lock(pass_, caller, fp.file, depth - 1)
                if held is None:
                    continue
            if not held:
                memo[key] = ""
                return ""
            lock = held
    memo[key] = lock
    return lock


def goroutine_body(fp, lit: Node) -> bool:
    """A function literal run by `go` or handed to `.Go(`."""
    p = lit.parent
    if p is not None and p.type == "call_expression" and p.parent is not None and p.parent.type == "go_statement":
        return True
    if p is not None and p.type == "argument_list":
        f = p.parent.child_by_field_name("function")
        return f is not None and f.type == "selector_expression" and fp.text(f.child_by_field_name("field")) == "Go"
    return False
