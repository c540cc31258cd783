"""Libraries that run code on goroutines of their own, and the sync primitives.

Each row is keyed by import path and name. A handler handed to a server runs once per
request, each request on its own goroutine; so does each RPC of a gRPC service and
each scrape of a Prometheus collector. The facts of goguard/facts/concurrency.py read
these rows to find a package's concurrent entry points.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HandlerCall:
    """`path.name(..., h, ...)` (a function of the package at `path`) or, with
    `method`, `x.name(..., h, ...)` in a file that imports `path`: h, the argument at
    `arg` (counted from 0, with `args` arguments in all), is served concurrently."""

    path: str
    name: str
    arg: int
    args: int
    method: bool = False
    service: bool = False  # h is a service: each of its type's exported methods is served


HANDLER_CALLS: tuple[HandlerCall, ...] = (
    # net/http: "Serve accepts incoming HTTP connections on the listener l, creating a new
    # service goroutine for each. The service goroutines read requests and then call
    # handler to reply to them." ListenAndServe(addr, handler) and the TLS forms call Serve.
    HandlerCall("net/http", "ListenAndServe", 1, 2),
    HandlerCall("net/http", "ListenAndServeTLS", 3, 4),
    HandlerCall("net/http", "Serve", 1, 2),
    HandlerCall("net/http", "ServeTLS", 1, 4),
    # net/http: ServeMux.Handle / http.Handle "registers the handler for the given pattern"
    # on a mux whose ServeHTTP the server calls for every request.
    HandlerCall("net/http", "Handle", 1, 2),
    HandlerCall("net/http", "Handle", 1, 2, method=True),
    # github.com/gorilla/mux: Router.Handle(path, handler) (pkg.go.dev/github.com/gorilla/mux).
    HandlerCall("github.com/gorilla/mux", "Handle", 1, 2, method=True),
    # github.com/go-chi/chi: Router.Handle / Mount / Method (pkg.go.dev/github.com/go-chi/chi/v5#Router).
    HandlerCall("github.com/go-chi/chi/v5", "Handle", 1, 2, method=True),
    HandlerCall("github.com/go-chi/chi/v5", "Mount", 1, 2, method=True),
    HandlerCall("github.com/go-chi/chi/v5", "Method", 2, 3, method=True),
    HandlerCall("github.com/go-chi/chi", "Handle", 1, 2, method=True),
    HandlerCall("github.com/go-chi/chi", "Mount", 1, 2, method=True),
    # github.com/julienschmidt/httprouter: Router.Handler(method, path, handler).
    HandlerCall("github.com/julienschmidt/httprouter", "Handler", 2, 3, method=True),
    # net/rpc: Register / RegisterName publish the receiver's exported methods, and
    # Server.ServeCodec runs each request on a goroutine of its own (`go service.call(...)`
    # in net/rpc/server.go): the methods of one receiver run at once.
    HandlerCall("net/rpc", "Register", 0, 1, service=True),
    HandlerCall("net/rpc", "RegisterName", 1, 2, service=True),
    HandlerCall("net/rpc", "Register", 0, 1, method=True, service=True),
    HandlerCall("net/rpc", "RegisterName", 1, 2, method=True, service=True),
)


@dataclass(frozen=True)
class HandlerField:
    """A field of a struct of `path` that holds the handler its server calls, as in
    `&http.Server{Handler: h}`."""

    path: str
    type: str
    field: str


HANDLER_FIELDS: tuple[HandlerField, ...] = (
    # net/http: Server.Handler, "handler to invoke, http.DefaultServeMux if nil", called
    # on the service goroutine of each connection (see Serve above).
    HandlerField("net/http", "Server", "Handler"),
    # golang.org/x/net/http2: ServeConnOpts.Handler, "the http.Handler to serve", once per stream.
    HandlerField("golang.org/x/net/http2", "ServeConnOpts", "Handler"),
)


@dataclass(frozen=True)
class HandlerSignature:
    """A function whose parameters are exactly these types (import path, type as
    written after the package name) is a request handler of that library: handed to
    any call, it is registered and served concurrently."""

    params: tuple[tuple[str, str], ...]


HANDLER_SIGNATURES: tuple[HandlerSignature, ...] = (
    # net/http: HandlerFunc is func(ResponseWriter, *Request).
    HandlerSignature((("net/http", "ResponseWriter"), ("net/http", "*Request"))),
    # gin: HandlerFunc is func(*gin.Context); the engine serves through net/http.
    HandlerSignature((("github.com/gin-gonic/gin", "*Context"),)),
    # echo: HandlerFunc is func(echo.Context) error.
    HandlerSignature((("github.com/labstack/echo/v4", "Context"),)),
    HandlerSignature((("github.com/labstack/echo", "Context"),)),
    # fiber: Handler is func(*fiber.Ctx) error; fasthttp serves each connection on a worker goroutine.
    HandlerSignature((("github.com/gofiber/fiber/v2", "*Ctx"),)),
    # fasthttp: RequestHandler is func(ctx *RequestCtx), "must be safe for concurrent use".
    HandlerSignature((("github.com/valyala/fasthttp", "*RequestCtx"),)),
)

# gRPC: generated `RegisterFooServer(s grpc.ServiceRegistrar, srv FooServer)`; grpc-go
# serves each RPC on its own goroutine ("each RPC handler ... is called in its own
# goroutine", google.golang.org/grpc/Documentation/concurrency.md). Every exported
# method of srv's type is an entry point.
GRPC_REGISTER_PREFIX = "Register"
GRPC_REGISTER_SUFFIX = "Server"

# Prometheus: Collector.Collect(chan<- Metric) "is called by the Prometheus registry
# when collecting metrics ... may be called concurrently and must therefore be
# implemented in a concurrency safe way" (client_golang/prometheus/collector.go).
COLLECTOR_PATH = "github.com/prometheus/client_golang/prometheus"
COLLECTOR_METHOD = "Collect"


@dataclass(frozen=True)
class Decoder:
    """`path.name(..., &m, ...)` writes into the map whose address is argument `arg`; with
    `address` False the argument is the map itself (`maps.Copy(dst, src)`); with `method`,
    the call is that method of what `path.name(...)` returns (`json.NewDecoder(r).Decode(&m)`)."""

    path: str
    name: str
    arg: int
    address: bool = True
    method: str = ""


DECODERS: tuple[Decoder, ...] = (
    # encoding/json.Unmarshal: "To unmarshal a JSON object into a map, Unmarshal first
    # establishes a map to use. If the map is nil, Unmarshal allocates a new map.
    # Otherwise Unmarshal reuses the existing map, keeping existing entries."
    Decoder("encoding/json", "Unmarshal", 1),
    # (*json.Decoder).Decode: "stores it in the value pointed to by v. See the
    # documentation for Unmarshal for details".
    Decoder("encoding/json", "NewDecoder", 0, method="Decode"),
    # gopkg.in/yaml.v2 / v3 and sigs.k8s.io/yaml: Unmarshal decodes into maps the same way.
    Decoder("gopkg.in/yaml.v2", "Unmarshal", 1),
    Decoder("gopkg.in/yaml.v3", "Unmarshal", 1),
    Decoder("sigs.k8s.io/yaml", "Unmarshal", 1),
    # yaml.v2 / v3 (*Decoder).Decode: "See the documentation for Unmarshal for details".
    Decoder("gopkg.in/yaml.v2", "NewDecoder", 0, method="Decode"),
    Decoder("gopkg.in/yaml.v3", "NewDecoder", 0, method="Decode"),
    # github.com/BurntSushi/toml.Unmarshal(data, v).
    Decoder("github.com/BurntSushi/toml", "Unmarshal", 1),
    # maps (pkg.go.dev/maps): "Copy copies all key/value pairs in src adding them to
    # dst"; "DeleteFunc deletes any key/value pairs from m for which del returns true".
    Decoder("maps", "Copy", 0, address=False),
    Decoder("maps", "DeleteFunc", 0, address=False),
    # golang.org/x/exp/maps: Copy and DeleteFunc as above; "Clear removes all entries from m".
    Decoder("golang.org/x/exp/maps", "Copy", 0, address=False),
    Decoder("golang.org/x/exp/maps", "DeleteFunc", 0, address=False),
    Decoder("golang.org/x/exp/maps", "Clear", 0, address=False),
)

# sync: Mutex and RWMutex (pkg.go.dev/sync). A struct that owns one announces that its
# values are shared between goroutines (the observation Infer's RacerD builds on).
MUTEX_TYPES: frozenset[tuple[str, str]] = frozenset({("sync", "Mutex"), ("sync", "RWMutex")})
# Lock methods: Lock/Unlock take and drop the write lock; RLock/RUnlock a read lock,
# which "can be held by an arbitrary number of readers", so it does not exclude a write
# made by another holder of the read lock.
WRITE_LOCK, WRITE_UNLOCK, READ_LOCK, READ_UNLOCK = "Lock", "Unlock", "RLock", "RUnlock"
