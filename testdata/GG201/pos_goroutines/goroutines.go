// Package goroutines starts goroutines that read a variable or buffer which the
// launching loop writes again before they are done.
package goroutines

import (
	"io"
	"sync"
)

func process(b []byte) { _ = b }

type job struct{ id int }

func run(j *job) { _ = j }

// The goroutine reads buf while the next Read fills it.
func serve(r io.Reader, wg *sync.WaitGroup) {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err != nil {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(buf[:n]) // want `buf captured by a goroutine shares the array of buf, and r.Read\(buf\) reads into it on the next iteration`
		}()
	}
}

// A view handed as the goroutine's argument shares the array too.
func handle(r io.Reader) {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err != nil {
			return
		}
		go process(buf[:n]) // want `buf\[:n\] handed to a goroutine shares the array of buf`
	}
}

// &x handed to the goroutine.
func each(ids []int) {
	var j job
	for _, id := range ids {
		j.id = id
		go run(&j) // want `&j handed to a goroutine points to the one variable j`
	}
}
