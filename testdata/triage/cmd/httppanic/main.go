// Command httppanic serves one request whose handler writes a nil map: net/http
// recovers the panic and logs it, the process lives on.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"example.com/shop/store"
)

func main() {
	c := store.New()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.Put(r.URL.Path, nil)
		fmt.Fprintln(w, "ok")
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/x")
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
