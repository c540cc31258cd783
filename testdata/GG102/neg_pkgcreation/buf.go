// Package negpkgcreation holds *[]byte fields that are allocated before any
// dereference reaches them. Each "safe:" function is one negative shape.
package negpkgcreation

type Frame struct {
	data *[]byte
	name string
}

func NewFrame(name string) *Frame { return &Frame{data: &[]byte{}, name: name} }

func NewNamedFrame(name string) *Frame { return &Frame{name: name} }

func (f *Frame) Append(b byte) {
	if f.data == nil {
		f.data = new([]byte)
	}
	*f.data = append(*f.data, b)
}

func (f *Frame) Len() int {
	if f.data == nil {
		return 0
	}
	return len(*f.data)
}

func (f *Frame) alloc() { f.data = &[]byte{} }

func (f *Frame) Reset() { *f.data = (*f.data)[:0] }

// safe: Append allocates when the pointer is nil.
func named() {
	f := NewNamedFrame("x")
	f.Append('a')
}

// safe: Len checks the pointer.
func literal() int {
	f := &Frame{name: "y"}
	return f.Len()
}

// safe: alloc runs before Reset.
func allocFirst() {
	f := NewNamedFrame("z")
	f.alloc()
	f.Reset()
}

// safe: the constructor allocates.
func full() {
	f := NewFrame("w")
	f.Reset()
}
