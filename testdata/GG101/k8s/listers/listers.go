// Package listers stands in for generated listers and an informer's cache: other
// packages of the module read the objects it holds through its interfaces.
package listers

import corev1 "k8s.io/api/core/v1"

// ConfigMapLister lists config maps from the cache.
type ConfigMapLister interface {
	Get(namespace, name string) (*corev1.ConfigMap, error)
	List(namespace string) ([]*corev1.ConfigMap, error)
}

// Cache holds the objects an informer saw.
type Cache struct {
	ConfigMaps map[string]*corev1.ConfigMap
}

// Get returns the cached object itself: callers copy it before changing it.
func (c *Cache) Get(namespace, name string) (*corev1.ConfigMap, error) {
	return c.ConfigMaps[namespace+"/"+name], nil
}

// List returns the cached objects of a namespace.
func (c *Cache) List(namespace string) ([]*corev1.ConfigMap, error) {
	var out []*corev1.ConfigMap
	for _, cm := range c.ConfigMaps {
		if cm.Namespace == namespace {
			out = append(out, cm)
		}
	}
	return out, nil
}
