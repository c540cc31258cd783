package negnested

// Topology keeps, per zone, the peers seen there.
type Topology struct {
	peersByZone map[string]map[string]bool
	hosts       map[string]map[string]int
	routes      map[string]map[string]string
}

// NewTopology makes the outer maps; routes come filled from its argument.
func NewTopology(routes map[string]map[string]string) *Topology {
	return &Topology{
		peersByZone: make(map[string]map[string]bool),
		hosts:       map[string]map[string]int{},
		routes:      routes,
	}
}

// safe: the zone's map is made when it is missing.
func (t *Topology) Add(zone, peer string) {
	if t.peersByZone[zone] == nil {
		t.peersByZone[zone] = map[string]bool{}
	}
	t.peersByZone[zone][peer] = true
}

// safe: a helper stores the entries through its own variable.
func (t *Topology) Count(zone, host string) {
	ensure(t.hosts, zone)
	t.hosts[zone][host]++
}

func ensure(m map[string]map[string]int, k string) {
	if m[k] == nil {
		m[k] = map[string]int{}
	}
}

// safe: the routes came with their entries from the caller.
func (t *Topology) Route(zone, dst, via string) {
	if _, ok := t.routes[zone]; ok {
		t.routes[zone][dst] = via
	}
}
