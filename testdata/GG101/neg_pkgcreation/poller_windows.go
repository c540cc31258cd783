//go:build windows

package negpkgcreation

// poller of Windows: a different type of the same name, with its own field set.
type poller struct {
	handles map[uintptr]bool
}

func newPoller() *poller { return &poller{handles: map[uintptr]bool{}} }

func (p *poller) add(h uintptr) { p.handles[h] = true }
