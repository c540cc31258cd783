package main

import (
	"context"
	"encoding/json"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"goguard.test/k8s/metautil"
)

type Reader interface {
	Get(ctx context.Context, key string, obj *corev1.Pod) error
}

type store map[string]*corev1.Pod

func (s store) Get(_ context.Context, key string, obj *corev1.Pod) error {
	p, ok := s[key]
	if !ok {
		return fmt.Errorf("%s not found", key)
	}
	*obj = *p.DeepCopy()
	return nil
}

// ensureLabels makes the labels of a pod that has none.
func ensureLabels(pod *corev1.Pod) {
	if pod.Labels == nil {
		pod.Labels = map[string]string{}
	}
}

// annotate makes an object's annotations through the metav1.Object setters.
func annotate(obj metav1.Object) {
	if obj.GetAnnotations() == nil {
		obj.SetAnnotations(map[string]string{})
	}
}

func relabel(ctx context.Context, c Reader, key string) (*corev1.Pod, error) {
	pod := &corev1.Pod{}
	if err := c.Get(ctx, key, pod); err != nil {
		return nil, err
	}
	ensureLabels(pod)
	pod.Labels["relabelled"] = "true"
	annotate(pod)
	pod.GetAnnotations()["stamped"] = "true"
	return pod, nil
}

func tagged(pod *corev1.Pod, seen map[string]bool) {
	metautil.EnsureLabels(pod)
	seen[metautil.Key(pod)] = true
	pod.Labels["seen"] = "true"
}

func restore(read func(obj any) error) (*corev1.Pod, error) {
	pod := new(corev1.Pod)
	if err := read(pod); err != nil {
		return nil, err
	}
	if pod.Annotations == nil {
		pod.Annotations = map[string]string{}
	}
	pod.Annotations["restored"] = "true"
	return pod, nil
}

func main() {
	stored := []byte(`{"metadata": {"name": "web", "namespace": "default"}}`)
	restored, err := restore(func(obj any) error { return json.Unmarshal(stored, obj) })
	fmt.Println(restored, err)
	tagged(restored, map[string]bool{})
	s := store{"default/web": {ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"}}}
	pod, err := relabel(context.Background(), s, "default/web")
	fmt.Println(pod.Labels, pod.Annotations, err)
}
