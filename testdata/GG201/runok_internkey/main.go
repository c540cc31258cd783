package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unsafe"
)

// The twin of run_internkey: the key is cloned when the entry is made.
func index(r io.Reader) map[string]int {
	at := map[string]int{}
	rec := make([]byte, 4)
	for i := 0; ; i++ {
		if _, err := io.ReadFull(r, rec); err != nil {
			return at
		}
		id := unsafe.String(&rec[0], len(rec))
		if _, ok := at[id]; !ok {
			at[strings.Clone(id)] = i
		}
	}
}

func main() {
	at := index(strings.NewReader("abcdwxyz1234abcd"))
	if len(at) != 3 || at["abcd"] != 0 || at["wxyz"] != 1 || at["1234"] != 2 {
		fmt.Println(at)
		os.Exit(1)
	}
}
