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

type counters struct {
	hits map[string]int
}

// counter makes a handler: the literal it returns writes the one counters map for
// every request of every route it is registered for.
func (c *counters) counter(route string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 10_000; i++ {
			c.hits[fmt.Sprint(route, i%64)]++ // want `concurrent map writes: c.hits is written by every goroutine that serves a request`
		}
	}
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	c := &counters{hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.Handle("/a", c.counter("a"))
	mux.Handle("/b", c.counter("b"))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, mux) //nolint:errcheck
	var wg sync.WaitGroup
	for n := 0; n < 16; n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				resp, err := http.Get(fmt.Sprintf("http://%s/%c", ln.Addr(), 'a'+n%2))
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
