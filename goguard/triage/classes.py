"""What each kind of Go crash means, which rules find its causes, and what no static
tool can find. docs/crash-to-fix.md is the same table for people; a test holds the
two together."""

from __future__ import annotations

import re
from dataclasses import dataclass

from goguard.triage.traces import Crash


@dataclass(frozen=True)
class CrashClass:
    name: str
    title: str
    rules: tuple[str, ...]  # the rules whose findings can explain it; () for none
    meaning: str
    causes: tuple[str, ...]
    beyond: str  # what no static tool can settle here

    def to_json(self) -> dict:
        return {"name": self.name, "title": self.title, "rules": list(self.rules), "meaning": self.meaning,
                "causes": list(self.causes), "beyond_static_analysis": self.beyond}


NIL_MAP = CrashClass(
    "nil-map-write", "assignment to entry in nil map", ("GG101",),
    "A map that was declared but never made (var m map[K]V, a struct field no constructor "
    "fills, a map returned nil on an error path) was written. Reads of a nil map are fine; "
    "writes panic.",
    ("a struct whose map field only some constructors make, or a struct literal that leaves it out",
     "a map made on one branch (if, switch, a lazy init) and written on another",
     "a function returning a nil map with its error, and the caller writing before it checks",
     "json.Unmarshal or a decoder into a struct whose map field the input did not mention"),
    "Which constructor built the value at run time, when several could have.")
NIL_DEREF = CrashClass(
    "nil-dereference", "invalid memory address or nil pointer dereference", ("GG102",),
    "A nil pointer was dereferenced (SIGSEGV with a small addr= is the offset of the field "
    "read). goguard's GG102 covers pointers to slices (*[]byte, often the value of a "
    "map[string]*[]byte); nil pointers to structs, nil interfaces and nil functions are not "
    "covered by any rule.",
    ("a map lookup of a missing key returning a nil *[]byte that is then appended to",
     "an error ignored, and the nil result of the same call used",
     "a struct pointer field never set, or set only on some paths",
     "a method called on a nil receiver that reads a field"),
    "Whether a pointer another package or the network hands over is nil.")
CONCURRENT_MAP = CrashClass(
    "concurrent-map-access", "concurrent map writes", ("GG401",),
    "Two goroutines wrote one map at once (or one read or iterated it while another wrote). "
    "This is a fatal error, not a panic: recover cannot stop it, the whole process ends.",
    ("goroutines started in a loop writing a map captured from outside it, without a mutex",
     "an HTTP handler writing a package-level or shared map (the server runs handlers concurrently)",
     "a goroutine writing a map the function that started it still reads or writes",
     "RLock taken where Lock was needed, or a lock that one path forgets"),
    "Interleavings across packages and dynamic calls: run the tests with -race as well.")
CHECKPTR = CrashClass(
    "checkptr", "checkptr: unsafe pointer misuse", ("GG301", "GG302", "GG303"),
    "With -race, -msan or -gcflags=all=-d=checkptr the runtime checks unsafe.Pointer "
    "conversions and arithmetic; this one produced a pointer or slice that runs outside the "
    "allocation it came from. Without checkptr the same code reads or writes other memory "
    "silently.",
    ("unsafe.Slice or a (*[N]T) conversion given a length past the end of the variable",
     "a reflect.SliceHeader or StringHeader built by hand, copied, or given Data arithmetic",
     "pointer arithmetic (unsafe.Add, uintptr) stepping past the object"),
    "Lengths that come from input at run time.")
UNSAFE_BOUNDS = CrashClass(
    "unsafe-bounds", "unsafe.Slice / unsafe.String panic", ("GG301",),
    "unsafe.Slice or unsafe.String was called with a negative or too large length, or a nil "
    "pointer with a length that is not zero.",
    ("a length computed by subtracting a header size from a shorter buffer",
     "a pointer left nil on some path, with a length from elsewhere",
     "&b[0] of an empty slice (use unsafe.SliceData(b))"),
    "Lengths that come from input at run time.")
FAULT = CrashClass(
    "fault", "unexpected fault address (SIGSEGV or SIGBUS outside Go's heap)", ("GG301", "GG302"),
    "A memory access faulted at an address that is not nil: memory that was never mapped, was "
    "unmapped, or (SIGBUS) an mmap'd file page past the file's end. Go never leaves pointers "
    "into dead stack frames or freed heap objects on its own; this comes from unsafe, mmap, "
    "cgo or assembly.",
    ("an mmap'd file truncated or replaced by another process while it is read (SIGBUS)",
     "unsafe.Slice or a slice header whose length runs past the end of an mmap or C buffer",
     "C memory freed (C.free, munmap) while Go still holds a slice of it"),
    "The size of a file or C buffer at run time; another process truncating a file.")
INDEX = CrashClass(
    "index-out-of-range", "index or slice bounds out of range", ("GG301",),
    "An index or slice expression was outside the slice, array or string. goguard reports one "
    "shape of it: &b[0] of a slice that can still be empty, handed to unsafe (GG301); other "
    "index errors are outside every rule.",
    ("an empty slice indexed at 0 (a missing argument, an empty response)",
     "an off-by-one on a length, or a length taken from input without a check",
     "a slice shared by goroutines and shrunk by one of them"),
    "Lengths of input and of values from other packages.")

