// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"sync"
)

var hits = map[string]int{}

// A handler that counts requests in a package map with no lock: the server runs it
// for concurrent requests at once, and the process dies.
func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 10_000; i++ {
			hits[fmt.Sprint(r.URL.Path, i%64)]++ // want `concurrent map writes: hits is written by every goroutine that serves a request`
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, mux) //nolint:errcheck
	var wg sync.WaitGroup
	for c := 0; c < 16; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				resp, err := http.Get(fmt.Sprintf("http://%s/p%d", ln.Addr(), c))
				if err != nil {
					continue
				}
				io.Copy(io.Discard, resp.Body) //nolint:errcheck
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	fmt.Println("no crash")
}
