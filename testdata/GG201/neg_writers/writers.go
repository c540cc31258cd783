// Package writers: buffers written through an encoder made over them, where no
// stored view of the buffer is overwritten.
package writers

import (
	"bytes"
	"encoding/json"
	"io"
)

// safe: the buffer is never emptied; the encoder only appends after what was kept
// (a grown buffer moves to a new array and leaves the old one as it was).
func stream(vals []int) [][]byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	var marks [][]byte
	for _, v := range vals {
		if err := enc.Encode(v); err != nil {
			break
		}
		marks = append(marks, b.Bytes())
	}
	return marks
}

// safe: the encoder writes another buffer than the one whose bytes are kept, which
// nothing writes after it is emptied.
func twoBuffers(vals []int, w io.Writer) [][]byte {
	var scratch, b bytes.Buffer
	enc := json.NewEncoder(&scratch)
	var out [][]byte
	for _, v := range vals {
		b.Reset()
		scratch.Reset()
		if err := enc.Encode(v); err != nil {
			break
		}
		w.Write(scratch.Bytes())
		out = append(out, b.Bytes())
	}
	return out
}

// safe: a new buffer and encoder for every value.
func fresh(vals []int) [][]byte {
	var out [][]byte
	for _, v := range vals {
		var b bytes.Buffer
		if err := json.NewEncoder(&b).Encode(v); err != nil {
			break
		}
		out = append(out, b.Bytes())
	}
	return out
}