def _other(name: str, title: str, meaning: str, *causes: str) -> CrashClass:
    return CrashClass(name, title, (), meaning, causes, "")


OTHER = {c.name: c for c in (
    _other("deadlock", "all goroutines are asleep",
           "Every goroutine is blocked (channel, lock, WaitGroup) and nothing can wake them.",
           "a channel send or receive with no partner", "a WaitGroup.Add without its Done",
           "a mutex locked twice"),
    _other("stack-overflow", "stack overflow",
           "A goroutine's stack passed its limit (1 GB on 64-bit): recursion that does not end.",
           "a method calling itself through a wrapper",
           "String() or MarshalJSON calling fmt/json on its own receiver"),
    _other("out-of-memory", "out of memory", "The runtime could not get memory from the system.",
           "unbounded growth of a map, cache or slice", "a huge allocation sized by input"),
    _other("sync-misuse", "sync misuse",
           "A sync primitive was used against its contract (unlock of an unlocked mutex, a negative "
           "WaitGroup counter).",
           "Unlock on a path that never locked", "Done called more often than Add"),
    _other("channel-misuse", "closed or nil channel",
           "A send on, or a close of, a closed channel, or a close of a nil channel.",
           "two goroutines closing one channel", "a send racing with close"),
    _other("arithmetic", "integer divide by zero", "An integer division or modulo by zero.",
           "a divisor from input or from an empty collection's length"),
    _other("interface-conversion", "interface conversion", "A type assertion without `, ok` failed.",
           "a value of another type stored under an interface (a map of any, a context value)"),
    _other("abort", "SIGABRT",
           "The process received SIGABRT: abort() in C code or a kill -ABRT. (GOTRACEBACK=crash also "
           "ends in SIGABRT, but prints the panic or fatal error first, and that is what is triaged.)",
           "a cgo library calling abort()", "an operator or supervisor sending SIGABRT"),
    _other("quit", "SIGQUIT",
           "The process received SIGQUIT (kill -QUIT or Ctrl-\\): a goroutine dump asked for from "
           "outside, not a bug in the code.",
           "an operator or supervisor asking for a dump"),
    _other("illegal-instruction", "SIGILL", "The CPU refused an instruction.",
           "a binary built for newer CPUs (GOAMD64=v3) run on an older one",
           "cgo or assembly code with a bad jump, or a corrupted binary", "a kill -ILL from outside"),
    _other("runtime-error", "another runtime error",
           "The runtime refused an operation (a make with a bad size, hashing an unhashable key, a "
           "nil function call, ...).",
           "a size or key type that only some inputs produce"),
    _other("fatal-error", "another fatal error",
           "The runtime stopped the process; recover cannot catch a fatal error.",
           "a runtime invariant broken by unsafe, cgo or a data race"),
    _other("explicit-panic", "a panic raised by the code",
           "The code (or a library) called panic with this value.",
           "an invariant the code itself checks", "a Must... helper given bad input"),
)}

_BY_MESSAGE: tuple[tuple[re.Pattern, CrashClass], ...] = (
    (re.compile(r"^assignment to entry in nil map$"), NIL_MAP),
    (re.compile(r"invalid memory address or nil pointer dereference"), NIL_DEREF),
    (re.compile(r"^concurrent map (writes|read and map write|iteration and map write)$"), CONCURRENT_MAP),
    (re.compile(r"^checkptr: "), CHECKPTR),
    (re.compile(r"^runtime error: unsafe\.(Slice|String|SliceData|StringData): |^unsafe\.(Slice|String): "),
     UNSAFE_BOUNDS),
    (re.compile(r"^fault$"), FAULT),
    (re.compile(r"^runtime error: (index out of range|slice bounds out of range)"), INDEX),
    (re.compile(r"^all goroutines are asleep"), OTHER["deadlock"]),
    (re.compile(r"^stack overflow$"), OTHER["stack-overflow"]),
    (re.compile(r"out of memory"), OTHER["out-of-memory"]),
    (re.compile(r"^sync: "), OTHER["sync-misuse"]),
    (re.compile(r"(send on|close of) (closed|nil) channel$"), OTHER["channel-misuse"]),
    (re.compile(r"^runtime error: integer divide by zero$"), OTHER["arithmetic"]),
    (re.compile(r"^interface conversion: "), OTHER["interface-conversion"]),
    (re.compile(r"^runtime error: "), OTHER["runtime-error"]),
)
_BY_SIGNAL = {"SIGABRT": OTHER["abort"], "SIGQUIT": OTHER["quit"], "SIGILL": OTHER["illegal-instruction"]}


def classify(crash: Crash) -> CrashClass:
    if crash.kind == "signal":
        return _BY_SIGNAL.get(crash.signal or "", CrashClass(
            "signal", crash.message, (), f"The process died of {crash.signal}.", (), ""))
    for pattern, cls in _BY_MESSAGE:
        if pattern.search(crash.message):
            return cls
    return OTHER["fatal-error" if crash.kind == "fatal error" else "explicit-panic"]


ALL: tuple[CrashClass, ...] = (NIL_MAP, NIL_DEREF, CONCURRENT_MAP, CHECKPTR, UNSAFE_BOUNDS, FAULT, INDEX,
                               *OTHER.values())
