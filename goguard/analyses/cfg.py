"""Control-flow graphs of Go functions, as networkx DiGraphs.

One graph per function, method or function literal (a literal's body is its own
graph; in the enclosing graph the literal is part of the statement that holds it).
Nodes are integers with attributes:

- `kind`: "entry", "exit", "stmt" (a simple statement), "cond" (an if/for condition),
  "range" (the head of a range loop, assigning its variables), "case" (a switch, type
  switch or select clause being chosen), "join" (where branches meet; `ast` is the
  compound statement, so a path through it can be explained), "label".
- `ast`: the tree-sitter node the block stands for (None for entry/exit).

Edges out of a "cond" node carry `branch=True/False`; edges entering a `for` loop (of
any form) from before it carry `loop_entry=<for statement>`, and the edges that start
its next iteration (the end of the body, `continue`, the update statement into the
condition) carry `back=<for statement>`; edges from a switch head to an
expression case carry `case=<case clause>`; the edge taken when no case matches
carries `nomatch=<switch statement>`. Calls that never return (panic, os.Exit,
log.Fatal*, t.Fatal*, runtime.Goexit, and a local closure whose body ends with one)
end their block with an edge to exit marked `noreturn=True`.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses import analysis

_SIMPLE = frozenset((
    "expression_statement", "assignment_statement", "short_var_declaration", "inc_statement",
    "dec_statement", "send_statement", "var_declaration", "const_declaration",
    "type_declaration", "go_statement", "defer_statement", "empty_statement",
    "receive_statement",
))
_NORETURN_FUNCS = {
    ("os", "Exit"), ("log", "Fatal"), ("log", "Fatalf"), ("log", "Fatalln"),
    ("log", "Panic"), ("log", "Panicf"), ("log", "Panicln"), ("runtime", "Goexit"),
    ("syscall", "Exit"),
}
# Methods that never return by the testing package's and loggers' convention.
_NORETURN_METHODS = frozenset(("Fatal", "Fatalf", "Fatalln", "FailNow", "SkipNow", "Skip", "Skipf",
                               "Panic", "Panicf", "Panicln", "Exit"))


class CFG:
    def __init__(self, fn: Node) -> None:
        import networkx as nx  # here, not at import: a run whose results are all cached never needs it

        self.fn = fn
        self.graph = nx.DiGraph()
        self.entry = 0
        self.exit = 1

    def kind(self, n: int) -> str:
        return self.graph.nodes[n]["kind"]

    def ast(self, n: int) -> Node | None:
        return self.graph.nodes[n]["ast"]

    def order(self) -> list[int]:
        """Nodes in reverse postorder from entry (unreachable nodes last)."""
        g = self.graph
        # Successors are visited last-added first, so a loop's exit (added after its
        # body) finishes first and comes after the body in the order: bodies converge
        # before what follows the loop is computed.
        seen = {self.entry}
        post: list[int] = []
        stack = [(self.entry, iter(list(g.successors(self.entry))[::-1]))]
        while stack:
            node, it = stack[-1]
            for s in it:
                if s not in seen:
                    seen.add(s)
                    stack.append((s, iter(list(g.successors(s))[::-1])))
                    break
            else:
                stack.pop()
                post.append(node)
        post.reverse()
        rest = [n for n in g.nodes if n not in seen]
        return post + rest


class _Builder:
    def __init__(self, fn: Node, text, imports: dict[str, str], closures=None) -> None:
        self.cfg = CFG(fn)
        self._closures_of = closures
        self.g = self.cfg.graph
        self.text = text
        self.imports = imports
        self.g.add_node(0, kind="entry", ast=None)
        self.g.add_node(1, kind="exit", ast=None)
        self.count = 2
        # Targets of unlabeled/labeled break and continue: (label, break join, continue
        # node, the loop whose next iteration an edge into the continue node starts).
        self.loops: list[tuple[str | None, int, int | None, Node | None]] = []
        self.labels: dict[str, int] = {}
        self.pending_label: str | None = None
        self._closures: frozenset | None = None

    def new(self, kind: str, ast: Node | None) -> int:
        n = self.count
        self.count += 1
        self.g.add_node(n, kind=kind, ast=ast)
        return n

    def link(self, preds, node: int) -> None:
        for p, attrs in preds:
            self.g.add_edge(p, node, **attrs)

    def label_node(self, name: str) -> int:
        if name not in self.labels:
            self.labels[name] = self.new("label", None)
        return self.labels[name]

    # Statements take their predecessors [(node, edge attrs)] and return the ones
    # that fall through to the next statement.

    def block(self, node: Node | None, preds):
        if node is None:
            return preds
        for child in node.named_children:
            if child.type == "statement_list":
                for s in child.named_children:
                    preds = self.stmt(s, preds)
            elif child.type != "comment":
                preds = self.stmt(child, preds)
        return preds

    def stmt(self, s: Node, preds):
        t = s.type
        label = self.pending_label
        self.pending_label = None
        if t in _SIMPLE:
            n = self.new("stmt", s)
            self.link(preds, n)
            if t == "expression_statement" and self._noreturn(s):
                self.g.add_edge(n, self.cfg.exit, noreturn=True)
                return []
            return [(n, {})]
        if t == "block":
            return self.block(s, preds)
        if t == "comment":
            return preds
        if t == "return_statement":
            n = self.new("stmt", s)
            self.link(preds, n)
            self.g.add_edge(n, self.cfg.exit)
            return []
        if t == "if_statement":
            return self.if_stmt(s, preds)
        if t == "for_statement":
            return self.for_stmt(s, preds, label)
        if t in ("expression_switch_statement", "type_switch_statement"):
            return self.switch_stmt(s, preds, label)
        if t == "select_statement":
            return self.select_stmt(s, preds, label)
        if t == "labeled_statement":
            name_node = s.child_by_field_name("label")
            name = self.text(name_node) if name_node is not None else ""
            ln = self.label_node(name)
            self.g.nodes[ln]["ast"] = s
            self.link(preds, ln)
            inner = [c for c in s.named_children if c.type not in ("label_name", "comment")]
            if not inner:
                return [(ln, {})]
            self.pending_label = name
            return self.stmt(inner[0], [(ln, {})])
        if t in ("break_statement", "continue_statement"):
            n = self.new("stmt", s)
            self.link(preds, n)
            lab = s.named_children[0] if s.named_children else None
            name = self.text(lab) if lab is not None else None
            for lname, brk, cont, loop in reversed(self.loops):
                if name is not None and lname != name:
                    continue
                if t == "break_statement":
                    self.g.add_edge(n, brk)
                    break
                if cont is not None:
                    # Into the loop head, `continue` starts the next iteration; into an
                    # update statement, the edge from there to the head does.
                    self.g.add_edge(n, cont, **({"back": loop} if loop is not None else {}))
                    break
            return []
        if t == "goto_statement":
            n = self.new("stmt", s)
            self.link(preds, n)
            lab = s.named_children[0] if s.named_children else None
            if lab is not None:
                self.g.add_edge(n, self.label_node(self.text(lab)))
            return []
        if t == "fallthrough_statement":
            # Wired by switch_stmt: the clause's end flows into the next clause's body.
            n = self.new("stmt", s)
            self.link(preds, n)
            return [(n, {"fallthrough": True})]
        # Unknown statement kinds (and ERROR nodes, though such functions are not analysed).
        n = self.new("stmt", s)
        self.link(preds, n)
        return [(n, {})]

    def if_stmt(self, s: Node, preds):
        # An else-if chain is walked iteratively (generated code has chains thousands
        # long); each if of the chain still gets its own join, inner joins flowing out.
        joins: list[int] = []
        cur = s
        while True:
            init = cur.child_by_field_name("initializer")
            if init is not None:
                preds = self.stmt(init, preds)
            cond = self.new("cond", cur.child_by_field_name("condition"))
            self.link(preds, cond)
            join = self.new("join", cur)
            joins.append(join)
            self.link(self.block(cur.child_by_field_name("consequence"), [(cond, {"branch": True})]), join)
            alt = cur.child_by_field_name("alternative")
            if alt is not None and alt.type == "if_statement":
                preds, cur = [(cond, {"branch": False})], alt
                continue
            if alt is None:
                self.link([(cond, {"branch": False})], join)
            else:
                self.link(self.stmt(alt, [(cond, {"branch": False})]), join)
            break
        for inner, outer in zip(reversed(joins[1:]), reversed(joins[:-1])):
            self.g.add_edge(inner, outer)
        return [(joins[0], {})]

    def for_stmt(self, s: Node, preds, label):
        body = s.child_by_field_name("body")
        clause = None
        cond_expr = None
        for c in s.named_children:
            if c.type in ("for_clause", "range_clause"):
                clause = c
            elif c.id != (body.id if body is not None else -1) and c.type != "comment":
                cond_expr = c
        done = self.new("join", s)
        if clause is not None and clause.type == "range_clause":
            head = self.new("range", clause)
            self.link([(p, dict(a, loop_entry=s)) for p, a in preds], head)
            self.loops.append((label, done, head, s))
            out = self.block(body, [(head, {"branch": True})])
            self.loops.pop()
            self.link([(p, dict(a, back=s)) for p, a in out], head)
            self.g.add_edge(head, done, branch=False)
            return [(done, {})]
        update = None
        if clause is not None:
            init = clause.child_by_field_name("initializer")
            if init is not None:
                preds = self.stmt(init, preds)
            cond_expr = clause.child_by_field_name("condition")
            update = clause.child_by_field_name("update")
        head = self.new("cond", cond_expr)
        self.link([(p, dict(a, loop_entry=s)) for p, a in preds], head)
        cont = head
        if update is not None:
            cont = self.new("stmt", update)
            self.g.add_edge(cont, head, back=s)
        self.loops.append((label, done, cont, None if update is not None else s))
        out = self.block(body, [(head, {"branch": True})])
        self.loops.pop()
        back = {} if update is not None else {"back": s}
        self.link([(p, dict(a, **back)) for p, a in out], cont)
        if cond_expr is not None:
            self.g.add_edge(head, done, branch=False)
        return [(done, {})]

    def switch_stmt(self, s: Node, preds, label):
        init = s.child_by_field_name("initializer")
        if init is not None:
            preds = self.stmt(init, preds)
        head = self.new("stmt", s)  # evaluates the tag / type-switch guard
        self.link(preds, head)
        done = self.new("join", s)
        clauses = [c for c in s.named_children
                   if c.type in ("expression_case", "default_case", "type_case")]
        self.loops.append((label, done, None, None))
        has_default = False
        fall: list = []
        for clause in clauses:
            has_default |= clause.type == "default_case"
            case = self.new("case", clause)
            self.g.add_edge(head, case, case=clause)
            entry = [(case, {})] + fall
            stmts = [c for c in clause.named_children if c.type == "statement_list"]
            out = self.block(stmts[0], entry) if stmts else entry
            fall = [(n, {}) for n, a in out if a.get("fallthrough")]
            self.link([(n, a) for n, a in out if not a.get("fallthrough")], done)
        self.link(fall, done)
        self.loops.pop()
        if not has_default:
            self.g.add_edge(head, done, nomatch=s)
        return [(done, {})]

    def select_stmt(self, s: Node, preds, label):
        head = self.new("stmt", s)
        self.link(preds, head)
        done = self.new("join", s)
        self.loops.append((label, done, None, None))
        for clause in s.named_children:
            if clause.type not in ("communication_case", "default_case"):
                continue
            case = self.new("case", clause)
            self.g.add_edge(head, case)
            entry = [(case, {})]
            comm = clause.child_by_field_name("communication")
            if comm is not None:
                n = self.new("stmt", comm)
                self.link(entry, n)
                entry = [(n, {})]
            stmts = [c for c in clause.named_children if c.type == "statement_list"]
            out = self.block(stmts[0], entry) if stmts else entry
            self.link(out, done)
        self.loops.pop()
        return [(done, {})]

    def _noreturn(self, s: Node) -> bool:
        call = s.named_children[0] if s.named_children else None
        if call is None or call.type != "call_expression":
            return False
        if is_noreturn_call(call, self.text, self.imports):
            return True
        fn = call.child_by_field_name("function")
        return fn is not None and fn.type == "identifier" and self.text(fn) in self._noreturn_closures()

    def _noreturn_closures(self) -> frozenset:
        if self._closures is None:
            self._closures = self._closures_of() if self._closures_of is not None else frozenset()
        return self._closures

    def build(self) -> CFG:
        body = self.cfg.fn.child_by_field_name("body")
        out = self.block(body, [(self.cfg.entry, {})])
        self.link(out, self.cfg.exit)
        return self.cfg


def noreturn_closures(top: Node, text, imports: dict[str, str]) -> frozenset:
    """Names of the local closures of a function declaration that never return (`fail
    := func(f string, a ...any) { t.Fatalf(f, a...) }`): their body ends with a call
    that does not return, and nothing assigns the name again."""
    found: dict[str, bool] = {}
    stack = [top.child_by_field_name("body")]
    while stack:
        n = stack.pop()
        if n is None:
            continue
        if n.type in ("short_var_declaration", "assignment_statement"):
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            lefts = left.named_children if left is not None else []
            rights = right.named_children if right is not None else []
            for i, target in enumerate(lefts):
                if target.type != "identifier":
                    continue
                name = text(target)
                value = rights[i] if len(rights) == len(lefts) else None
                found[name] = n.type == "short_var_declaration" and value is not None and \
                    value.type == "func_literal" and _ends_noreturn(value, text, imports) and name not in found
        stack.extend(n.named_children)
    return frozenset(name for name, ok in found.items() if ok)


def _ends_noreturn(lit: Node, text, imports) -> bool:
    body = lit.child_by_field_name("body")
    stmts = [c for c in (body.named_children if body is not None else ()) if c.type != "comment"]
    if stmts and stmts[-1].type == "statement_list":
        stmts = [c for c in stmts[-1].named_children if c.type != "comment"]
    last = stmts[-1] if stmts else None
    if last is None or last.type != "expression_statement" or not last.named_children:
        return False
    call = last.named_children[0]
    return call.type == "call_expression" and is_noreturn_call(call, text, imports)


def is_noreturn_call(call: Node, text, imports: dict[str, str]) -> bool:
    fn = call.child_by_field_name("function")
    if fn is None:
        return False
    if fn.type == "identifier":
        return text(fn) == "panic"
    if fn.type == "selector_expression":
        op = fn.child_by_field_name("operand")
        field = fn.child_by_field_name("field")
        if op is None or field is None:
            return False
        name = text(field)
        if op.type == "identifier":
            pkg = imports.get(text(op))
            if pkg is not None:
                return (pkg, name) in _NORETURN_FUNCS or (pkg.endswith("/klog") and name.startswith("Fatal"))
        return name in _NORETURN_METHODS and name != "Exit"
    return False


def build(fn: Node, text, imports: dict[str, str], closures=None) -> CFG:
    """The graph of fn; `closures()` gives the names of local closures that never
    return, asked only when a call of a local name ends a statement."""
    return _Builder(fn, text, imports, closures).build()


@analysis("cfg")
def cfg_analysis(pass_, fn: Node) -> CFG:
    from goguard.frontend.scopes import top_function

    return build(fn, pass_.file.text, pass_.imports,
                 lambda: pass_.result("noreturn-closures", top_function(fn)))


@analysis("noreturn-closures")
def noreturn_closures_analysis(pass_, top: Node) -> frozenset:
    """noreturn_closures of a function declaration, shared by the graphs of its literals."""
    if top is None or top.type not in ("function_declaration", "method_declaration"):
        return frozenset()
    return noreturn_closures(top, pass_.file.text, pass_.imports)
