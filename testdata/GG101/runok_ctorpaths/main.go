package main

import "fmt"

type Descriptor struct {
	Streams   []int64
	Ambiguous map[int64][]string
}

// NewDescriptor makes the map on every path.
func NewDescriptor(stream int64, labels []string) *Descriptor {
	d := &Descriptor{Streams: []int64{stream}, Ambiguous: map[int64][]string{}}
	if len(labels) > 0 {
		d.Ambiguous[stream] = labels
	}
	return d
}

func (d *Descriptor) Merge(stream int64, labels []string) {
	d.Streams = append(d.Streams, stream)
	if len(labels) == 0 {
		return
	}
	d.Ambiguous[stream] = labels
}

func main() {
	d := NewDescriptor(1, nil)
	d.Merge(2, []string{"app"})
	fmt.Println(d.Streams, len(d.Ambiguous))
}
