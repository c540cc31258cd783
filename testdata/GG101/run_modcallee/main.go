// panics: assignment to entry in nil map
package main

import (
	"fmt"
	"os"

	"goguard.test/GG101/modconf"
)

// The environment sets no overrides, so the other package returns nil.
func main() {
	os.Unsetenv("APP_OVERRIDES")
	o := modconf.Overrides()
	o["source"] = "env" // want `nil map "o"`
	fmt.Println(o)
}
