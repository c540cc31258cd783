// Package negnested holds safe writes into inner maps: the inner map is made
// behind a nil or comma-ok check, or the outer map may already hold values
// (a store happened, or it comes from a parameter, field, global or call).
// Each function whose comment starts "safe:" is one negative shape.
package negnested

type hit struct{ user, path string }

// safe: if outer[k] == nil { outer[k] = make(...) } before the nested write.
func countHits(hits []hit) map[string]map[string]int {
	counts := map[string]map[string]int{}
	for _, h := range hits {
		if counts[h.user] == nil {
			counts[h.user] = make(map[string]int)
		}
		counts[h.user][h.path]++
	}
	return counts
}

// safe: if _, ok := outer[k]; !ok { outer[k] = make(...) } before the nested write.
func groupByHost(pairs [][2]string) map[string]map[string]bool {
	byHost := make(map[string]map[string]bool)
	for _, p := range pairs {
		if _, ok := byHost[p[0]]; !ok {
			byHost[p[0]] = make(map[string]bool)
		}
		byHost[p[0]][p[1]] = true
	}
	return byHost
}

// safe: the looked-up inner map is made and stored when missing.
func addRoute(host, path string) map[string]map[string]bool {
	routes := make(map[string]map[string]bool)
	paths := routes[host]
	if paths == nil {
		paths = make(map[string]bool)
		routes[host] = paths
	}
	paths[path] = true
	return routes
}

// safe: the comma-ok result is checked before the write.
func addMemberChecked(team, user string) map[string]map[string]bool {
	teams := map[string]map[string]bool{}
	if members, ok := teams[team]; ok {
		members[user] = true
	}
	return teams
}

// safe: comma-ok with !ok making and storing the inner map.
func addMemberOrCreate(team, user string) map[string]map[string]bool {
	teams := map[string]map[string]bool{}
	members, ok := teams[team]
	if !ok {
		members = map[string]bool{}
		teams[team] = members
	}
	members[user] = true
	return teams
}

// safe: a literal with entries: the lookup hits a made inner map.
func seededGroups(user string) map[string]map[string]bool {
	groups := map[string]map[string]bool{"admin": {}}
	groups["admin"][user] = true
	return groups
}

// safe: the inner map was stored before the lookup.
func storedFirst(svc, route string) map[string]map[string]int {
	totals := make(map[string]map[string]int)
	totals[svc] = map[string]int{}
	totals[svc][route]++
	return totals
}

// safe: an outer map received as a parameter (its inner maps are the caller's).
func bumpParam(idx map[string]map[string]int, a, b string) {
	idx[a][b]++
}

type tracker struct {
	Seen map[string]map[string]bool
}

// safe: an outer map held in an exported field (another package may fill it).
func (t *tracker) mark(a, b string) {
	t.Seen[a][b] = true
}

var shards = map[string]map[string]int{"default": {}}

// safe: a package-level outer map with a made inner map.
func bumpShard(key string) {
	shards["default"][key]++
}

func loadIndex() map[string]map[string]int {
	return map[string]map[string]int{"users": {}}
}

// safe: an outer map from a call.
func bumpLoaded(key string) map[string]map[string]int {
	idx := loadIndex()
	idx["users"][key]++
	return idx
}

// safe: the outer map's values are ints, not maps: counts[k]++ is a plain map write.
func flatCounts(keys []string) map[string]int {
	counts := map[string]int{}
	for _, k := range keys {
		counts[k]++
	}
	return counts
}

// safe: the map of *[]byte is made; storing a buffer pointer into it is a plain map write.
func registerPool(name string, size int) map[string]*[]byte {
	pools := make(map[string]*[]byte)
	buf := make([]byte, 0, size)
	pools[name] = &buf
	return pools
}
