package neg

import "unsafe"

// safe: the length converted to the wider element, behind a length check.
func wordsOf(b []byte) []uint32 {
	if len(b) < 4 {
		return nil
	}
	return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)/4)
}

// safe: narrower elements: the bytes of a []uint32 are four per element.
func bytesOf(u []uint32) []byte {
	if len(u) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&u[0])), len(u)*4)
}

// safe: the same width under another name.
func signed(u []uint64) []int64 {
	if len(u) == 0 {
		return nil
	}
	return unsafe.Slice((*int64)(unsafe.Pointer(&u[0])), len(u))
}

// safe: the size computed with unsafe.Sizeof.
func pointers(b []byte) []uintptr {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Slice((*uintptr)(unsafe.Pointer(&b[0])), uintptr(len(b))/unsafe.Sizeof(uintptr(0)))
}

// safe: an array view cut to the length in its own elements.
func arrayWords(b []byte) []uint32 {
	if len(b) < 4 {
		return nil
	}
	return (*[1 << 28]uint32)(unsafe.Pointer(&b[0]))[: len(b)/4 : len(b)/4]
}

// safe: the step is taken only while another element follows.
func stepGuarded(vals []uint64) uint64 {
	if len(vals) == 0 {
		return 0
	}
	p := unsafe.Pointer(&vals[0])
	var total uint64
	for i := 0; i < len(vals); i++ {
		total += *(*uint64)(p)
		if i+1 < len(vals) {
			p = unsafe.Add(p, 8)
		}
	}
	return total
}

// safe: one step fewer than elements: p ends on the last one.
func stepShort(vals []uint64) uint64 {
	if len(vals) == 0 {
		return 0
	}
	p := unsafe.Pointer(&vals[0])
	total := *(*uint64)(p)
	for i := 1; i < len(vals); i++ {
		p = unsafe.Pointer(uintptr(p) + 8)
		total += *(*uint64)(p)
	}
	return total
}

// safe: the loop leaves before the step that would pass the end.
func stepBreak(vals []uint64, stop uint64) int {
	if len(vals) == 0 {
		return 0
	}
	p := unsafe.Pointer(&vals[0])
	for i := 0; i < len(vals); i++ {
		if *(*uint64)(p) == stop {
			return i
		}
		p = unsafe.Add(p, 8)
	}
	return -1
}

type frames struct {
	data []byte
}

func (f *frames) Reset() { f.data = f.data[:0] }

// safe: the length is checked before the first element is taken.
func (f *frames) View() string {
	if len(f.data) == 0 {
		return ""
	}
	return unsafe.String(&f.data[0], len(f.data))
}

type fixed struct {
	words []uint64
}

func newFixed() *fixed { return &fixed{words: make([]uint64, 4)} }

// safe: nothing in the package empties words: it is made with four elements.
func (f *fixed) Bytes() []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&f.words[0])), len(f.words)*8)
}
