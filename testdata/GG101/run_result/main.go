// panics: assignment to entry in nil map
package main

import (
	"fmt"
	"os"
	"strings"
)

// load returns nil when the file is missing, and no error with it.
func load(path string) map[string]string {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, _ := strings.Cut(line, "=")
		out[k] = v
	}
	return out
}

func main() {
	conf := load("/nonexistent/goguard.conf")
	conf["loaded"] = "yes" // want `possibly nil map "conf"`
	fmt.Println(conf)
}
