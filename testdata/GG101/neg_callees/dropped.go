package negcallees

import (
	"bufio"
	"errors"
	"os"
	"strings"
)

// loadPorts reads a name -> port table; a file it cannot open is an error and no
// table.
func loadPorts(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ports := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, port, _ := strings.Cut(sc.Text(), " ")
		ports[name] = port
	}
	return ports, sc.Err()
}

// safe: the error is checked before the write.
func checked(path string) (map[string]string, error) {
	ports, err := loadPorts(path)
	if err != nil {
		return nil, err
	}
	ports["http"] = "80"
	return ports, nil
}

// safe: the error is dropped, and the nil table is made.
func lenient(path string) map[string]string {
	ports, _ := loadPorts(path)
	if ports == nil {
		ports = map[string]string{}
	}
	ports["http"] = "80"
	return ports
}

var errNoSpec = errors.New("no spec")

// parseSpec fails only for what its caller hands it.
func parseSpec(spec string) (map[string]string, error) {
	if spec == "" {
		return nil, errNoSpec
	}
	name, port, _ := strings.Cut(spec, "=")
	return map[string]string{name: port}, nil
}

// safe: the argument is never empty, so the error return is never taken.
func fromSpec(name string) map[string]string {
	ports, _ := parseSpec(name + "=80")
	ports["https"] = "443"
	return ports
}
