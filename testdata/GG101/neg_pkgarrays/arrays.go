// Package negpkgarrays holds arrays of maps whose elements are made before they are
// written. Each "safe:" function is one negative shape.
package negpkgarrays

// safe: every element is made in a loop before the writes.
func Made(keys []string) [3]map[string]int {
	var buckets [3]map[string]int
	for i := range buckets {
		buckets[i] = map[string]int{}
	}
	for _, k := range keys {
		buckets[len(k)%3][k]++
	}
	return buckets
}

// safe: an array literal with made elements.
func Literal(k string) [2]map[string]bool {
	pair := [2]map[string]bool{{}, {}}
	pair[0][k] = true
	return pair
}

// safe: the array is assigned from another array.
func Copied(src [2]map[string]int, k string) [2]map[string]int {
	var dst [2]map[string]int
	dst = src
	if dst[0] != nil {
		dst[0][k]++
	}
	return dst
}

// safe: the element is made on demand.
func OnDemand(keys []string) [4]map[string]int {
	var shards [4]map[string]int
	for _, k := range keys {
		i := len(k) % 4
		if shards[i] == nil {
			shards[i] = map[string]int{}
		}
		shards[i][k]++
	}
	return shards
}

var global [2]map[string]int

func init() {
	global[0] = map[string]int{}
	global[1] = map[string]int{}
}

// safe: the package array's elements are stored in init().
func Global(k string) { global[len(k)%2][k]++ }

type sharded struct {
	shards [2]map[string]int
}

// safe: the struct's array elements are made before the write.
func ShardedMade(k string) sharded {
	var s sharded
	for i := range s.shards {
		s.shards[i] = map[string]int{}
	}
	s.shards[len(k)%2][k]++
	return s
}

// safe: the literal sets the array with made maps.
func ShardedLiteral(k string) sharded {
	s := sharded{shards: [2]map[string]int{{}, {}}}
	s.shards[0][k] = 1
	return s
}
