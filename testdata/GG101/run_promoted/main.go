// panics: assignment to entry in nil map
package main

import "fmt"

type ObjectMeta struct {
	Name   string
	Labels map[string]string
}

type Namespace struct {
	ObjectMeta
	Phase string
}

func main() {
	ns := &Namespace{ObjectMeta: ObjectMeta{Name: "prod"}}
	fmt.Println("labelling", ns.Name)
	ns.Labels["team"] = "sre" // want `nil map "ns.Labels"`
}
