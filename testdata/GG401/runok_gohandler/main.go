package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
)

// The handler's goroutine writes a map the request made, and the handler waits for it.
type visits struct{}

func (v *visits) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	byPath := map[string]int{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 1_000; i++ {
			byPath[fmt.Sprint(r.URL.Path, i%64)]++
		}
	}()
	<-done
	w.WriteHeader(200 + len(byPath)%2)
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, &visits{}) //nolint:errcheck
	var wg sync.WaitGroup
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
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
	fmt.Println("ok")
}
