package negk8s

import (
	corev1 "k8s.io/api/core/v1"

	"goguard.test/k8s/listers"
)

// Syncer reads config maps through a lister of another package.
type Syncer struct {
	configMaps listers.ConfigMapLister
	updated    []*corev1.ConfigMap
}

// safe: the copy of the lister's object gets its annotations made first.
func (s *Syncer) bump(ns, name, rev string) error {
	cached, err := s.configMaps.Get(ns, name)
	if err != nil {
		return err
	}
	cm := cached.DeepCopy()
	if cm.Annotations == nil {
		cm.Annotations = map[string]string{}
	}
	cm.Annotations["revision"] = rev
	return nil
}

// safe: the lister's result only gets its data read.
func (s *Syncer) value(ns, name, key string) string {
	cm, err := s.configMaps.Get(ns, name)
	if err != nil || cm == nil {
		return ""
	}
	return cm.Data[key]
}
