// Package metautil holds metadata helpers that other packages of the module call.
package metautil

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// EnsureLabels makes the labels of an object that has none.
func EnsureLabels(obj metav1.Object) {
	if obj.GetLabels() == nil {
		obj.SetLabels(map[string]string{})
	}
}

// Key names a pod; it only reads it.
func Key(pod *corev1.Pod) string {
	return pod.Namespace + "/" + pod.Name
}
