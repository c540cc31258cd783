// panics: assignment to entry in nil map
package main

type Spec struct {
	Labels map[string]string
	Ports  map[string]int
}

type Object struct{ Spec Spec }

// copyPorts guards on one field and fills another.
func copyPorts(src Object) Object {
	var dst Object
	if src.Spec.Labels != nil {
		dst.Spec.Labels = map[string]string{}
	}
	for name := range src.Spec.Ports {
		dst.Spec.Labels[name] = "port" // want `possibly nil map "dst.Spec.Labels"`
	}
	return dst
}

func main() {
	copyPorts(Object{Spec: Spec{Ports: map[string]int{"http": 80}}})
}
