// Package keeps: functions that read their parameter, or keep only a copy of it.
package keeps

type vector struct {
	x, y int
}

var total int

var copies []vector

func add(v *vector) {
	total += v.x + v.y
}

func keepCopy(v *vector) {
	copies = append(copies, *v)
}

func local(v *vector) int {
	var mine []*vector
	mine = append(mine, v)
	return len(mine)
}

// safe: add reads the vector and keeps nothing.
func sum(points [][2]int) int {
	var item vector
	for _, p := range points {
		item.x, item.y = p[0], p[1]
		add(&item)
	}
	return total
}

// safe: keepCopy stores a copy of the value, not the pointer.
func copied(points [][2]int) {
	var item vector
	for _, p := range points {
		item.x, item.y = p[0], p[1]
		keepCopy(&item)
	}
}

// safe: local keeps the pointer only in its own local slice, which dies with the call.
func counted(points [][2]int) int {
	var item vector
	n := 0
	for _, p := range points {
		item.x = p[0]
		n += local(&item)
	}
	return n
}
