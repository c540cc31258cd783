package entries

import (
	"encoding/json"
	"net/http"
	"sync"
)

// GreeterServer is a service of the shape protoc-gen-go-grpc generates.
type GreeterServer interface {
	Hello(name string) string
}

type registrar struct{}

// RegisterGreeterServer stands for the generated registration: the server calls the
// service's methods for concurrent RPCs, each on its own goroutine.
func RegisterGreeterServer(r *registrar, srv GreeterServer) {}

type greeter struct {
	seen map[string]int
}

// An RPC method counts callers in the service's map with no lock.
func (g *greeter) Hello(name string) string {
	g.seen[name]++ // want `concurrent map writes: g.seen is written by every goroutine that serves a request`
	return name
}

func serveRPC() {
	RegisterGreeterServer(&registrar{}, &greeter{seen: map[string]int{}})
}

type hits struct {
	byPath map[string]int
}

// A handler value handed to ListenAndServe: its ServeHTTP serves every request.
func (h *hits) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.byPath[r.URL.Path]++ // want `concurrent map writes: h.byPath is written by every goroutine that serves a request`
}

func serveHTTP() error {
	return http.ListenAndServe("127.0.0.1:8080", &hits{byPath: map[string]int{}})
}

var agents = map[string]string{}

func route(pattern string, h func(http.ResponseWriter, *http.Request)) {}

// A function with a handler's parameters handed to a router of the package.
func routes() {
	route("/ua", func(w http.ResponseWriter, r *http.Request) {
		agents[r.RemoteAddr] = r.UserAgent() // want `concurrent map writes: agents is written by every goroutine that serves a request`
	})
}

// Goroutines decoding into one map: json.Unmarshal writes into the map it is handed.
func decodeAll(docs [][]byte) map[string]any {
	merged := map[string]any{}
	var wg sync.WaitGroup
	for _, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = json.Unmarshal(d, &merged) // want `concurrent map writes: merged is written by every goroutine this loop starts`
		}()
	}
	wg.Wait()
	return merged
}

var _, _, _, _ = serveRPC, serveHTTP, routes, decodeAll
