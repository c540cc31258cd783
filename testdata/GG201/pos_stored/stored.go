// Package stored keeps the address of a byte-slice variable, then writes the
// variable (or its array) before the stored pointer is read: the reader sees the new
// bytes, not the ones there when the address was stored.
package stored

import (
	"fmt"
	"io"
)

type record struct {
	name string
	data *[]byte
}

// A map entry, then the variable given other bytes.
func entries() map[string]*[]byte {
	m := map[string]*[]byte{}
	buf := []byte("hello")
	m["greeting"] = &buf // want `&buf stored in m\["greeting"\] points to the one variable buf, and buf = \.\.\. writes it again before \*m\["greeting"\] is read`
	buf = []byte("world")
	fmt.Println(string(*m["greeting"]))
	return m
}

// A struct field, then emptied and appended to: the same array, new bytes.
func truncated(next []byte) record {
	buf := []byte("hello")
	r := record{name: "a"}
	r.data = &buf // want `&buf stored in r.data points to the one variable buf, and append\(buf, next\.\.\.\) writes into it once emptied before r leaves the function`
	buf = buf[:0]
	buf = append(buf, next...)
	return r
}

// Appended to a list, then refilled by a read.
func refilled(rd io.Reader) []*[]byte {
	var list []*[]byte
	buf := make([]byte, 5)
	list = append(list, &buf) // want `&buf appended to list points to the one variable buf, and rd.Read\(buf\) reads into it before list leaves the function`
	if _, err := rd.Read(buf); err != nil {
		return nil
	}
	return list
}

// In a struct literal, then copied over.
func copied(src []byte) {
	buf := []byte("hello")
	r := record{name: "a", data: &buf} // want `&buf stored in r points to the one variable buf, and copy\(buf, src\) writes into it before \*r.data is read`
	copy(buf, src)
	fmt.Println(string(*r.data))
}

type cache struct {
	last *[]byte
}

// A field of the caller's value: the caller reads it after the function returns.
func (c *cache) load(rd io.Reader) error {
	buf := make([]byte, 8)
	c.last = &buf // want `&buf stored in c.last points to the one variable buf, and io.ReadFull\(rd, buf\) reads into it before the function returns with c.last holding it`
	_, err := io.ReadFull(rd, buf)
	return err
}
