// Command nilmap crashes with a nil map write in another package.
package main

import "example.com/shop/store"

func main() {
	c := store.New()
	c.Put("a", []byte("x"))
}
