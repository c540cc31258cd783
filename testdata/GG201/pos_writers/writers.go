// Package writers: a buffer emptied and written through a writer made over it,
// while an earlier view of it is kept.
package writers

import (
	"bufio"
	"bytes"
	"encoding/json"
)

// A bufio.Writer over the buffer writes it at Flush.
func lines(words []string) [][]byte {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	var out [][]byte
	for _, s := range words {
		b.Reset()
		w.WriteString(s)
		w.Flush()
		out = append(out, b.Bytes()) // want `b.Bytes\(\) appended to out is the buffer of b, and w.WriteString\(s\) writes over it once emptied on the next iteration`
	}
	return out
}

// An encoder made and used at once.
func encoded(vals []int) map[int][]byte {
	var b bytes.Buffer
	m := map[int][]byte{}
	for _, v := range vals {
		b.Reset()
		_ = json.NewEncoder(&b).Encode(v)
		m[v] = b.Bytes() // want `b.Bytes\(\) stored in m\[v\] is the buffer of b, and json.NewEncoder\(&b\).Encode\(v\) writes over it once emptied on the next iteration`
	}
	return m
}
