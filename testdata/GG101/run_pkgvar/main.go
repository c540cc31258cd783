// panics: assignment to entry in nil map
package main

import "fmt"

var handlers map[string]func() string

func register(name string, f func() string) {
	handlers[name] = f // want `nil map "handlers"`
}

func init() {
	register("health", func() string { return "ok" })
}

func main() {
	fmt.Println(len(handlers))
}
