// Package negclosures holds safe closures and shadowing: closures that run
// after the make, maps assigned inside closures, stored closures over a map
// made later in the function, and inner-block shadows in both directions.
// Each function whose comment starts "safe:" is one negative shape.
package negclosures

import (
	"strings"
	"sync"
)

// safe: the immediately invoked closure runs after the make.
func warmupMade(keys []string) map[string]bool {
	warmed := make(map[string]bool)
	func() {
		for _, k := range keys {
			warmed[k] = true
		}
	}()
	return warmed
}

// safe: the goroutine starts after the make.
func fanOutMade(jobs []string) map[string]int {
	results := map[string]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		results["started"] = len(jobs)
	}()
	wg.Wait()
	return results
}

// safe: a closure assigns the map, and it runs before the write.
func setupByClosure(key string) map[string]int {
	var m map[string]int
	setup := func() { m = make(map[string]int) }
	setup()
	m[key] = 1
	return m
}

// safe: a stored closure over a map that is made before the closure is called.
func tallyMadeLater(words []string) map[string]int {
	var freq map[string]int
	add := func(w string) { freq[w]++ }
	freq = make(map[string]int)
	for _, w := range words {
		add(w)
	}
	return freq
}

// safe: a deferred closure over a map made before the function returns.
func handleMade(req string) (stats map[string]int) {
	defer func() {
		stats["handled"]++
	}()
	stats = map[string]int{}
	return stats
}

// safe: the outer map is nil, but the inner block writes its own made shadow.
func shadowInnerMade(keys []string) map[string]int {
	var m map[string]int
	if len(keys) > 0 {
		m := make(map[string]int)
		for _, k := range keys {
			m[k]++
		}
		_ = m
	}
	return m
}

// safe: a nil shadow lives only in an inner block; the made outer map is written after it.
func shadowOuterMade(keys []string) map[string]int {
	m := make(map[string]int)
	{
		var m map[string]int
		_ = len(m)
	}
	for _, k := range keys {
		m[strings.ToLower(k)]++
	}
	return m
}

// safe: a closure parameter shadows the captured nil map.
func closureParamShadow(keys []string) int {
	var m map[string]int
	count := func(m map[string]int) {
		for _, k := range keys {
			m[k]++
		}
	}
	count(map[string]int{})
	return len(m)
}

// safe: a closure declares and makes its own map.
func closureOwnMap(keys []string) map[string]bool {
	build := func() map[string]bool {
		set := make(map[string]bool, len(keys))
		for _, k := range keys {
			set[k] = true
		}
		return set
	}
	return build()
}
