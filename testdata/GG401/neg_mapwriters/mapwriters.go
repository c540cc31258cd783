// Package mapwriters writes maps through library functions, each map owned by one
// goroutine or guarded by a lock.
package mapwriters

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"sync"
)

type Labels struct {
	mu  sync.Mutex
	all map[string]string
}

// safe: maps.Copy holding the value's lock
func (l *Labels) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	maps.Copy(l.all, map[string]string{"path": r.URL.Path})
}

func ServeLabels() error { return http.ListenAndServe(":8080", &Labels{all: map[string]string{}}) }

// safe: each goroutine copies into a map of its own; the results are merged after Wait
func MergeAll(parts []map[string]string) map[string]string {
	out := make([]map[string]string, len(parts))
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := map[string]string{}
			maps.Copy(mine, p)
			out[i] = mine
		}()
	}
	wg.Wait()
	all := map[string]string{}
	for _, m := range out {
		maps.Copy(all, m)
	}
	return all
}

// safe: each goroutine decodes into its own map; the decoder only reads the shared one
func DecodeEach(bodies []io.Reader, defaults map[string]any) []map[string]any {
	out := make([]map[string]any, len(bodies))
	var wg sync.WaitGroup
	for i, b := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := map[string]any{}
			_ = json.NewDecoder(b).Decode(&v)
			for k, d := range defaults {
				if _, ok := v[k]; !ok {
					v[k] = d
				}
			}
			out[i] = v
		}()
	}
	wg.Wait()
	return out
}

// Tags is a named map type.
type Tags map[string]string

type Job struct {
	Name string
	tags Tags
}

// Check fills the tags of its own copy of the job, in a map it has just made.
func (j Job) Check(extra Tags) bool {
	if len(extra) > 0 {
		j.tags = Tags{}
		maps.Copy(j.tags, extra)
		j.tags["job"] = j.Name
	}
	return len(j.tags) > 0
}

// safe: each goroutine's Check writes a map that Check has just made
func CheckAll(jobs []*Job, extra Tags) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = j.Check(extra)
		}()
	}
	wg.Wait()
}

type Profile struct {
	mu       sync.Mutex
	settings map[string]string
}

// safe: the request's body is decoded into a map of the request, merged under the lock
func (p *Profile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var got map[string]string
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(&got); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	maps.Copy(p.settings, got)
}

func ServeProfile() error { return http.ListenAndServe(":8081", &Profile{settings: map[string]string{}}) }
