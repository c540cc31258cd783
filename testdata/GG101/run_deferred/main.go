// panics: assignment to entry in nil map
package main

import "fmt"

// A deferred closure records a metric into a map that was never made.
func main() {
	var metrics map[string]int
	defer func() {
		metrics["requests_total"]++ // want "nil map \"metrics\""
	}()
	fmt.Println("serving one request")
}
