package negk8s

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"goguard.test/k8s/metautil"
)

// Reader is the part of a controller-runtime client that fills an object in place.
type Reader interface {
	Get(ctx context.Context, key string, obj *corev1.Pod) error
}

// ensureLabels makes the labels of a pod that has none.
func ensureLabels(pod *corev1.Pod) {
	if pod.Labels == nil {
		pod.Labels = map[string]string{}
	}
}

// safe: a helper that makes the labels runs before the write.
func tagOwner(pod *corev1.Pod, owner string) {
	ensureLabels(pod)
	pod.Labels["owner"] = owner
}

// Defaulter fills in what objects of any kind need.
type Defaulter struct{ Team string }

// annotate makes the object's annotations through the metav1.Object setters.
func (d *Defaulter) annotate(obj metav1.Object) {
	if obj.GetAnnotations() == nil {
		obj.SetAnnotations(map[string]string{"team": d.Team})
	}
}

// safe: a method of another value that sets the object's annotations runs first.
func (d *Defaulter) stamp(pod *corev1.Pod, rev string) {
	d.annotate(pod)
	pod.Annotations["revision"] = rev
	pod.GetAnnotations()["stamped"] = "true"
}

// safe: the getter reads the labels the setter just stored.
func label(obj metav1.Object, key, value string) {
	labels := obj.GetLabels()
	if labels == nil {
		labels = map[string]string{}
	}
	obj.SetLabels(labels)
	obj.GetLabels()[key] = value
}

// safe: the getter after the nil-check idiom on the field.
func markPaused(pod *corev1.Pod) {
	if pod.Annotations == nil {
		pod.Annotations = make(map[string]string)
	}
	pod.GetAnnotations()["paused"] = "true"
}

// safe: the object the client filled is checked before the write.
func refetch(ctx context.Context, c Reader, key string) error {
	pod := &corev1.Pod{}
	if err := c.Get(ctx, key, pod); err != nil {
		return err
	}
	if pod.Labels == nil {
		pod.Labels = map[string]string{}
	}
	pod.Labels["relabelled"] = "true"
	return nil
}

// safe: a helper of another package of the module makes the labels first.
func tagged(pod *corev1.Pod, seen map[string]bool) {
	metautil.EnsureLabels(pod)
	seen[metautil.Key(pod)] = true
	pod.Labels["seen"] = "true"
}

// safe: the object handed to the reader already holds its annotations, and the write
// follows a check.
func restore(read func(obj any) error) (*corev1.Pod, error) {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Annotations: map[string]string{}}}
	if err := read(pod); err != nil {
		return nil, err
	}
	if pod.Annotations == nil {
		pod.Annotations = map[string]string{}
	}
	pod.Annotations["restored"] = "true"
	return pod, nil
}

// safe: the caller's hook prepares the pod's labels before the write.
func prepared(pod *corev1.Pod, prepare func(*corev1.Pod)) {
	prepare(pod)
	pod.Labels["prepared"] = "true"
}
