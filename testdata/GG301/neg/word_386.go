//go:build 386

package neg

import "unsafe"

// safe: on 386 (this file's only platform) a uintptr is 4 bytes, so two of them
// fit the 8-byte array; goguard does not apply 64-bit sizes to 32-bit-only files.
func twoWords() []byte {
	var arr [8]byte
	return unsafe.Slice(&arr[0], unsafe.Sizeof(uintptr(0))*2)
}
