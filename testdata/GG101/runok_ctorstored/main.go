package main

import "fmt"

type Options struct {
	Trace bool
	Name  string
}

type Recorder struct {
	opts  Options
	spans map[string]int64
}

func NewRecorder(opts Options) *Recorder {
	r := &Recorder{opts: opts}
	if opts.Trace {
		r.spans = make(map[string]int64)
	}
	return r
}

func (r *Recorder) Record(name string, d int64) {
	if !r.opts.Trace {
		return
	}
	r.spans[name] += d
}

func main() {
	for _, trace := range []bool{false, true} {
		r := NewRecorder(Options{Trace: trace, Name: "x"})
		r.Record("load", 3)
		fmt.Println(r.opts.Name, len(r.spans))
	}
}
