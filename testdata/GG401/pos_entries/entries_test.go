package entries

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Parallel subtests share one test server: its handler serves them at once.
func TestParallelClients(t *testing.T) {
	seen := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen[r.URL.Path] = true // want `concurrent map writes: seen is written by every goroutine that serves a request`
	}))
	defer srv.Close()
	for _, p := range []string{"/a", "/b", "/c"} {
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			resp, err := http.Get(srv.URL + p)
			if err == nil {
				resp.Body.Close()
			}
		})
	}
}
