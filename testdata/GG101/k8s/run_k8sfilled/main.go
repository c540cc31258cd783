// panics: assignment to entry in nil map
package main

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Reader is the part of a client that fills an object in place.
type Reader interface {
	Get(ctx context.Context, key string, obj *corev1.Pod) error
}

// store stands in for the API server: it holds a pod created without labels.
type store map[string]*corev1.Pod

func (s store) Get(_ context.Context, key string, obj *corev1.Pod) error {
	p, ok := s[key]
	if !ok {
		return fmt.Errorf("%s not found", key)
	}
	*obj = *p.DeepCopy()
	return nil
}

// relabel fetches the pod into an object it built, then labels it.
func relabel(ctx context.Context, c Reader, key string) error {
	pod := &corev1.Pod{}
	if err := c.Get(ctx, key, pod); err != nil {
		return err
	}
	pod.Labels["relabelled"] = "true" // want `nil map "pod.Labels"`
	return nil
}

func main() {
	s := store{"default/web": {ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"}}}
	fmt.Println(relabel(context.Background(), s, "default/web"))
}
