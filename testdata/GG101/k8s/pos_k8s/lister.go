package posk8s

import (
	corev1 "k8s.io/api/core/v1"

	"goguard.test/k8s/listers"
)

// Syncer reads config maps through a lister of another package.
type Syncer struct {
	configMaps listers.ConfigMapLister
	updated    []*corev1.ConfigMap
}

// The lister's result is an API object: its annotations are nil when it has none.
func (s *Syncer) bump(ns, name, rev string) error {
	cm, err := s.configMaps.Get(ns, name)
	if err != nil {
		return err
	}
	cm.Annotations["revision"] = rev // want `nil map "cm.Annotations"`
	return nil
}

// A copy of a method's result keeps its nil labels.
func (s *Syncer) copied(ns, name string) error {
	cached, err := s.configMaps.Get(ns, name)
	if err != nil {
		return err
	}
	cm := cached.DeepCopy()
	cm.Labels["copied"] = "true" // want `nil map "cm.Labels"`
	return nil
}
