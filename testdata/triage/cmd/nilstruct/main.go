// Command nilstruct ignores an error and dereferences the nil *Config it came with.
package main

import (
	"fmt"

	"example.com/shop/store"
)

func main() {
	cfg, _ := store.Load("")
	fmt.Println(cfg.Name)
}
