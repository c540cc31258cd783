// Package v1 stands in for k8s.io/api/core/v1 in the fixtures.
package v1

import metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

// Pod is a pod: its labels and annotations come from its ObjectMeta.
type Pod struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	NodeName          string `json:"nodeName,omitempty"`
}

// DeepCopy copies the pod, nil maps staying nil.
func (p *Pod) DeepCopy() *Pod {
	out := &Pod{ObjectMeta: metav1.ObjectMeta{Name: p.Name, Namespace: p.Namespace}, NodeName: p.NodeName}
	if p.Labels != nil {
		out.Labels = map[string]string{}
		for k, v := range p.Labels {
			out.Labels[k] = v
		}
	}
	if p.Annotations != nil {
		out.Annotations = map[string]string{}
		for k, v := range p.Annotations {
			out.Annotations[k] = v
		}
	}
	return out
}

// ConfigMap holds configuration data.
type ConfigMap struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Data              map[string]string `json:"data,omitempty"`
}

// Secret holds secret data.
type Secret struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Data              map[string][]byte `json:"data,omitempty"`
}

// DeepCopy copies the config map, nil maps staying nil.
func (c *ConfigMap) DeepCopy() *ConfigMap {
	out := &ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: c.Name, Namespace: c.Namespace}}
	if c.Labels != nil {
		out.Labels = map[string]string{}
		for k, v := range c.Labels {
			out.Labels[k] = v
		}
	}
	if c.Annotations != nil {
		out.Annotations = map[string]string{}
		for k, v := range c.Annotations {
			out.Annotations[k] = v
		}
	}
	if c.Data != nil {
		out.Data = map[string]string{}
		for k, v := range c.Data {
			out.Data[k] = v
		}
	}
	return out
}
