package poscallees

import (
	"bufio"
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

// The error is dropped: a file that cannot be opened hands back the nil table.
func withDefaults(path string) map[string]string {
	ports, _ := loadPorts(path)
	ports["http"] = "80" // want `nil map "ports"`
	return ports
}

// Dropped by assignment as well.
func reload(path string) map[string]string {
	var ports map[string]string
	ports, _ = loadPorts(path)
	ports["https"] = "443" // want `nil map "ports"`
	return ports
}
