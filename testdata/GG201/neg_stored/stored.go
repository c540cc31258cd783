// Package stored: pointers stored to be shared or written through, on purpose.
package stored

import (
	"bytes"
	"database/sql"
	"flag"
	"os/exec"
	"strings"
)

// safe: growing the slice in place keeps every byte the stored pointer showed.
func grown(m map[string]*[]byte) {
	buf := []byte("hello")
	m["a"] = &buf
	buf = append(buf, '!')
}

// safe: a bytes.Buffer handed to a command to fill: shared on purpose.
func command() (string, error) {
	var out bytes.Buffer
	cmd := exec.Command("date")
	cmd.Stdout = &out
	err := cmd.Run()
	return out.String(), err
}

type writer struct {
	b *strings.Builder
}

// safe: a strings.Builder written through the stored pointer.
func built() string {
	var sb strings.Builder
	w := writer{b: &sb}
	sb.WriteString("x")
	return w.b.String()
}

type options struct {
	out *[]byte
}

func fill(o *options) {
	*o.out = append(*o.out, "filled"...)
}

// safe: the struct is handed out to be filled through the pointer.
func handedOut() []byte {
	var buf []byte
	o := options{out: &buf}
	buf = buf[:0]
	fill(&o)
	return buf
}

// safe: scan destinations: the scanner writes through them on every row.
func scanned(rows *sql.Rows) ([][]byte, error) {
	var raw []byte
	var out [][]byte
	dest := []any{&raw}
	for rows.Next() {
		raw = nil
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, raw)
	}
	return out, rows.Err()
}

// safe: flag.StringVar keeps the address to write the flag's value.
func flags() string {
	var name string
	flag.StringVar(&name, "name", "", "the name")
	name = "default"
	return name
}

// safe: the stored pointer is written through, and read back through it.
func through(m map[string]*[]byte) {
	buf := []byte("a")
	m["a"] = &buf
	buf = nil
	*m["a"] = append(*m["a"], 'b')
}

// safe: the variable is written before the address is stored.
func before(m map[string]*[]byte, next []byte) {
	buf := []byte("hello")
	buf = next
	m["a"] = &buf
}
