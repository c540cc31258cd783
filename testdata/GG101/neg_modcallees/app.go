// Package negmodcallees holds the safe twins of posmodcallees.
package negmodcallees

import "goguard.test/GG101/modconf"

// safe: the result is checked before the write.
func settings() map[string]string {
	o := modconf.Overrides()
	if o == nil {
		o = map[string]string{}
	}
	o["source"] = "env"
	return o
}

// safe: the callee's nil is decided by its argument, which this caller supplies.
func parsed(s string) map[string]string {
	p := modconf.Parse(s + "=1")
	p["k"] = "v"
	return p
}

// safe: the callee always makes its map.
func defaults() map[string]string {
	d := modconf.Defaults()
	d["source"] = "defaults"
	return d
}
