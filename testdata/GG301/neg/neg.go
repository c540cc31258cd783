// Package neg holds correct uses of unsafe.Slice, unsafe.String and pointer
// conversions, and lengths goguard cannot know. Each function whose comment starts
// "safe:" is one negative shape.
package neg

import "unsafe"

type point struct{ x, y int32 }

type sliceMaker struct{}

func (sliceMaker) Slice(p *int, n int) []int { return nil }

var global [32]byte

// safe: the string's own data and length.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// safe: the whole array, its length from len.
func wholeArray() []int {
	var arr [4]int
	return unsafe.Slice(&arr[0], len(arr))
}

// safe: the bytes of a value, counted by unsafe.Sizeof.
func valueBytes(x int64) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&x)), unsafe.Sizeof(x))
}

// safe: a nil pointer with length zero is an empty slice.
func nilZero() []byte {
	var p *byte
	return unsafe.Slice(p, 0)
}

// safe: pointer and length both come from the caller; nothing to judge.
func unknownInputs(p *byte, n int) []byte {
	return unsafe.Slice(p, n)
}

// safe: a slice of b from its second element, one shorter.
func tail(b []byte) []byte {
	return unsafe.Slice(&b[1], len(b)-1)
}

// safe: the capacity of a made slice is memory it owns.
func wholeCapacity() []byte {
	b := make([]byte, 8, 16)
	return unsafe.Slice(&b[0], cap(b))
}

// safe: from index 4 of a 16-element backing array, 12 elements remain.
func fromMiddle() []byte {
	b := make([]byte, 8, 16)
	return unsafe.Slice(&b[4], 12)
}

// safe: 16 bytes are exactly two uint64s.
func bytesAsTwoWords() []uint64 {
	var key [16]byte
	return unsafe.Slice((*uint64)(unsafe.Pointer(&key)), 2)
}

// safe: the pre-1.17 idiom cut down to n elements with [:n:n].
func oldIdiomCut(p unsafe.Pointer, n int) []byte {
	return (*[1 << 30]byte)(p)[:n:n]
}

// safe: a uint32 seen as its four bytes.
func wordAsBytes() [4]byte {
	var x uint32 = 0x01020304
	return *(*[4]byte)(unsafe.Pointer(&x))
}

// safe: every path either fills b or leaves before &b[0].
func filledOrLeave(ok bool, data []byte) string {
	var b []byte
	if ok {
		b = data
	}
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// safe: both branches fill b with a non-empty slice.
func filledOnBothBranches(ok bool, data []byte) string {
	var b []byte
	if ok {
		b = data[:1]
	} else {
		b = []byte("x")
	}
	return unsafe.String(&b[0], len(b))
}

// safe: b is re-assigned after make; its length here is not the made one.
func reassigned(extra []byte) []byte {
	b := make([]byte, 4)
	b = append(b, extra...)
	return unsafe.Slice(&b[0], 4+len(extra))
}

// safe: a local variable named unsafe is not the package.
func shadowedUnsafe() []int {
	var arr [4]int
	unsafe := sliceMaker{}
	return unsafe.Slice(&arr[0], 100)
}

// safe: the pointer was nil but is set before the call.
func nilThenSet(buf []byte) []byte {
	var p *byte
	p = &buf[0]
	return unsafe.Slice(p, len(buf))
}

// safe: the length is the array's length, through a variable.
func lengthVariable() []int {
	var arr [8]int
	n := len(arr)
	return unsafe.Slice(&arr[0], n)
}

// safe: an array's bytes as a string, exactly its length.
func arrayString() string {
	return unsafe.String(&global[0], len(global))
}

// safe: two elements from index 2 of a four-element array.
func pointerVariable() []uint16 {
	var arr [4]uint16
	p := &arr[2]
	return unsafe.Slice(p, 2)
}

// safe: one element short of len(b).
func shortOfLen(b []int) []int {
	k := -1
	return unsafe.Slice(&b[0], len(b)+k)
}

// safe: a struct seen as its own size in bytes.
func structBytes(p point) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&p)), unsafe.Sizeof(p))
}

// safe: the length may be changed on one path, but only downwards.
func lengthReassigned(short bool) []int {
	var arr [4]int
	n := 4
	if short {
		n = 2
	}
	return unsafe.Slice(&arr[0], n)
}

// safe: the field's array is a view into a bigger buffer (a C struct's trailing
// array); fields are not whole variables, so their extent is not judged.
func trailingArray(h *struct {
	n    int32
	data [1]uint16
}) []uint16 {
	return unsafe.Slice(&h.data[0], h.n)
}

// safe: [:4:4] needs only 16 bytes of the 16 behind &a.
func cutToSize() []uint32 {
	var a [16]byte
	return (*[8]uint32)(unsafe.Pointer(&a))[:4:4]
}

// safe: the counting loop runs four times, so b is never empty at &b[0].
func filledByCountingLoop(x byte) []byte {
	var b []byte
	for i := 0; i < 4; i++ {
		b = append(b, x)
	}
	return unsafe.Slice(&b[0], len(b))
}

// safe: ranging over a non-empty array always runs the body.
func filledByArrayRange() string {
	var b []byte
	for _, c := range [3]byte{'a', 'b', 'c'} {
		b = append(b, c)
	}
	return unsafe.String(&b[0], len(b))
}

// safe: the return inside the closure does not leave this function, and the
// switch has a default, so every path fills b.
func filledOnEveryCase(kind int, data []byte) string {
	var b []byte
	check := func() bool { return len(data) > 0 }
	switch kind {
	case 1:
		b = data
	default:
		b = []byte{'-'}
	}
	_ = check
	return unsafe.String(&b[0], len(b))
}

// safe: a pointer to an array handed in may point into a bigger buffer (a
// conversion of C memory); only an array made here, whole, has a known extent.
func arrayPointerParam(tbl *[1]uint16) []uint16 {
	return unsafe.Slice(&tbl[0], 8)
}
