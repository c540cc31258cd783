// panics: assignment to entry in nil map
package main

import "fmt"

type Config struct {
	Port  *int
	Hosts map[string]bool
}

func main() {
	cfg := new(Config{Port: new(8080)})
	fmt.Println("port", *cfg.Port)
	cfg.Hosts["localhost"] = true // want `nil map "cfg.Hosts"`
}
