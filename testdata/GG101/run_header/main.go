// panics: assignment to entry in nil map
package main

import (
	"fmt"
	"net/http"
)

// A zero http.Header filled by index instead of made with make(http.Header).
func main() {
	var h http.Header
	h["X-Request-Id"] = []string{"abc123"} // want "nil map \"h\""
	fmt.Println(h.Get("X-Request-Id"))
}
