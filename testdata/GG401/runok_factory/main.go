package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
)

type counters struct {
	mu   sync.Mutex
	hits map[string]int
}

// counter makes a handler whose literal locks around its writes.
func (c *counters) counter(route string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		defer c.mu.Unlock()
		for i := 0; i < 1_000; i++ {
			c.hits[fmt.Sprint(route, i%64)]++
		}
	}
}

func main() {
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
	for n := 0; n < 8; n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
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
	fmt.Println(len(c.hits))
}
