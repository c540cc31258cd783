// prints: (?m)^ghi ghi ghi$
package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// Each goroutine reads buf[:n] after the loop has read the next chunk into buf. The
// goroutines wait at a gate until the loop is over, as a busy scheduler may make them.
func main() {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		gate = make(chan struct{})
		seen []string
	)
	r := strings.NewReader("abcdefghi")
	buf := make([]byte, 3)
	for {
		n, err := r.Read(buf)
		if err == io.EOF {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			mu.Lock()
			seen = append(seen, string(buf[:n])) // want `buf captured by a goroutine shares the array of buf`
			mu.Unlock()
		}()
	}
	close(gate)
	wg.Wait()
	sort.Strings(seen)
	fmt.Println(strings.Join(seen, " "))
}
