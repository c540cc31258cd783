package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
)

// The same server with the map behind the type's mutex: concurrent clients are safe.
type sessions struct {
	mu      sync.Mutex
	tickets map[string]int
}

func (s *sessions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 2_000; i++ {
		s.mu.Lock()
		s.tickets[fmt.Sprint(r.URL.Path, i%128)] = i
		s.mu.Unlock()
	}
	io.WriteString(w, "ok") //nolint:errcheck
}

func main() {
	s := &sessions{tickets: map[string]int{}}
	srv := &http.Server{Handler: s}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go srv.Serve(ln) //nolint:errcheck
	var wg sync.WaitGroup
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
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
	fmt.Println(len(s.tickets))
}
