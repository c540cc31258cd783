//go:build !windows

package negpkgcreation

// poller of other systems: what its constructor leaves out is no field of the
// Windows type, whose methods write their own.
type poller struct {
	fds map[int]bool
}

func newPoller() *poller { return &poller{fds: map[int]bool{}} }

func (p *poller) add(fd int) { p.fds[fd] = true }

// safe: on each system the constructor makes the map that system's add writes.
func watch(fd int) {
	p := newPoller()
	p.add(fd)
}
