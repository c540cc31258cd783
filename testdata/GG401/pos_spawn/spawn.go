// Package spawn starts goroutines from helpers that a loop calls.
package spawn

import "sync"

type Job struct {
	ID   int
	Text string
}

type Runner struct {
	wg      sync.WaitGroup
	lengths map[int]int
}

func NewRunner() *Runner { return &Runner{lengths: map[int]int{}} }

// dispatch starts one goroutine and returns at once.
func (r *Runner) dispatch(j Job) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		r.lengths[j.ID] = len(j.Text) // want `concurrent map writes: r.lengths is written by every goroutine that dispatch starts`
	}()
}

// RunAll calls dispatch once per job, then waits for them all.
func (r *Runner) RunAll(jobs []Job) {
	for _, j := range jobs {
		r.dispatch(j)
	}
	r.wg.Wait()
}

var hits = map[string]int{}

func touch(k string) {
	go func() {
		hits[k]++ // want `concurrent map writes: hits is written by every goroutine that touch starts`
	}()
}

func TouchAll(keys []string) {
	for _, k := range keys {
		touch(k)
	}
}
