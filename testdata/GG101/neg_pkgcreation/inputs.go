package negpkgcreation

// Endpoint is where a load balancer answers.
type Endpoint struct{ Addr string }

// Service describes a service a Balancer may front.
type Service struct {
	Name         string
	LoadBalancer *Endpoint
}

// Balancer records the addresses of the services it fronts.
type Balancer struct {
	name  string
	addrs map[string]string
}

// NewBalancer makes the addresses.
func NewBalancer(name string) *Balancer {
	return &Balancer{name: name, addrs: map[string]string{}}
}

// Front writes the addresses only for a service with a load balancer: what the
// caller hands decides whether the write happens.
func (b *Balancer) Front(svc Service) {
	lb := svc.LoadBalancer
	if lb != nil {
		b.addrs[svc.Name] = lb.Addr
	}
}

// Track writes under a test of the service's own contents.
func (b *Balancer) Track(svc *Service) {
	if svc.LoadBalancer != nil && svc.Name != "" {
		b.addrs[svc.Name] = svc.LoadBalancer.Addr
	}
}

// safe: a balancer made without addresses only fronts services without a load
// balancer, which are never written into the nil map.
func internalOnly() {
	b := &Balancer{name: "internal"}
	b.Front(Service{Name: "db"})
	b.Track(&Service{Name: "cache"})
}
