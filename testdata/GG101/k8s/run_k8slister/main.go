// panics: assignment to entry in nil map
package main

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"goguard.test/k8s/listers"
)

type Syncer struct {
	configMaps listers.ConfigMapLister
}

// bump copies the cached object and annotates the copy; this one has no annotations.
func (s *Syncer) bump(ns, name, rev string) (*corev1.ConfigMap, error) {
	cached, err := s.configMaps.Get(ns, name)
	if err != nil {
		return nil, err
	}
	cm := cached.DeepCopy()
	cm.Annotations["revision"] = rev // want `nil map "cm.Annotations"`
	return cm, nil
}

func main() {
	cache := &listers.Cache{ConfigMaps: map[string]*corev1.ConfigMap{
		"default/settings": {ObjectMeta: metav1.ObjectMeta{Name: "settings", Namespace: "default"}},
	}}
	s := &Syncer{configMaps: cache}
	fmt.Println(s.bump("default", "settings", "7"))
}
