package posnested

// Topology keeps, per zone, the peers seen there.
type Topology struct {
	peersByZone map[string]map[string]bool
	seen        int
}

// NewTopology makes the outer map only.
func NewTopology() *Topology {
	return &Topology{peersByZone: make(map[string]map[string]bool)}
}

// Nothing in the package stores a zone's map: every lookup is nil.
func (t *Topology) Add(zone, peer string) {
	t.seen++
	t.peersByZone[zone][peer] = true // want `nil map "t.peersByZone\[zone\]"`
}

// Through a local too.
func (t *Topology) Remember(zone, peer string) {
	peers := t.peersByZone[zone]
	peers[peer] = true // want `nil map "peers"`
}

// Peers only reads.
func (t *Topology) Peers(zone string) int {
	n := 0
	for range t.peersByZone[zone] {
		n++
	}
	delete(t.peersByZone, "")
	return n + len(t.peersByZone)
}
