package precision

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// safe: a test server driven by one sequential client sees one request at a time
func TestSequentialClient(t *testing.T) {
	seen := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen[r.URL.Path] = true
	}))
	defer srv.Close()
	for _, p := range []string{"/a", "/b"} {
		resp, err := http.Get(srv.URL + p)
		if err == nil {
			resp.Body.Close()
		}
	}
}
