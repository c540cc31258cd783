package precision

import (
	"net/http"
	"sync"
)

// safe: the goroutine deletes only the keys the parent sends after its own loop over the map has ended
func drain(m map[int]bool) {
	ch, done := make(chan int), make(chan struct{})
	go func() {
		for k := range ch {
			delete(m, k)
		}
		close(done)
	}()
	var keys []int
	for k := range m {
		keys = append(keys, k)
	}
	for _, k := range keys {
		ch <- k
	}
	close(ch)
	<-done
}

func expand(m map[int]int, req chan bool, ack chan error) {
	for <-req {
		m[len(m)] = 1
		ack <- nil
	}
}

// safe: a request/acknowledge handshake, taken only on some iterations: the parent reads after the acknowledgement
func handshake(n int) int {
	m := map[int]int{0: 1}
	req, ack := make(chan bool), make(chan error)
	go expand(m, req, ack)
	s := 0
	for i := 0; i < 2*n; i++ {
		if i < n {
			req <- true
			<-ack
		}
		s += m[i]
	}
	req <- false
	return s
}

type table struct{ rows map[int]int }

func (t *table) Fill(ch chan int) {
	for i := 0; i < 3; i++ {
		t.rows[i] = i
		ch <- i
	}
	close(ch)
}

// safe: each goroutine is drained to its channel's close before the next one starts
func sequential(t *table) {
	for i := 0; i < 2; i++ {
		ch := make(chan int)
		go t.Fill(ch)
		for range ch {
		}
	}
}

// safe: the routes map is filled before the server starts and only read by the handler
func serve(addr string) error {
	routes := map[string]string{}
	routes["/a"] = "a"
	routes["/b"] = "b"
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(routes[r.URL.Path]))
	})
	return http.ListenAndServe(addr, mux)
}

// safe: the parent writes only after WaitGroup.Wait
func afterWait(keys []int) map[int]int {
	m := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, k := range keys {
			m[k] = 1
		}
	}()
	wg.Wait()
	m[-1] = 0
	return m
}

type lazy struct {
	once  sync.Once
	index map[string]int
}

// safe: the map is filled once, inside sync.Once, however many handlers ask
func (l *lazy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.once.Do(func() {
		l.index = map[string]int{}
		l.index["x"] = 1
	})
	_ = l.index[r.URL.Path]
}

// safe: a handler value handed to the server whose ServeHTTP only reads its map
func register(mux *http.ServeMux) {
	mux.Handle("/", &lazy{})
}

type worker struct {
	mu    sync.Mutex
	state map[int]int
}

// NewWorker fills the map before the goroutine that owns it starts.
func NewWorker() *worker {
	w := &worker{state: map[int]int{}}
	w.state[0] = 1
	go w.loop()
	return w
}

func (w *worker) loop() {
	for i := 0; ; i++ {
		w.mu.Lock()
		w.state[i%8] = i
		w.mu.Unlock()
	}
}

// safe: the worker's exported method takes the lock its goroutine takes
func (w *worker) Set(k, v int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.state[k] = v
}

type index struct {
	mu      sync.Mutex
	entries map[string]int
	cache   []string
}

// safe: the lock guards only the cache; the map is never written under it (most writes hold no lock)
func (x *index) Add(k string) {
	x.entries[k]++
	x.mu.Lock()
	x.cache = nil
	x.mu.Unlock()
}

// safe: a helper whose comment says the caller holds the lock
// Lock must be held.
func (x *index) addLocked(k string) {
	x.entries[k] = 0
}

// safe: a read lock around reads only
func (x *index) Has(k string) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	_, ok := x.entries[k]
	return ok
}

// safe: a semaphore of one slot taken around each goroutine's write
func serialised(keys []int) map[int]bool {
	m := map[int]bool{}
	sem := make(chan struct{}, 1)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			m[k] = true
			<-sem
		}()
	}
	wg.Wait()
	return m
}

func newTable() *table { return &table{rows: map[int]int{}} }

func newIndex() *index { return &index{entries: map[string]int{}} }

var _, _ = newTable, newIndex
