// Package posk8s holds writes into the labels and annotations of Kubernetes objects
// that came from elsewhere (an event handler, a client, a copy of those): an object
// created without them has nil maps.
package posk8s

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Getter is the part of a client the reconciler uses.
type Getter interface {
	Get(ctx context.Context, name string, obj *corev1.Pod) error
}

// An informer's update handler stamps the object it is handed.
func onUpdate(old, cur *corev1.Pod) {
	cur.Annotations["seen-by"] = "controller" // want `nil map "cur.Annotations"`
	_ = old
}

// A reconcile loop fetches the pod and labels it.
func reconcile(ctx context.Context, c Getter, name string) error {
	var pod corev1.Pod
	if err := c.Get(ctx, name, &pod); err != nil {
		return err
	}
	pod.Labels["reconciled"] = "true" // want `nil map "pod.Labels"`
	return nil
}

// A copy keeps the original's nil maps.
func stamped(in *corev1.Pod) *corev1.Pod {
	out := in.DeepCopy()
	out.Annotations["stamped"] = "true" // want `nil map "out.Annotations"`
	return out
}

// The getter hands back the map as it is.
func mark(obj metav1.Object) {
	labels := obj.GetLabels()
	labels["managed"] = "true" // want `nil map "labels"`
	obj.SetLabels(labels)
}

// A ConfigMap built without its data map.
func config(name string, kv map[string]string) *corev1.ConfigMap {
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}}
	for k, v := range kv {
		cm.Data[k] = v // want `nil map "cm.Data"`
	}
	return cm
}
