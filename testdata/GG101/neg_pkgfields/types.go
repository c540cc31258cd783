// Package negpkgfields holds map fields that the package does set, in all the ways
// real code does: the writes to them are safe (or not provably unsafe), and the
// never-set fact must stay silent. Each "safe:" function is one negative shape.
package negpkgfields

import (
	"errors"
	"sync"
)

type Router struct {
	routes map[string]string
}

// NewRouter sets the field after the literal.
func NewRouter() *Router {
	r := &Router{}
	r.routes = make(map[string]string)
	return r
}

// safe: the constructor makes routes after its literal.
func (r *Router) Handle(path, h string) { r.routes[path] = h }

type Pool struct{ conns map[string]int }

func (p *Pool) Init() { p.conns = map[string]int{} }

// safe: an Init method makes the field (callers call it first).
func (p *Pool) Add(name string) { p.conns[name]++ }

type Server struct{ sessions map[string]bool }

func (s *Server) start() { s.sessions = make(map[string]bool) }

// safe: a start method makes the field.
func (s *Server) Login(id string) { s.sessions[id] = true }

type Cache struct{ items map[string]string }

// safe: lazy initialisation in the writing method.
func (c *Cache) Put(k, v string) {
	if c.items == nil {
		c.items = map[string]string{}
	}
	c.items[k] = v
}

type Index struct{ byName map[string]int }

func NewIndex() *Index { return &Index{byName: map[string]int{}} }

// safe: the one constructor keys the field in its literal, so the package does set it.
func (ix *Index) Add(name string, n int) { ix.byName[name] = n }

type Point struct {
	tags map[string]bool
	x    int
}

// safe: a positional literal sets every field.
func NewPoint() Point { return Point{map[string]bool{}, 1} }

func (p Point) Tag(t string) { p.tags[t] = true }

// safe: a method on a type built positionally elsewhere (the shape is the writer).
func TagAll(ps []Point, t string) {
	for _, p := range ps {
		p.tags[t] = true
	}
}

type Row struct {
	cells map[int]string
	name  string
}

// safe: elided positional literals inside a slice literal set the field.
func Rows() []Row { return []Row{{map[int]string{}, "a"}, {map[int]string{}, "b"}} }

func (r Row) Set(i int, v string) { r.cells[i] = v }

// safe: the writer of a type whose values come from Rows.
func FirstCell(rs []Row) {
	if len(rs) > 0 {
		rs[0].cells[0] = "x"
	}
}

type Limits struct{ perUser map[string]int }

func initMaps(m *map[string]int) { *m = map[string]int{} }

// safe: the field's address is handed to a helper that makes it.
func NewLimits() *Limits {
	l := &Limits{}
	initMaps(&l.perUser)
	l.perUser["admin"] = 100
	return l
}

type rawConfig struct {
	opts map[string]string
}

type Config rawConfig

// safe: a conversion from another struct type can carry the field.
func FromRaw(r rawConfig) Config {
	c := Config(r)
	c.opts["converted"] = "yes"
	return c
}

// Labels is exported: other packages can set it.
type Object struct {
	Labels map[string]string
}

// safe: an exported field may be set by any importer.
func (o *Object) Label(k, v string) { o.Labels[k] = v }

type Base struct{ attrs map[string]string }

type Derived struct {
	Base
	id int
}

// safe: the embedded struct's field is set through the outer one.
func NewDerived() *Derived {
	d := &Derived{}
	d.attrs = map[string]string{}
	return d
}

func (d *Derived) Attr(k, v string) { d.attrs[k] = v }

type lazyOnce struct {
	once sync.Once
	vals map[string]int
}

// safe: the field is set in a closure handed to once.Do.
func (l *lazyOnce) Add(k string) {
	l.once.Do(func() { l.vals = map[string]int{} })
	l.vals[k]++
}

type loaded struct{ data map[string]string }

func read() (map[string]string, error) { return map[string]string{}, nil }

// safe: a multi-value assignment sets the field.
func (l *loaded) Load() error {
	var err error
	l.data, err = read()
	if err != nil {
		return err
	}
	l.data["loaded"] = "yes"
	return nil
}

type fed struct{ latest map[string]int }

// safe: a receive sets the field.
func (f *fed) Next(ch chan map[string]int) {
	f.latest = <-ch
	if f.latest != nil {
		f.latest["seen"]++
	}
}

type picker struct{ current map[string]bool }

// safe: a range loop assigns the field.
func (p *picker) Each(ms []map[string]bool) {
	for _, p.current = range ms {
		if p.current != nil {
			p.current["visited"] = true
		}
	}
}

type A struct{ shared map[string]int }
type B struct{ shared map[string]int }

func NewA() *A { return &A{shared: map[string]int{}} }

// safe: a field of the same name is set on another type: the fact is kept by name.
func (b *B) Inc(k string) {
	if b.shared != nil {
		b.shared[k]++
	}
}

type holder struct{ items map[string]int }

func (h *holder) reset() { h.items = map[string]int{} }

var anon = struct{ items []int }{items: make([]int, 4)}

// safe: an anonymous struct's field of the same name is a slice, not the map.
func SetFirst() {
	anon.items[0] = 1
}

var errEmpty = errors.New("empty")

type pair struct{ left map[string]int }

// safe: the field is set in a method that returns it.
func (p *pair) Left() (map[string]int, error) {
	if p.left == nil {
		p.left = map[string]int{}
	}
	if len(p.left) > 100 {
		return nil, errEmpty
	}
	p.left["n"]++
	return p.left, nil
}

type Queue struct{ pending map[string][]int }

func setEntry(m *map[string][]int, k string, v []int) {
	if *m == nil {
		*m = map[string][]int{}
	}
	(*m)[k] = v
}

// Push hands &q.pending to a helper that makes the map.
func (q *Queue) Push(k string, v int) { setEntry(&q.pending, k, append(q.pending[k], v)) }

// safe: a helper handed &q.pending makes the map; delete(q.pending, k) only reads it.
func (q *Queue) pop(k string) {
	vs := q.pending[k]
	if len(vs) <= 1 {
		delete(q.pending, k)
		return
	}
	q.pending[k] = vs[1:]
}
