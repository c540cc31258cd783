// Package waits holds launches whose launcher looks as if it waits but does not wait
// for the goroutine it started.
package waits

import (
	"log"
	"time"
)

// report logs a line: it waits for nothing.
func report(stage string, n int) {
	log.Printf("%s: %d", stage, n)
}

// A helper of the package that waits for nothing is not a wait.
func tally(words []string) map[string]int {
	seen := map[string]int{}
	for i, w := range words {
		go func() {
			seen[w]++ // want `concurrent map writes: seen is written by every goroutine this loop starts`
		}()
		report("queued", i)
	}
	return seen
}

// A select with a default polls: on the path through the default nothing waits.
func poll(paths []string) map[string]bool {
	ok := map[string]bool{}
	errs := make(chan error)
	for _, p := range paths {
		go func() {
			ok[p] = true // want `concurrent map writes: ok is written by every goroutine this loop starts`
			errs <- nil
		}()
		select {
		case err := <-errs:
			log.Print(err)
		default:
		}
	}
	return ok
}

// A channel whose capacity the function cannot see is not a lock: a caller may hand
// it one with many slots.
func limited(keys []int, slots chan struct{}) map[int]int {
	m := map[int]int{}
	for _, k := range keys {
		go func() {
			slots <- struct{}{}
			m[k] = k * k // want `concurrent map writes: m is written by every goroutine this loop starts`
			<-slots
		}()
	}
	return m
}

// A channel of one slot that the goroutine only fills after its write (a "first
// finisher" signal) guards nothing.
func first(ids []int) (map[int]bool, int) {
	done := map[int]bool{}
	winner := make(chan int, 1)
	for _, id := range ids {
		go func() {
			done[id] = true // want `concurrent map writes: done is written by every goroutine this loop starts`
			select {
			case winner <- id:
			default:
			}
		}()
	}
	return done, <-winner
}

// A job whose start gate is a field: the launcher writes after opening it, before
// the goroutine is done.
type job struct {
	start  chan struct{}
	finish chan struct{}
	marks  map[string]int
}

func (j *job) run(steps []string) {
	go func() {
		<-j.start
		for _, s := range steps {
			j.marks[s]++ // want `concurrent map writes: j.marks is written by the goroutine and by run after starting it`
		}
		close(j.finish)
	}()
	j.marks["queued"] = len(steps)
	close(j.start)
	j.marks["started"] = 1 // want `concurrent map writes: j.marks is written by run while the goroutine it started`
	<-j.finish
}

// A receive from a ticker waits for time, not for the goroutine.
func sample(probes []string, tick *time.Ticker) map[string]time.Time {
	at := map[string]time.Time{}
	for _, p := range probes {
		<-tick.C
		go func() {
			at[p] = time.Now() // want `concurrent map writes: at is written by every goroutine this loop starts`
		}()
	}
	return at
}

func newJob() *job {
	return &job{start: make(chan struct{}), finish: make(chan struct{}), marks: map[string]int{}}
}
