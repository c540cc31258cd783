package posk8s

import (
	"context"
	"log"

	corev1 "k8s.io/api/core/v1"

	"goguard.test/k8s/metautil"
)

// Reader is the part of a controller-runtime client that fills an object in place.
type Reader interface {
	Get(ctx context.Context, key string, obj *corev1.Pod) error
}

// describe only reads the pod: its labels stay as the API gave them.
func describe(pod *corev1.Pod) string {
	if pod == nil {
		return "<none>"
	}
	return pod.Namespace + "/" + pod.Name
}

// A helper that only reads the pod does not make its labels.
func tagOwner(pod *corev1.Pod, owner string) {
	log.Print("tagging ", describe(pod))
	pod.Labels["owner"] = owner // want `nil map "pod.Labels"`
}

// SetLabels hands over another object's labels, nil when it has none.
func inherit(dst, src *corev1.Pod) {
	dst.SetLabels(src.GetLabels())
	dst.GetLabels()["inherited-from"] = src.Name // want `nil map "dst.GetLabels\(\)"`
}

// An object the function built is refilled by the client's Get: it holds what the
// API server has, labels or none.
func relabel(ctx context.Context, c Reader, key string) error {
	pod := &corev1.Pod{}
	if err := c.Get(ctx, key, pod); err != nil {
		return err
	}
	pod.Labels["relabelled"] = "true" // want `nil map "pod.Labels"`
	return nil
}

// A helper of another package that only reads the pod leaves its labels as they came.
func tagged(pod *corev1.Pod, seen map[string]bool) {
	seen[metautil.Key(pod)] = true
	pod.Labels["seen"] = "true" // want `nil map "pod.Labels"`
}

// An object made here without annotations and filled by a call goguard cannot read
// (a reader of stored objects): what its source lacks stays nil.
func restore(read func(obj any) error) (*corev1.Pod, error) {
	pod := new(corev1.Pod)
	if err := read(pod); err != nil {
		return nil, err
	}
	pod.Annotations["restored"] = "true" // want `nil map "pod.Annotations"`
	return pod, nil
}
