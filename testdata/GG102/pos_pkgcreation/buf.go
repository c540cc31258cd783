// Package pospkgcreation holds a *[]byte field that one constructor allocates and
// another forgets: values from the forgetful one reach a dereference.
package pospkgcreation

type Frame struct {
	data *[]byte
	name string
}

func NewFrame(name string) *Frame { return &Frame{data: &[]byte{}, name: name} }

func NewNamedFrame(name string) *Frame { return &Frame{name: name} }

// Exported methods: a NewNamedFrame value panics in either.
func (f *Frame) Append(b byte) {
	*f.data = append(*f.data, b) // want `nil pointer "f.data"`
}

func (f *Frame) Len() int {
	return len(*f.data) // want `nil pointer "f.data"`
}

func reset(f *Frame) { *f.data = (*f.data)[:0] }

func named() {
	f := NewNamedFrame("x")
	f.Append('a')
}

func literal() int {
	f := &Frame{name: "y"}
	return f.Len()
}

func zero() {
	var f Frame
	reset(&f) // want `nil pointer "f.data" in reset`
}
