// panics: assignment to entry in nil map
package main

import (
	"fmt"
	"os"
	"strings"
)

// loadPorts reads a name -> port table; a file it cannot open is an error and no table.
func loadPorts(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ports := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		name, port, _ := strings.Cut(line, " ")
		ports[name] = port
	}
	return ports, nil
}

// withDefaults drops the error: the missing file hands back the nil table.
func withDefaults(path string) map[string]string {
	ports, _ := loadPorts(path)
	ports["http"] = "80" // want `nil map "ports"`
	return ports
}

func main() {
	fmt.Println(withDefaults("/nonexistent/goguard/ports"))
}
