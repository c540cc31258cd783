// Package posmodcallees writes into the results of another package's functions.
package posmodcallees

import "goguard.test/GG101/modconf"

// The environment may leave the other package's result nil.
func settings() map[string]string {
	o := modconf.Overrides()
	o["source"] = "env" // want `nil map "o"`
	return o
}
