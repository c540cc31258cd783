// panics: assignment to entry in nil map
package main

import "fmt"

// Descriptor groups the streams of a section.
type Descriptor struct {
	Streams   []int64
	Ambiguous map[int64][]string
}

// NewDescriptor makes the map only when the first stream has ambiguous labels.
func NewDescriptor(stream int64, labels []string) *Descriptor {
	d := &Descriptor{Streams: []int64{stream}}
	if len(labels) > 0 {
		d.Ambiguous = map[int64][]string{stream: labels}
	}
	return d
}

// Merge adds a stream; its labels go into the map the constructor may have left nil.
func (d *Descriptor) Merge(stream int64, labels []string) {
	d.Streams = append(d.Streams, stream)
	if len(labels) == 0 {
		return
	}
	d.Ambiguous[stream] = labels // want `nil map "d.Ambiguous"`
}

func main() {
	d := NewDescriptor(1, nil)
	d.Merge(2, []string{"app"})
	fmt.Println(d.Streams)
}
