// prints: (?m)^one=id-3 two=id-3 three=id-3$
package main

import (
	"bytes"
	"fmt"
)

// b.Bytes() kept per key: Reset and the next write reuse the same bytes.
func main() {
	var b bytes.Buffer
	m := map[string][]byte{}
	for i, k := range []string{"one", "two", "three"} {
		b.Reset()
		fmt.Fprintf(&b, "id-%d", i+1)
		m[k] = b.Bytes() // want `b.Bytes\(\) stored in m\[k\] is the buffer of b`
	}
	fmt.Printf("one=%s two=%s three=%s\n", m["one"], m["two"], m["three"])
}
