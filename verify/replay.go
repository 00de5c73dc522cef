package verify

import (
	"container/heap"
	"sync"
	"time"
)

// ReplayGuard remembers accepted messages. A shared implementation (a cache or database every
// receiver instance uses) stops a replay sent to another instance; MemoryGuard serves one
// process.
type ReplayGuard interface {
	// Remember records key until expires and reports whether it is new: false means the key
	// was recorded before and has not yet expired at now. It must be safe for concurrent use
	// and atomic: of two concurrent calls with one key, only one may report true.
	Remember(key string, expires, now time.Time) (fresh bool, err error)
}

// DefaultGuardLimit is how many messages a MemoryGuard remembers unless told otherwise.
const DefaultGuardLimit = 100_000

// MemoryGuard is a ReplayGuard in this process's memory, bounded in size. Entries leave when
// they expire; when the guard is full, the entry closest to expiry is forgotten first, which
// for that one message shortens the protection rather than refusing genuine traffic.
//
// The zero value is ready to use with DefaultGuardLimit. A MemoryGuard is safe for concurrent
// use.
type MemoryGuard struct {
	mu    sync.Mutex
	limit int
	seen  map[string]time.Time
	queue expiries
}

// NewMemoryGuard returns a guard that remembers at most limit messages; a limit that is not
// positive means DefaultGuardLimit.
func NewMemoryGuard(limit int) *MemoryGuard {
	return &MemoryGuard{limit: limit}
}

// Remember records key until expires. It never fails.
func (g *MemoryGuard) Remember(key string, expires, now time.Time) (bool, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.seen == nil {
		g.seen = make(map[string]time.Time)
		if g.limit <= 0 {
			g.limit = DefaultGuardLimit
		}
	}
	for len(g.queue) > 0 && !g.queue[0].expires.After(now) {
		g.forget()
	}
	if until, ok := g.seen[key]; ok && until.After(now) {
		return false, nil
	}
	for len(g.seen) >= g.limit {
		g.forget()
	}
	g.seen[key] = expires
	heap.Push(&g.queue, entry{key: key, expires: expires})
	return true, nil
}

// Len reports how many messages the guard remembers.
func (g *MemoryGuard) Len() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.seen)
}

// forget drops the entry closest to expiry.
func (g *MemoryGuard) forget() {
	e := heap.Pop(&g.queue).(entry)
	if g.seen[e.key].Equal(e.expires) {
		delete(g.seen, e.key)
	}
}

type entry struct {
	key     string
	expires time.Time
}

// expiries is a min-heap of entries by expiry.
type expiries []entry

func (q expiries) Len() int           { return len(q) }
func (q expiries) Less(i, j int) bool { return q[i].expires.Before(q[j].expires) }
func (q expiries) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *expiries) Push(x any)        { *q = append(*q, x.(entry)) }
func (q *expiries) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}
