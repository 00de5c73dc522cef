package riverdeliver_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/deliver/riverdeliver"
	"github.com/hookkit/hookkit/internal/faultserver"
	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/verify"
)

const secret = "whsec_cml2ZXJkZWxpdmVyLXRlc3Q="

var body = []byte(`{"type":"order.paid","order":"o_1"}`)

// testPool makes a database of its own for one test, migrated, and drops it afterwards.
func testPool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	url := os.Getenv("HOOKKIT_TEST_DATABASE_URL")
	if url == "" {
		t.Skip("riverdeliver: no PostgreSQL; set HOOKKIT_TEST_DATABASE_URL, or run: .ci/with-postgres make test")
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "hookkit_test_" + hex.EncodeToString(suffix)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	config, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	config.ConnConfig.Database = name
	config.MaxConns = 20
	pool, err := pgxpool.NewWithConfig(ctx, config)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		pool.Close()
		if c, err := pgx.Connect(context.Background(), url); err == nil {
			_, _ = c.Exec(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)")
			c.Close(context.Background())
		}
	})
	if err := riverdeliver.Migrate(ctx, pool); err != nil {
		t.Fatal(err)
	}
	return pool
}

// outcomes collects what the queue reports.
type outcomes struct {
	mu   sync.Mutex
	errs map[string][]error
	ch   chan string
}

func newOutcomes() *outcomes {
	return &outcomes{errs: map[string][]error{}, ch: make(chan string, 10_000)}
}

func (o *outcomes) hook(w deliver.Webhook, _ deliver.Result, err error) {
	o.mu.Lock()
	o.errs[w.ID] = append(o.errs[w.ID], err)
	o.mu.Unlock()
	o.ch <- w.ID
}

func (o *outcomes) wait(t testing.TB, n int, within time.Duration) {
	t.Helper()
	deadline := time.After(within)
	for range n {
		select {
		case <-o.ch:
		case <-deadline:
			t.Fatalf("fewer than %d outcomes within %v", n, within)
		}
	}
}

