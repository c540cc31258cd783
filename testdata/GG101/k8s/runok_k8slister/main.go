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

func (s *Syncer) bump(ns, name, rev string) (*corev1.ConfigMap, error) {
	cached, err := s.configMaps.Get(ns, name)
	if err != nil {
		return nil, err
	}
	cm := cached.DeepCopy()
	if cm.Annotations == nil {
		cm.Annotations = map[string]string{}
	}
	cm.Annotations["revision"] = rev
	return cm, nil
}

func main() {
	cache := &listers.Cache{ConfigMaps: map[string]*corev1.ConfigMap{
		"default/settings": {ObjectMeta: metav1.ObjectMeta{Name: "settings", Namespace: "default"}},
	}}
	s := &Syncer{configMaps: cache}
	fmt.Println(s.bump("default", "settings", "7"))
}
