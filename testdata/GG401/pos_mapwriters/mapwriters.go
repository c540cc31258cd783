// Package mapwriters writes shared maps through library functions that write the map
// they are handed: maps.Copy, maps.DeleteFunc and a JSON decoder's Decode.
package mapwriters

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"sync"
)

// Labels merges each request's labels into the server's map.
type Labels struct {
	all map[string]string
}

func (l *Labels) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	maps.Copy(l.all, map[string]string{"path": r.URL.Path}) // want `concurrent map writes: l.all is written by every goroutine that serves a request`
}

func ServeLabels() error { return http.ListenAndServe(":8080", &Labels{all: map[string]string{}}) }

// Prune drops empty entries from one map in a goroutine per batch.
func Prune(m map[string]string, batches int) {
	var wg sync.WaitGroup
	for i := 0; i < batches; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			maps.DeleteFunc(m, func(k, v string) bool { return v == "" }) // want `concurrent map writes: m is written by every goroutine this loop starts`
		}()
	}
	wg.Wait()
}

// DecodeAll decodes every body into one settings map, a goroutine per body.
func DecodeAll(bodies []io.Reader) map[string]any {
	settings := map[string]any{}
	var wg sync.WaitGroup
	for _, b := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = json.NewDecoder(b).Decode(&settings) // want `concurrent map writes: settings is written by every goroutine this loop starts`
		}()
	}
	wg.Wait()
	return settings
}

// Tags is a named map type.
type Tags map[string]string

type Job struct {
	Name string
	tags Tags
}

// Check makes the map only when it has none: otherwise it writes the one every copy shares.
func (j Job) Check(extra Tags) bool {
	if j.tags == nil {
		j.tags = Tags{}
	}
	maps.Copy(j.tags, extra) // want `concurrent map writes: j.tags is written by every goroutine this loop starts`
	return len(j.tags) > 0
}

// CheckAll checks one job from many goroutines.
func CheckAll(j Job, extras []Tags) {
	var wg sync.WaitGroup
	for _, e := range extras {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = j.Check(e)
		}()
	}
	wg.Wait()
}

// Profile decodes each request's body into the server's one settings map.
type Profile struct {
	settings map[string]string
}

func (p *Profile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(&p.settings); err != nil { // want `concurrent map writes: p.settings is written by every goroutine that serves a request`
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

func ServeProfile() error { return http.ListenAndServe(":8081", &Profile{settings: map[string]string{}}) }