func newSender(t testing.TB, delays ...time.Duration) *deliver.Sender {
	t.Helper()
	s, err := deliver.NewSender(schemes.StandardWebhooks, secret, deliver.AllowPrivateNetworks(),
		deliver.WithBackOff(func() backoff.BackOff { return deliver.Fixed(delays...) }))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newQueue(t testing.TB, pool *pgxpool.Pool, s *deliver.Sender, opts ...riverdeliver.Option) *riverdeliver.Queue {
	t.Helper()
	fast := riverdeliver.WithRiverConfig(func(c *river.Config) {
		c.FetchCooldown, c.FetchPollInterval, c.TestOnly = 5*time.Millisecond, 20*time.Millisecond, true
	})
	q, err := riverdeliver.New(pool, s, append([]riverdeliver.Option{fast}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func start(t testing.TB, q *riverdeliver.Queue) {
	t.Helper()
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = q.Stop(ctx)
	})
}

// enqueue inserts w in a transaction of its own, and commits or rolls it back.
func enqueue(t testing.TB, pool *pgxpool.Pool, q *riverdeliver.Queue, w deliver.Webhook, commit bool) string {
	t.Helper()
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, err := q.Enqueue(ctx, tx, w)
	if err != nil {
		t.Fatal(err)
	}
	if commit {
		err = tx.Commit(ctx)
	} else {
		err = tx.Rollback(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestTransactionalOutbox(t *testing.T) {
	pool := testPool(t)
	srv := faultserver.New()
	defer srv.Close()
	o := newOutcomes()
	q := newQueue(t, pool, newSender(t), riverdeliver.OnOutcome(o.hook))
	start(t, q)

	enqueue(t, pool, q, deliver.Webhook{URL: srv.URL, ID: "rolled_back", Body: body}, false)
	id := enqueue(t, pool, q, deliver.Webhook{URL: srv.URL, ID: "committed", Body: body}, true)
	o.wait(t, 1, 10*time.Second)
	time.Sleep(200 * time.Millisecond) // time enough for a rolled-back job to show up, were it there

	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Header.Get("Webhook-Id") != id {
		t.Fatalf("server saw %d requests", len(reqs))
	}
	v, _ := verify.New(schemes.StandardWebhooks, secret)
	if _, err := v.Verify(reqs[0].Header, reqs[0].Body); err != nil {
		t.Errorf("the delivery does not verify: %v", err)
	}
	if errs := o.errs["committed"]; len(errs) != 1 || errs[0] != nil {
		t.Errorf("outcome %v", errs)
	}
	attempts, err := q.Attempts(context.Background(), id)
	if err != nil || len(attempts) != 1 || attempts[0].Status != 200 || attempts[0].Verdict != deliver.Delivered {
		t.Errorf("attempts %+v, %v", attempts, err)
	}
}

func TestEnqueueTwiceDeliversOnce(t *testing.T) {
	pool := testPool(t)
	srv := faultserver.New()
	defer srv.Close()
	o := newOutcomes()
	q := newQueue(t, pool, newSender(t), riverdeliver.OnOutcome(o.hook))
	enqueue(t, pool, q, deliver.Webhook{URL: srv.URL, ID: "evt_twice", Body: body}, true)
	enqueue(t, pool, q, deliver.Webhook{URL: srv.URL, ID: "evt_twice", Body: body}, true)
	start(t, q)
	o.wait(t, 1, 10*time.Second)
	time.Sleep(200 * time.Millisecond)
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestGoneCancelsAndRedeliver(t *testing.T) {
	pool := testPool(t)
	srv := faultserver.New(faultserver.Status(410))
	defer srv.Close()
	o := newOutcomes()
	q := newQueue(t, pool, newSender(t, 10*time.Millisecond), riverdeliver.OnOutcome(o.hook))
	start(t, q)
	id := enqueue(t, pool, q, deliver.Webhook{URL: srv.URL, Body: body}, true)
	o.wait(t, 1, 10*time.Second)
	if errs := o.errs[id]; len(errs) != 1 || !errors.Is(errs[0], deliver.ErrGone) {
		t.Fatalf("outcome %v", errs)
	}
	// The outcome is reported from the job's run; River records the state as the run ends.
	var state string
	for deadline := time.Now().Add(5 * time.Second); state != "cancelled" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if err := pool.QueryRow(context.Background(), `SELECT state FROM river_job WHERE args->>'id' = $1`, id).Scan(&state); err != nil {
			t.Fatal(err)
		}
	}
	if state != "cancelled" {
		t.Fatalf("job state %q, want cancelled", state)
	}
	// The endpoint is back: redeliver by ID.
	if err := q.Redeliver(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	o.wait(t, 1, 10*time.Second)
	attempts, _ := q.Attempts(context.Background(), id)
	if len(attempts) != 2 || attempts[0].Verdict != deliver.Gone || attempts[1].Verdict != deliver.Delivered || attempts[1].Number != 1 {
		t.Errorf("attempts %+v", attempts)
	}
	if err := q.Redeliver(context.Background(), "nobody"); !errors.Is(err, riverdeliver.ErrNotFound) {
		t.Errorf("Redeliver of an unknown ID: %v", err)
	}
}

func TestRetryAfterBecomesSnooze(t *testing.T) {
	pool := testPool(t)
	srv := faultserver.New(faultserver.RetryAfter(429, 1))
	defer srv.Close()
	o := newOutcomes()
	q := newQueue(t, pool, newSender(t, 10*time.Millisecond), riverdeliver.OnOutcome(o.hook))
	start(t, q)
	id := enqueue(t, pool, q, deliver.Webhook{URL: srv.URL, Body: body}, true)
	o.wait(t, 1, 10*time.Second)
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("server saw %d requests", len(reqs))
	}
	if gap := reqs[1].At.Sub(reqs[0].At); gap < time.Second {
		t.Errorf("retried after %v, before Retry-After allowed", gap)
	}
	attempts, _ := q.Attempts(context.Background(), id)
	if len(attempts) != 2 || attempts[0].Delay != time.Second || attempts[0].Verdict != deliver.Retry {
		t.Errorf("attempts %+v", attempts)
	}
}

// A client stopped mid-retry and replaced makes exactly the attempts that remain.
func TestRestartMidRetry(t *testing.T) {
	pool := testPool(t)
	srv := faultserver.New(faultserver.Status(503), faultserver.Status(503), faultserver.Status(503)).Always(faultserver.Status(503))
	defer srv.Close()
	schedule := []time.Duration{300 * time.Millisecond, 300 * time.Millisecond, 300 * time.Millisecond} // 4 attempts in all
	first := newQueue(t, pool, newSender(t, schedule...))
	if err := first.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	id := enqueue(t, pool, first, deliver.Webhook{URL: srv.URL, Body: body}, true)
	for len(srv.Requests()) < 2 {
		time.Sleep(5 * time.Millisecond)
	}
	if err := first.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	seenByFirst := len(srv.Requests())

	o := newOutcomes()
	second := newQueue(t, pool, newSender(t, schedule...), riverdeliver.OnOutcome(o.hook))
	start(t, second)
	o.wait(t, 1, 10*time.Second)
	time.Sleep(400 * time.Millisecond) // a fifth attempt, were there one, would come by now

	if n := len(srv.Requests()); n != 4 {
		t.Fatalf("server saw %d requests (%d before the restart), want 4", n, seenByFirst)
	}
	attempts, _ := second.Attempts(context.Background(), id)
	for i, a := range attempts {
		if a.Number != i+1 {
			t.Errorf("attempt %d numbered %d", i+1, a.Number)
		}
	}
	if errs := o.errs[id]; len(attempts) != 4 || len(errs) != 1 || !errors.Is(errs[0], deliver.ErrGaveUp) {
		t.Errorf("attempts %d, outcome %v", len(attempts), errs)
	}
}

// Two clients on one database: 2 000 webhooks, none sent twice, none lost.
func TestTwoClients(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 200
	}
	pool := testPool(t)
	var mu sync.Mutex
	seen := map[string]int{}
	srv := faultserver.New().Always(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.Header.Get("Webhook-Id")]++
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	defer srv.Close()
	o := newOutcomes()
	a := newQueue(t, pool, newSender(t), riverdeliver.OnOutcome(o.hook))
	b := newQueue(t, pool, newSender(t), riverdeliver.OnOutcome(o.hook))
	start(t, a)
	start(t, b)
	ctx := context.Background()
	began := time.Now()
	for batch := 0; batch < n; batch += 100 {
		tx, err := pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := batch; i < batch+100 && i < n; i++ {
			q := a
			if i%2 == 1 {
				q = b
			}
			if _, err := q.Enqueue(ctx, tx, deliver.Webhook{URL: srv.URL, ID: fmt.Sprintf("evt_%05d", i), Body: body}); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	o.wait(t, n, 60*time.Second)
	t.Logf("two clients: %d webhooks in %v, %.0f/s", n, time.Since(began).Round(time.Millisecond), float64(n)/time.Since(began).Seconds())
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != n {
		t.Errorf("server saw %d distinct webhooks, want %d", len(seen), n)
	}
	for id, count := range seen {
		if count != 1 {
			t.Errorf("%s sent %d times", id, count)
		}
	}
}
