// Command index crashes with an index out of range, which no rule covers.
package main

import (
	"fmt"
	"os"

	"example.com/shop/store"
)

func main() {
	fmt.Println(store.Pick(os.Args, len(os.Args)+2))
}
