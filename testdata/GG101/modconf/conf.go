// Package modconf is a package of the module whose functions other packages call:
// goguard reads its function bodies for the literal nils they return.
package modconf

import "os"

// Overrides returns nil when the environment sets nothing.
func Overrides() map[string]string {
	v := os.Getenv("APP_OVERRIDES")
	if v == "" {
		return nil
	}
	return map[string]string{"raw": v}
}

// Parse returns nil for an empty input: its caller decides.
func Parse(s string) map[string]string {
	if s == "" {
		return nil
	}
	return map[string]string{"s": s}
}

// Defaults always makes its map.
func Defaults() map[string]string { return map[string]string{"mode": "prod"} }
