// panics: assignment to entry in nil map
package main

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// describe only reads the pod.
func describe(pod *corev1.Pod) string { return pod.Namespace + "/" + pod.Name }

// tagOwner logs the pod, then labels it: this pod was created without labels.
func tagOwner(pod *corev1.Pod, owner string) {
	fmt.Println("tagging", describe(pod))
	pod.Labels["owner"] = owner // want `nil map "pod.Labels"`
}

func main() {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"}}
	tagOwner(pod.DeepCopy(), "ctrl")
}
