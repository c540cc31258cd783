// Package callees: functions and methods that copy what they keep, or keep it only
// as long as the caller's own value lives.
package callees

import (
	"bufio"
	"bytes"
	"fmt"
	"sync"
)

type item struct {
	name []byte
}

// Write keeps a copy of p.
func (it *item) Write(p []byte) (int, error) {
	it.name = bytes.Clone(p)
	return len(p), nil
}

type parsed struct {
	key []byte
}

// Parse keeps a window of p in its receiver: zero-copy parsing.
func (r *parsed) Parse(p []byte) {
	r.key = p[:1]
}

// safe: Write copies the bytes it keeps.
func load(sc *bufio.Scanner) []item {
	var out []item
	for sc.Scan() {
		var it item
		it.Write(sc.Bytes())
		out = append(out, it)
	}
	return out
}

// safe: the parsed value lives for one iteration; only a string copy of it is kept.
func keys(sc *bufio.Scanner) []string {
	var out []string
	for sc.Scan() {
		var r parsed
		r.Parse(sc.Bytes())
		out = append(out, string(r.key))
	}
	return out
}

type printer struct {
	linePtr *int
	line    int
}

// recordLine keeps the pointer to write the line number through it later.
func (p *printer) recordLine(linePtr *int) {
	p.linePtr = linePtr
}

func (p *printer) flush() {
	if p.linePtr != nil {
		*p.linePtr = p.line
		p.linePtr = nil
	}
}

// safe: an out-parameter: the printer writes through the pointer it keeps.
func (p *printer) stmts(list []string) {
	var line int
	for _, s := range list {
		p.recordLine(&line)
		p.line += len(s)
		p.flush()
		line++
		fmt.Println(line)
	}
}

type cycle struct {
	n int
}

type metrics struct {
	last *cycle
}

// setCycle keeps a copy: its parameter is replaced before it is stored.
func (m *metrics) setCycle(c *cycle) {
	if c != nil {
		c2 := *c
		c = &c2
	}
	m.last = c
}

// safe: setCycle stores a pointer to its own copy.
func (m *metrics) run(rounds int) {
	var c cycle
	for i := 0; i < rounds; i++ {
		c.n++
		m.setCycle(&c)
	}
}

// fanOut hands the bytes to goroutines and waits for them all before it returns.
func fanOut(data []byte, sinks []func([]byte)) {
	var wg sync.WaitGroup
	for _, sink := range sinks {
		wg.Add(1)
		go func(f func([]byte)) {
			defer wg.Done()
			f(data)
		}(sink)
	}
	wg.Wait()
}

// safe: fanOut is done with the line when it returns, before the next Scan.
func broadcast(sc *bufio.Scanner, sinks []func([]byte)) {
	for sc.Scan() {
		fanOut(sc.Bytes(), sinks)
	}
}
