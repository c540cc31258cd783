// panics: assignment to entry in nil map
package main

import (
	"encoding/json"
	"fmt"

	corev1 "k8s.io/api/core/v1"
)

// restore fills a new pod from a stored document and marks it restored; this
// document has no annotations.
func restore(read func(obj any) error) (*corev1.Pod, error) {
	pod := new(corev1.Pod)
	if err := read(pod); err != nil {
		return nil, err
	}
	pod.Annotations["restored"] = "true" // want `nil map "pod.Annotations"`
	return pod, nil
}

func main() {
	stored := []byte(`{"metadata": {"name": "web", "namespace": "default"}}`)
	pod, err := restore(func(obj any) error { return json.Unmarshal(stored, obj) })
	fmt.Println(pod, err)
}
