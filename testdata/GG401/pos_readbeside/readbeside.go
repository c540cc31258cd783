// Package readbeside counts events on a goroutine the constructor starts and never
// waits for, while the type's exported methods read the counts with no lock.
package readbeside

import "time"

type Meter struct {
	counts map[string]int
}

func NewMeter(events <-chan string) *Meter {
	m := &Meter{counts: map[string]int{}}
	go func() {
		for e := range events {
			m.counts[e]++ // want `concurrent map read and map write: m.counts is written here with no lock held while Count reads it`
		}
	}()
	return m
}

func (m *Meter) Count(e string) int {
	return m.counts[e] // want `concurrent map read and map write: m.counts is read here with no lock held while the goroutine`
}

// Cache refreshes its entries on a ticker goroutine and lists them unlocked.
type Cache struct {
	entries map[string]time.Time
}

func NewCache() *Cache { return &Cache{entries: map[string]time.Time{}} }

func (c *Cache) Start(every time.Duration) {
	go c.refresh(every)
}

func (c *Cache) refresh(every time.Duration) {
	for now := range time.Tick(every) {
		c.entries["refreshed"] = now // want `concurrent map iteration and map write: c.entries is written here with no lock held while Keys ranges over it`
	}
}

func (c *Cache) Keys() []string {
	var keys []string
	for k := range c.entries { // want `concurrent map iteration and map write: c.entries is ranged over here with no lock held`
		keys = append(keys, k)
	}
	return keys
}
