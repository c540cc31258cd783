// Package posdecoded holds maps left nil by a decoder: the input omits the field, or
// the document is empty, and the code writes into the map without making it.
package posdecoded

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"encoding/xml"
	"io"
	"mime/multipart"
	"net/http"
)

type Event struct {
	Kind     string            `json:"kind"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// A stream decoder fills the value; events without metadata leave the map nil.
func stamp(r io.Reader, session string) (*Event, error) {
	var ev Event
	if err := json.NewDecoder(r).Decode(&ev); err != nil {
		return nil, err
	}
	ev.Metadata["session"] = session // want `nil map "ev.Metadata"`
	return &ev, nil
}

// Unmarshal into a literal that left the map out.
func parse(data []byte) (Event, error) {
	ev := Event{Kind: "default"}
	if err := json.Unmarshal(data, &ev); err != nil {
		return ev, err
	}
	ev.Metadata["parsed"] = "true" // want `nil map "ev.Metadata"`
	return ev, nil
}

type Feed struct {
	Title string            `xml:"title"`
	Attrs map[string]string `xml:"-"`
}

// xml.Unmarshal never sets a field tagged "-".
func feed(data []byte) (*Feed, error) {
	f := &Feed{}
	if err := xml.Unmarshal(data, f); err != nil {
		return nil, err
	}
	f.Attrs["source"] = "rss" // want `nil map "f.Attrs"`
	return f, nil
}

type snapshot struct {
	Counts map[string]int
	Seq    int
}

// A gob decoder reached through a local variable.
func restore(b []byte) (snapshot, error) {
	var s snapshot
	dec := gob.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&s); err != nil {
		return s, err
	}
	s.Counts["restored"]++ // want `nil map "s.Counts"`
	return s, nil
}

// A struct of the standard library, which goguard does not read, left zero on the
// path where the request has no form, then written.
func formOf(r *http.Request, byName map[string][]*multipart.FileHeader) *multipart.Form {
	var form multipart.Form
	if r.MultipartForm != nil {
		form = *r.MultipartForm
	}
	for name, fhs := range byName {
		form.File[name] = append(form.File[name], fhs...) // want `nil map "form.File"`
	}
	return &form
}

type registry struct {
	names   map[string]int
	aliases map[string]string
}

func newRegistry() *registry {
	return &registry{names: map[string]int{}, aliases: map[string]string{}}
}

func (r *registry) alias(a, name string) { r.aliases[a] = name }

// A decoder never sets unexported fields: the value handed to the writer keeps the
// nil map its literal left.
func load(data []byte) (*registry, error) {
	r := &registry{names: map[string]int{}}
	if len(data) == 0 {
		return newRegistry(), nil
	}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, err
	}
	r.alias("default", "main") // want `nil map "r.aliases" in alias`
	return r, nil
}

// A stream whose document is `null` decodes into the nil map without an error.
func tally(r io.Reader, key string) (map[string]int, error) {
	var counts map[string]int
	if err := json.NewDecoder(r).Decode(&counts); err != nil {
		return nil, err
	}
	counts[key]++ // want `nil map "counts"`
	return counts, nil
}
