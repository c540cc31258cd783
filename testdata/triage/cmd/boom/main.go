// Command boom panics on purpose.
package main

import "errors"

func check(err error) {
	if err != nil {
		panic(err)
	}
}

func main() {
	check(errors.New("boom: the invariant does not hold"))
}
