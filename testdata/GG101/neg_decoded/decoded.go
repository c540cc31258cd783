// Package negdecoded holds the safe twins of posdecoded.
package negdecoded

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

// safe: the map is made when the input left it out.
func stamp(r io.Reader, session string) (*Event, error) {
	var ev Event
	if err := json.NewDecoder(r).Decode(&ev); err != nil {
		return nil, err
	}
	if ev.Metadata == nil {
		ev.Metadata = map[string]string{}
	}
	ev.Metadata["session"] = session
	return &ev, nil
}

// safe: the literal makes the map before the decode, which only adds to it.
func parse(data []byte) (Event, error) {
	ev := Event{Kind: "default", Metadata: map[string]string{}}
	if err := json.Unmarshal(data, &ev); err != nil {
		return ev, err
	}
	ev.Metadata["parsed"] = "true"
	return ev, nil
}

// safe: a JSON null leaves the map nil, and the nil check makes it.
func values(data []byte) (map[string]any, error) {
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	if out == nil {
		out = map[string]any{}
	}
	out["checked"] = true
	return out, nil
}

type snapshot struct {
	Counts map[string]int
	Seq    int
}

// safe: the map is made after the decode.
func restore(b []byte) (snapshot, error) {
	var s snapshot
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&s); err != nil {
		return s, err
	}
	if s.Counts == nil {
		s.Counts = make(map[string]int)
	}
	s.Counts["restored"]++
	return s, nil
}

// safe: the standard library's form is made on every path before the write.
func formOf(r *http.Request, byName map[string][]*multipart.FileHeader) *multipart.Form {
	form := multipart.Form{File: map[string][]*multipart.FileHeader{}}
	if r.MultipartForm != nil && r.MultipartForm.File != nil {
		form = *r.MultipartForm
	}
	for name, fhs := range byName {
		form.File[name] = append(form.File[name], fhs...)
	}
	return &form
}

type grid struct {
	cells [4]int
}

// safe: an array field written by an integer index needs no make.
func fill(g grid, at []int) grid {
	for i := range at {
		g.cells[i%4] = at[i]
	}
	return g
}

type registry struct {
	names   map[string]int
	aliases map[string]string
}

// UnmarshalJSON makes the maps: json.Unmarshal calls it for a *registry.
func (r *registry) UnmarshalJSON(b []byte) error {
	r.names = map[string]int{}
	r.aliases = map[string]string{}
	return json.Unmarshal(b, &r.names)
}

func (r *registry) alias(a, name string) { r.aliases[a] = name }

// safe: the type decodes itself, and its UnmarshalJSON makes the maps.
func load(data []byte) (*registry, error) {
	r := &registry{}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, err
	}
	r.alias("default", "main")
	return r, nil
}

type state struct {
	Attributes map[string]string `json:"attributes"`
}

// safe: the write runs once per key collected from the same map: an empty (nil)
// map gives no keys, and the loop never runs.
func upgrade(s *state) {
	var prefixes []string
	for k := range s.Attributes {
		if len(k) > 2 && k[len(k)-1] == '#' {
			prefixes = append(prefixes, k[:len(k)-1])
		}
	}
	for _, p := range prefixes {
		s.Attributes[p+"%"] = s.Attributes[p+"#"]
		delete(s.Attributes, p+"#")
	}
}

// safe: the decoded map is made when the document was null.
func tally(r io.Reader, key string) (map[string]int, error) {
	var counts map[string]int
	if err := json.NewDecoder(r).Decode(&counts); err != nil {
		return nil, err
	}
	if counts == nil {
		counts = make(map[string]int)
	}
	counts[key]++
	return counts, nil
}

// safe: encoding/xml has no null, and a document it accepts fills the map field's
// element; the literal makes the map before the decode.
func attrs(data []byte) (map[string]string, error) {
	doc := struct {
		Attrs map[string]string `xml:"-"`
	}{Attrs: map[string]string{}}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	doc.Attrs["parsed"] = "true"
	return doc.Attrs, nil
}
