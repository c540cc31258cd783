package main

import (
	"fmt"
	"os"

	"goguard.test/GG101/modconf"
)

// The result is checked before the write.
func main() {
	os.Unsetenv("APP_OVERRIDES")
	o := modconf.Overrides()
	if o == nil {
		o = map[string]string{}
	}
	o["source"] = "env"
	fmt.Println(o)
}
