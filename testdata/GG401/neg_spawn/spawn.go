// Package spawn starts goroutines from helpers that a loop calls, kept apart.
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
		r.lengths[j.ID] = len(j.Text)
	}()
}

// safe: the loop waits for each dispatched goroutine before the next
func (r *Runner) RunEach(jobs []Job) {
	for _, j := range jobs {
		r.dispatch(j)
		r.wg.Wait()
	}
}

// safe: each iteration dispatches on a runner of its own
func RunSeparately(jobs []Job) []*Runner {
	var out []*Runner
	for _, j := range jobs {
		r := NewRunner()
		r.dispatch(j)
		out = append(out, r)
	}
	return out
}
