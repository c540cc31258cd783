"""The synchronisation types of the standard library whose methods dereference their
pointer receiver: a nil `*sync.Mutex` panics on `Lock` ("invalid memory address or
nil pointer dereference"), as do the methods of RWMutex, WaitGroup, Once and Cond
(sync package documentation: "A Mutex must not be copied after first use"; the
methods take pointer receivers and read the receiver's state).

TYPES: (import path, type name) -> the methods that dereference the receiver.
"""

from __future__ import annotations

TYPES: dict[tuple[str, str], frozenset] = {
    ("sync", "Mutex"): frozenset(("Lock", "Unlock", "TryLock")),
    ("sync", "RWMutex"): frozenset(("Lock", "Unlock", "RLock", "RUnlock", "TryLock", "TryRLock", "RLocker")),
    ("sync", "WaitGroup"): frozenset(("Add", "Done", "Wait", "Go")),
    ("sync", "Once"): frozenset(("Do",)),
    ("sync", "Cond"): frozenset(("Wait", "Signal", "Broadcast")),
}


def sync_type(t) -> tuple[str, str] | None:
    """(import path, name) of a named sync type, else None."""
    if getattr(t, "kind", "") != "named":
        return None
    path, _, name = t.name.rpartition(".")
    return (path, name) if (path, name) in TYPES else None


def pointer_to_sync(t) -> bool:
    """Whether t is `*sync.Mutex` (or another type of TYPES)."""
    return getattr(t, "kind", "") == "pointer" and sync_type(t.elem) is not None


def dereferencing(t, method: str) -> bool:
    """Whether calling `method` on a value of type t (a pointer to a sync type)
    dereferences it."""
    if not pointer_to_sync(t):
        return False
    return method in TYPES[sync_type(t.elem)]
