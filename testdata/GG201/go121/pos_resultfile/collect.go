// Package resultfile hands &v of a loop variable to a function of another file that
// returns it inside its result, and keeps that result.
package resultfile

import "log"

type config struct{ name string }

// Each result holds &c, the loop's one variable (before Go 1.22).
func collectAll(configs []config) []*result {
	var all []*result
	for _, c := range configs {
		log.Printf("collecting %s", c.name)
		r, err := collect(&c) // want `&c, returned by collect, appended to all points to the one variable c, and the loop assigns it its next element`
		if err != nil {
			return nil
		}
		all = append(all, r)
	}
	return all
}
