// prints: (?m)^first: 0000 at 0, 0000 at 1, 0000 at 2
package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unsafe"
)

// The index keys each record by a string over the read buffer: the next read
// rewrites every key already in the map.
func index(r io.Reader) map[string]int {
	at := map[string]int{}
	rec := make([]byte, 4)
	for i := 0; ; i++ {
		if _, err := io.ReadFull(r, rec); err != nil {
			return at
		}
		id := unsafe.String(&rec[0], len(rec))
		if _, ok := at[id]; !ok {
			at[id] = i // want `id \(from unsafe.String\(&rec\[0\], len\(rec\)\)\) used as a key of at shares the array of rec`
		}
	}
}

func main() {
	at := index(strings.NewReader("abcdwxyz12340000"))
	var parts []string
	for k, v := range at {
		parts = append(parts, fmt.Sprintf("%s at %d", k, v))
	}
	sort.Strings(parts)
	fmt.Printf("first: %s\n", strings.Join(parts, ", "))
}
