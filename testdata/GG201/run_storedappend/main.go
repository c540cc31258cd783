// prints: (?m)^saved=next$
package main

import "fmt"

// The list keeps &buf; buf is emptied and appended to, in the same array, before the
// list is read.
func main() {
	var saved []*[]byte
	buf := []byte("hello")
	saved = append(saved, &buf) // want `&buf appended to saved points to the one variable buf, and append\(buf, "next"\.\.\.\) writes into it once emptied before \*saved\[0\] is read`
	buf = buf[:0]
	buf = append(buf, "next"...)
	fmt.Printf("saved=%s\n", *saved[0])
}
