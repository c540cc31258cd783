// Package negk8s holds the safe twins of posk8s.
package negk8s

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

type Getter interface {
	Get(ctx context.Context, name string, obj *corev1.Pod) error
}

// safe: the idiom: make the map when the object has none.
func onUpdate(old, cur *corev1.Pod) {
	if cur.Annotations == nil {
		cur.Annotations = map[string]string{}
	}
	cur.Annotations["seen-by"] = "controller"
	_ = old
}

// safe: the fetched pod's labels are checked first.
func reconcile(ctx context.Context, c Getter, name string) error {
	var pod corev1.Pod
	if err := c.Get(ctx, name, &pod); err != nil {
		return err
	}
	if pod.Labels == nil {
		pod.Labels = make(map[string]string)
	}
	pod.Labels["reconciled"] = "true"
	return nil
}

// safe: an object the function builds itself, with its maps.
func build(name string) *corev1.Pod {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{}}}
	pod.Labels["app"] = name
	return pod
}

// safe: the getter's nil result is replaced.
func mark(obj metav1.Object) {
	labels := obj.GetLabels()
	if labels == nil {
		labels = map[string]string{}
	}
	labels["managed"] = "true"
	obj.SetLabels(labels)
}

// safe: the ConfigMap's data map is made in its literal.
func config(name string, kv map[string]string) *corev1.ConfigMap {
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}, Data: map[string]string{}}
	for k, v := range kv {
		cm.Data[k] = v
	}
	return cm
}

// safe: the secret's data map is made when it has none.
func rotate(s *corev1.Secret, key []byte) {
	if s.Data == nil {
		s.Data = map[string][]byte{}
	}
	s.Data["key"] = key
}

// safe: an object built here and handed to a helper that fills its metadata.
func relabel(name string, prepare func(*corev1.Pod)) *corev1.Pod {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{}}}
	prepare(pod)
	pod.Labels["prepared"] = "true"
	return pod
}
