package main

import "fmt"

type Producer interface {
	RequestCounts() map[string]int
}

type httpProducer struct{ counts map[string]int }

func (h *httpProducer) RequestCounts() map[string]int { return h.counts }

type fileProducer struct{}

// RequestCounts returns an empty map.
func (fileProducer) RequestCounts() map[string]int { return map[string]int{} }

func report(p Producer, total int) map[string]int {
	counts := p.RequestCounts()
	counts["tot"] = total
	return counts
}

func main() {
	fmt.Println(report(&httpProducer{counts: map[string]int{}}, 1))
	fmt.Println(report(fileProducer{}, 2))
}
