// Package pos stores addresses of local variables where they outlive the statement.
package pos

type item struct {
	name string
	tags [2]string
}

type holder struct{ p *item }

var registry []*item

func intoMap(lines []string) map[string]*string {
	out := map[string]*string{}
	var line string
	for _, l := range lines {
		line = l
		out[l] = &line // want `address of local "line" stored in out\[l\]: line moves to the heap, and every store of this address in the loop shares one line` `one variable line.*GG201`
	}
	return out
}

func intoSlice(n int) []*int {
	s := make([]*int, n)
	for i := 0; i < n; i++ {
		v := i
		s[i] = &v // want `address of local "v" stored in s\[i\]: v moves to the heap \(GG202\)$`
	}
	return s
}

func intoField(h *holder) {
	var it item
	h.p = &it // want `address of local "it" stored in h.p`
}

func appended() {
	it := item{name: "a"}
	registry = append(registry, &it) // want `address of local "it" appended to a slice`
}

func sent(ch chan *item) {
	var it item
	ch <- &it // want `address of local "it" sent on a channel`
}

func fieldAddress(m map[string]*string) {
	var it item
	m["n"] = &it.name // want `address of local "it" stored in m\["n"\]`
}

func arrayElement(m map[int]*string) {
	var it item
	m[0] = &it.tags[0] // want `address of local "it" stored in m\[0\]`
}

func parameter(m map[string]*int, n int) {
	m["n"] = &n // want `address of local "n" stored in m\["n"\]`
}
