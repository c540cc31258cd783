// panics: assignment to entry in nil map
package main

import "fmt"

type Producer interface {
	RequestCounts() map[string]int
}

type httpProducer struct{ counts map[string]int }

func (h *httpProducer) RequestCounts() map[string]int { return h.counts }

type fileProducer struct{}

// RequestCounts has nothing to count.
func (fileProducer) RequestCounts() map[string]int { return nil }

func report(p Producer, total int) map[string]int {
	counts := p.RequestCounts()
	counts["tot"] = total // want `nil map "counts"`
	return counts
}

func main() {
	fmt.Println(report(&httpProducer{counts: map[string]int{}}, 1))
	fmt.Println(report(fileProducer{}, 2))
}
