package main

import (
	"fmt"
	"os"
	"strings"
)

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

func withDefaults(path string) map[string]string {
	ports, _ := loadPorts(path)
	if ports == nil {
		ports = map[string]string{}
	}
	ports["http"] = "80"
	return ports
}

func main() {
	fmt.Println(withDefaults("/nonexistent/goguard/ports"))
}
