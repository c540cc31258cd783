"""Lock discipline per type, for GG401 (after Infer's RacerD): a type that owns a mutex
says its values are shared between goroutines, so a map field written with no lock
where another write of it holds one, under a read lock only, or holding a lock that
does not guard it, races with the other writers.
"""

from __future__ import annotations

import dataclasses

from goguard.facts.map_writes import (MapWrite, before_shared, callers_lock, field_writes, goroutine_body, guarded,
                                      takes_lock, writes_of)


def discipline(pass_, out) -> None:
    """Lock discipline per type: a map field of a type that owns a mutex, written with
    no lock where another write of it holds one, or under a read lock only."""
    writes = field_writes(pass_)
    if not writes:
        return
    _read_locked_calls(pass_, writes, out)
    for owner, ws in sorted(writes.items()):
        guards, bare, foreign = [], [], []
        for w in ws:
            if not w.locked:
                bare.append(w)
            elif w.locked.startswith("(") or guarded(pass_, owner, w.locks):
                guards.append(w)
            else:
                foreign.append(w)
        unguarded = []
        for w in bare:
            lock = _entered_locked(pass_, w)
            if lock is None:
                continue  # no unlocked way in that the package shows
            if lock:
                guards.append(dataclasses.replace(w, locked=lock))  # held by every caller
            else:
                unguarded.append(w)
        # A write that takes a lock is needed to pair by: a comment's word is not enough.
        real = [g for g in guards if not g.locked.startswith("(")]
        if real:
            _foreign(pass_, owner, foreign, real[0], out)
        for w in unguarded:
            if not w.rlocked and not real:
                continue
            mine = takes_lock(w.fp, w.func, w.map_text.split(".")[0])
            # As many writes locked as not: the lock guards the field when the locked writes take
            # the value's own lock themselves (not one their callers hold for something else).
            even = len(guards) == len(unguarded) and all(any(h.startswith("$") for h in g.locks) for g in guards)
            if not w.rlocked and (len(guards) < len(unguarded) or not (mine or even or len(guards) > len(unguarded))):
                continue  # most writes hold no lock, or this function never locks the value: it guards else
            if w.rlocked:
                msg = (f"concurrent map writes: {w.map_text} is written holding only {w.rlocked}.RLock(); "
                       f"a read lock is shared by every reader, so two of them write {owner} at once "
                       f"(fatal error: concurrent map writes)")
                note = f"writes {w.map_text} here holding only {w.rlocked}.RLock()"
                out.emit(w.fp, w.site, msg, [(w.fp, w.site, note)])
            elif guards:
                g = guards[0]
                gline = g.fp.file.position(g.site.start_byte)[0]
                where = "" if g.fp.file.abspath == w.fp.file.abspath else f"{g.fp.file.path}:"
                msg = (f"concurrent map writes: {w.map_text} is written here with no lock held, but under "
                       f"{lock_words(g.locked)} at {where}{gline}: {owner.partition('.')[0]} owns a mutex, so its "
                       f"values are shared between goroutines (fatal error: concurrent map writes)")
                out.emit(w.fp, w.site, msg, [
                    (g.fp, g.site, f"writes {g.map_text} here holding {lock_words(g.locked)}"),
                    (w.fp, w.site, f"writes {w.map_text} here with no lock held")])


