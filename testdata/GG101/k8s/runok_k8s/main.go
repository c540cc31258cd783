package main

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The handler makes the annotations when the pod has none.
func onUpdate(cur *corev1.Pod) {
	if cur.Annotations == nil {
		cur.Annotations = map[string]string{}
	}
	cur.Annotations["seen-by"] = "controller"
}

func main() {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"}}
	onUpdate(pod.DeepCopy())
	fmt.Println(pod.Name)
}
