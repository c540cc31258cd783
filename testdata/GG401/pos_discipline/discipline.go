package discipline

import (
	"encoding/json"
	"sync"
	"time"
)

// A store whose lock says its values are shared between goroutines (callers in other
// packages): the writes that skip the lock race with those that hold it.
type Store struct {
	mu     sync.RWMutex
	data   map[string]string
	access map[string]time.Time
	meta   map[string]any
}

// Load marks the access holding only the read lock: every reader holds it at once.
func (s *Store) Load(k string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.data[k]
	s.access[k] = time.Now() // want `concurrent map writes: s.access is written holding only s.mu.RLock\(\)`
	return v, ok
}

func (s *Store) Save(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[k] = v
	s.access[k] = time.Now()
}

// Drop reads under the lock, then deletes after letting it go.
func (s *Store) Drop(k string) string {
	s.mu.Lock()
	v := s.data[k]
	s.mu.Unlock()
	delete(s.data, k) // want `concurrent map writes: s.data is written here with no lock held, but under s.mu.Lock\(\)`
	return v
}

// put is called by every method with the lock held: its writes are guarded.
func (s *Store) put(k, v string) {
	s.data[k] = v
}

func (s *Store) SaveAll(kv map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range kv {
		s.put(k, v)
	}
}

// Decode decodes into the shared meta map under the read lock only: json.Unmarshal
// writes into the map it is handed.
func (s *Store) Decode(b []byte) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return json.Unmarshal(b, &s.meta) // want `concurrent map writes: s.meta is written holding only s.mu.RLock\(\)`
}

func NewStore() *Store {
	return &Store{data: map[string]string{}, access: map[string]time.Time{}, meta: map[string]any{}}
}
