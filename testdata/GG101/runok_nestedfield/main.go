package main

import "fmt"

type Topology struct {
	peersByZone map[string]map[string]bool
}

func NewTopology() *Topology {
	return &Topology{peersByZone: make(map[string]map[string]bool)}
}

func (t *Topology) Add(zone, peer string) {
	if t.peersByZone[zone] == nil {
		t.peersByZone[zone] = map[string]bool{}
	}
	t.peersByZone[zone][peer] = true
}

func (t *Topology) Peers(zone string) int { return len(t.peersByZone[zone]) }

func main() {
	t := NewTopology()
	t.Add("eu", "a")
	fmt.Println(t.Peers("eu"))
}
