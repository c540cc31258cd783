// panics: assignment to entry in nil map
package main

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// An update handler stamps the pod it is handed; this pod was created without
// annotations.
func onUpdate(cur *corev1.Pod) {
	cur.Annotations["seen-by"] = "controller" // want `nil map "cur.Annotations"`
}

func main() {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"}}
	onUpdate(pod.DeepCopy())
	fmt.Println(pod.Name)
}
