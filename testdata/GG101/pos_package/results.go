package pospackage

import (
	"os"
	"strings"
)

// load returns nil when the file cannot be read, and no error with it.
func load(path string) map[string]string {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, _ := strings.Cut(line, "=")
		out[k] = v
	}
	return out
}

func Settings(path string) map[string]string {
	conf := load(path)
	conf["loaded"] = "yes" // want `possibly nil map "conf"`
	return conf
}

// Written straight into the call's result.
func Override(path string) {
	load(path)["override"] = "yes" // want `possibly nil map "load\(path\)"`
}

// Two levels deep: reload returns what load returns.
func reload(path string) map[string]string {
	return load(path)
}

func Refresh(path string) {
	conf := reload(path)
	conf["refreshed"] = "yes" // want `possibly nil map "conf"`
}

// A second result that is not an error says nothing about the first.
func lookupEnv() (map[string]string, bool) {
	if os.Getenv("HOME") == "" {
		return nil, false
	}
	return map[string]string{"home": os.Getenv("HOME")}, true
}

func Env() {
	env, _ := lookupEnv()
	env["user"] = os.Getenv("USER") // want `possibly nil map "env"`
}

// A named result made on one path only.
func labels() (out map[string]string) {
	if os.Getenv("LABELS") != "" {
		out = map[string]string{}
	}
	return
}

func Label(k, v string) {
	l := labels()
	l[k] = v // want `possibly nil map "l"`
}

type store struct{ path string }

// A method's result.
func (s *store) index() map[string]int {
	if _, err := os.Stat(s.path + ".idx"); err != nil {
		return nil
	}
	return map[string]int{}
}

func (s *store) Bump(k string) {
	idx := s.index()
	idx[k]++ // want `possibly nil map "idx"`
}
