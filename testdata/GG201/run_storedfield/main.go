// prints: (?m)^first=bye!!$
package main

import (
	"fmt"
	"io"
	"strings"
)

type record struct {
	data *[]byte
}

// The record keeps &buf; io.ReadFull refills buf's array before the record is read.
func main() {
	rd := strings.NewReader("hellobye!!")
	buf := make([]byte, 5)
	if _, err := io.ReadFull(rd, buf); err != nil {
		panic(err)
	}
	r := record{data: &buf} // want `&buf stored in r points to the one variable buf`
	if _, err := io.ReadFull(rd, buf); err != nil {
		panic(err)
	}
	fmt.Printf("first=%s\n", *r.data)
}
