// panics: assignment to entry in nil map
package main

import "fmt"

type Topology struct {
	peersByZone map[string]map[string]bool
}

func NewTopology() *Topology {
	return &Topology{peersByZone: make(map[string]map[string]bool)}
}

// Add writes into the zone's map, which nothing in the package ever stores.
func (t *Topology) Add(zone, peer string) {
	t.peersByZone[zone][peer] = true // want `nil map "t.peersByZone\[zone\]"`
}

func (t *Topology) Peers(zone string) int { return len(t.peersByZone[zone]) }

func main() {
	t := NewTopology()
	t.Add("eu", "a")
	fmt.Println(t.Peers("eu"))
}
