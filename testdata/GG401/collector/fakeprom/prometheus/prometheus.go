// Package prometheus is a stand-in for client_golang's, with the names a collector
// uses, so that the fixture builds offline.
package prometheus

type Desc struct{}

type Metric interface{}

type Collector interface {
	Describe(chan<- *Desc)
	Collect(chan<- Metric)
}

func MustRegister(cs ...Collector) {}
