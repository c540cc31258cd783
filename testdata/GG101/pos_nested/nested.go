// Package posnested holds writes into inner maps looked up from a fresh local
// outer map that nothing has been stored into: every such lookup yields nil.
package posnested

import (
	"strings"
	"time"
)

type hit struct{ user, path string }

// Nested write through a fresh outer literal: counts[user] is a nil inner map.
func countHits(hits []hit) map[string]map[string]int {
	counts := map[string]map[string]int{}
	for _, h := range hits {
		counts[h.user][h.path]++ // want "nil map"
	}
	return counts
}

// Nested write through a fresh outer map made with make.
func groupByHost(urls []string) map[string]map[string]bool {
	byHost := make(map[string]map[string]bool)
	for _, u := range urls {
		host, path, _ := strings.Cut(u, "/")
		byHost[host][path] = true // want "nil map"
	}
	return byHost
}

// Nested op-assign through a fresh outer map: per-service, per-route latency totals.
func latencyTotals(svc, route string, d time.Duration) map[string]map[string]time.Duration {
	totals := make(map[string]map[string]time.Duration, 8)
	totals[svc][route] += d // want "nil map"
	return totals
}

// Nested write through an outer map declared with var (nil itself: the lookup reads nil).
func aclEntry(role, perm string) map[string]map[string]bool {
	var acl map[string]map[string]bool
	acl[role][perm] = true // want "nil map"
	return acl
}

// Lookup into a variable: the route set of a new host is nil.
func addRoute(host, path string) map[string]map[string]bool {
	routes := make(map[string]map[string]bool)
	paths := routes[host]
	paths[path] = true // want "nil map \"paths\""
	return routes
}

// Comma-ok lookup whose ok is never checked.
func addMember(team, user string) (map[string]map[string]bool, bool) {
	teams := map[string]map[string]bool{}
	members, ok := teams[team]
	members[user] = true // want "nil map \"members\""
	return teams, ok
}

// Map of *[]byte: the buffer pool map itself is never made.
func registerPool(name string, size int) map[string]*[]byte {
	var pools map[string]*[]byte
	buf := make([]byte, 0, size)
	pools[name] = &buf // want "nil map \"pools\""
	return pools
}
