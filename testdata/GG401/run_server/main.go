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

// sessions hands out tickets from its ServeHTTP; the server serves each connection on
// its own goroutine, so concurrent clients write the map at once.
type sessions struct {
	tickets map[string]int
}

func (s *sessions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 20_000; i++ {
		s.tickets[fmt.Sprint(r.URL.Path, i%128)] = i // want `concurrent map writes: s.tickets is written by every goroutine that serves a request`
	}
	io.WriteString(w, "ok") //nolint:errcheck
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	s := &sessions{tickets: map[string]int{}}
	srv := &http.Server{Handler: s}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go srv.Serve(ln) //nolint:errcheck
	var wg sync.WaitGroup
	for c := 0; c < 16; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				resp, err := http.Get(fmt.Sprintf("http://%s/c%d", ln.Addr(), c))
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