def _read_locked_calls(pass_, writes: dict, out) -> None:
    """An exported method of a mutex-owning type that holds only a read lock around a
    call of a helper of the package writing one of the type's map fields (`c.mu.RLock();
    ... c.set(k, v)`): every reader writes at once, in the helper."""
    package = pass_.package
    types = {owner.partition(".")[0] for owner in writes}
    for (t, mname), decl in sorted(package.methods.items(), key=lambda kv: kv[0]):
        file = package.method_file(decl)
        if t not in types or not mname[:1].isupper() or file is None or file.path.endswith("_test.go") or \
                file.data.find(b"RLock()", decl.start_byte, decl.end_byte) < 0:
            continue
        fp = pass_.for_file(file)
        for r in writes_of(fp, decl, file):
            if not r.chain or not r.rlocked or r.locked or r.root != ("recv",) or r.owner not in writes:
                continue
            call = r.chain[0][1]
            line = fp.file.position(call.start_byte)[0]
            where = f"line {line}" if r.fp.file.abspath == file.abspath else f"{file.path}:{line}"
            msg = (f"concurrent map writes: {r.map_text} is written holding only {r.rlocked}.RLock(), which "
                   f"{mname} holds around its call of {r.chain[-1][2]} ({where}); a read lock is shared by every "
                   f"reader, so two of them write {r.owner} at once (fatal error: concurrent map writes)")
            out.emit(r.fp, r.site, msg, [(fp, call, f"{mname} calls {r.chain[0][2]} here holding only "
                                                    f"{r.rlocked}.RLock()"),
                                         (r.fp, r.site, f"writes {r.map_text} here")])


def _foreign(pass_, owner: str, writes: list[MapWrite], g: MapWrite, out) -> None:
    """Writes holding a lock, but not the one that guards the field: the function takes a
    lock, so it runs beside others, and they hold another (RacerD's lock pairing)."""
    for w in writes:
        fn = w.func
        name = fn.child_by_field_name("name")
        if w.fp.file.path.endswith("_test.go") or name is not None and w.fp.text(name) in SET_UP or \
                before_shared(w.fp, fn):
            continue
        if fn.type != "func_literal" and callers_lock(pass_, fn, w.fp.file):
            continue  # its callers hold a lock as well
        gline = g.fp.file.position(g.site.start_byte)[0]
        where = "" if g.fp.file.abspath == w.fp.file.abspath else f"{g.fp.file.path}:"
        msg = (f"concurrent map writes: {w.map_text} is written holding {lock_words(w.locked)}, which does not "
               f"guard it: it is written under {lock_words(g.locked)} at {where}{gline}, and the two locks do "
               f"not exclude each other (fatal error: concurrent map writes)")
        out.emit(w.fp, w.site, msg, [
            (g.fp, g.site, f"writes {g.map_text} here holding {lock_words(g.locked)}"),
            (w.fp, w.site, f"writes {w.map_text} here holding only {lock_words(w.locked)}")])


# Methods that set a value up before it is handed to other goroutines, by convention:
# Init/Setup, caddy's Provision, and the like.
SET_UP = frozenset({"Init", "Initialize", "Setup", "SetUp", "Configure", "Provision", "init", "setup", "initialize"})


def lock_words(lock: str) -> str:
    return lock if lock.startswith("(") else f"{lock}.Lock()"


def _entered_locked(pass_, w: MapWrite) -> str | None:
    """How the function holding an unlocked write is entered: "" when some goroutine
    can run it with no lock held, a lock's text when every caller holds one, None when
    the package shows no unlocked way in (a callback, a helper of constructors only,
    a test's set-up)."""
    fn = w.func
    if w.rlocked:  # callers of an exported method may be any number of goroutines at once
        name = fn.child_by_field_name("name")
        return "" if name is not None and w.fp.text(name)[:1].isupper() and \
            not w.fp.file.path.endswith("_test.go") else None
    if fn.type == "func_literal":
        return "" if goroutine_body(w.fp, fn) else None
    if w.fp.file.path.endswith("_test.go") or w.root != ("recv",) or len(w.path) != 1:
        return None  # a method of the type writing its own field: another type's helper is not paired
    name = fn.child_by_field_name("name")
    if name is not None and w.fp.text(name) in SET_UP or before_shared(w.fp, fn):
        return None  # runs before the value is shared
    lock = callers_lock(pass_, fn, w.fp.file)
    if lock is None:
        name = fn.child_by_field_name("name")
        return "" if name is not None and w.fp.text(name)[:1].isupper() else None
    return lock


