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

// The handler records each visit on a goroutine it starts and does not wait for:
// every request starts one, and they write the server's map at once.
type visits struct {
	byPath map[string]int
}

func (v *visits) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	go func() {
		for i := 0; i < 10_000; i++ {
			v.byPath[fmt.Sprint(r.URL.Path, i%64)]++ // want `concurrent map writes: v.byPath is written by every goroutine that the handler starts for a request`
		}
	}()
	w.WriteHeader(http.StatusAccepted)
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, &visits{byPath: map[string]int{}}) //nolint:errcheck
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
