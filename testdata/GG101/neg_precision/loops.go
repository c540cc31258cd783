package negprecision

import "strings"

type Parsed struct {
	Name   string
	Config map[string]string
}

// safe: a state machine over the runes of a path (rclone's fspath.Parse): the map is
// made in the first state, and the states that write it can only follow it.
func Parse(path string) (parsed Parsed) {
	const (
		stateName = iota
		stateParam
		stateValue
	)
	state := stateName
	prev := 0
	param := ""
	for i, c := range path {
		switch state {
		case stateName:
			if c == ',' {
				parsed.Name = path[:i]
				prev = i + 1
				state = stateParam
				parsed.Config = make(map[string]string)
			}
		case stateParam:
			if c == '=' {
				param = path[prev:i]
				prev = i + 1
				state = stateValue
			} else if c == ',' {
				parsed.Config[path[prev:i]] = "true"
				prev = i + 1
			}
		case stateValue:
			if c == ',' {
				parsed.Config[param] = path[prev:i]
				prev = i + 1
				state = stateParam
			}
		}
	}
	return parsed
}

type phase int

const (
	phaseHeader phase = iota
	phaseBody
)

// safe: the same with an if-chain over a named constant type.
func Sections(lines []string) map[string]string {
	var body map[string]string
	p := phaseHeader
	for _, line := range lines {
		if p == phaseHeader {
			if line == "" {
				body = map[string]string{}
				p = phaseBody
			}
			continue
		} else if p == phaseBody {
			k, v, _ := strings.Cut(line, ":")
			body[k] = v
		}
	}
	return body
}

// safe: a flag set only in the branch that makes the map guards the write.
func FlagInLoop(items []string) map[string]int {
	var counts map[string]int
	made := false
	for _, it := range items {
		if it == "start" {
			counts = make(map[string]int)
			made = true
			continue
		}
		if made {
			counts[it]++
		}
	}
	return counts
}

// safe: a counter that is 0 on the first iteration, where the map is made.
func EveryNth(items []string, n int) []map[string]bool {
	var out []map[string]bool
	var cur map[string]bool
	for i := 0; i < len(items); i++ {
		if i%n == 0 {
			cur = map[string]bool{}
			out = append(out, cur)
		}
		cur[items[i]] = true
	}
	return out
}

// safe: a default case that can only run after the making case.
func DefaultAfterStart(tokens []string) map[string]int {
	var seen map[string]int
	state := 0
	for _, t := range tokens {
		switch state {
		case 0:
			seen = map[string]int{}
			state = 1
		default:
			seen[t]++
		}
	}
	return seen
}

// safe: a boolean state set before the loop and flipped where the map is made.
func FirstLineHeader(lines []string) map[string]string {
	var fields map[string]string
	header := true
	for _, l := range lines {
		if header {
			fields = make(map[string]string)
			header = false
			continue
		}
		fields[l] = l
	}
	return fields
}
