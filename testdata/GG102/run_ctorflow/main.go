// panics: invalid memory address or nil pointer dereference
package main

import "fmt"

type Frame struct {
	data *[]byte
	name string
}

// NewFrame allocates the buffer; NewNamedFrame forgets it.
func NewFrame(name string) *Frame { return &Frame{data: &[]byte{}, name: name} }

func NewNamedFrame(name string) *Frame { return &Frame{name: name} }

func (f *Frame) Append(b byte) {
	*f.data = append(*f.data, b) // want `nil pointer "f.data"`
}

func main() {
	ok := NewFrame("ok")
	ok.Append('x')
	fmt.Println(ok.name, len(*ok.data))
	f := NewNamedFrame("hdr")
	f.Append('a')
}
