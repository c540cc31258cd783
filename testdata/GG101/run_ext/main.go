// panics: assignment to entry in nil map
package main

import (
	"fmt"

	"goguard.test/GG101/ext"
)

// Another package's struct: ExposedPorts is left unset, proven a map by the string key.
func main() {
	cfg := ext.ImageConfig{User: "app"}
	for _, p := range []ext.Port{"8080/tcp", "9090/tcp"} {
		cfg.ExposedPorts[string(p)] = struct{}{} // want "nil map"
	}
	fmt.Println(cfg)
}
