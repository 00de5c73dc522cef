package deliver_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/cenkalti/backoff/v4"

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/internal/faultserver"
)

// outcomes records every report a dispatcher makes.
type outcomes struct {
	mu      sync.Mutex
	byID    map[string]int
	errs    map[string]error
	results map[string]deliver.Result
	done    chan string
}

func newOutcomes() *outcomes {
	return &outcomes{byID: map[string]int{}, errs: map[string]error{}, results: map[string]deliver.Result{}, done: make(chan string, 100_000)}
}

func (o *outcomes) hook(w deliver.Webhook, r deliver.Result, err error) {
	o.mu.Lock()
	o.byID[w.ID]++
	o.errs[w.ID] = err
	o.results[w.ID] = r
	o.mu.Unlock()
	o.done <- w.ID
}

func (o *outcomes) wait(t *testing.T, n int) {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for range n {
		select {
		case <-o.done:
		case <-timeout:
			t.Fatalf("only some of %d outcomes reported", n)
		}
	}
}

func newDispatcher(t *testing.T, s *deliver.Sender, o *outcomes, opts ...deliver.DispatcherOption) *deliver.Dispatcher {
	t.Helper()
	d, err := deliver.NewDispatcher(s, append([]deliver.DispatcherOption{deliver.OnOutcome(o.hook)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDispatcherDelivers(t *testing.T) {
	srv := faultserver.New(faultserver.Status(503))
	defer srv.Close()
	o := newOutcomes()
	d := newDispatcher(t, newSender(t), o)
	var ids []string
	for range 20 {
		id, err := d.Enqueue(deliver.Webhook{URL: srv.URL, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	o.wait(t, 20)
	for _, id := range ids {
		if o.byID[id] != 1 || o.errs[id] != nil || !o.results[id].Delivered {
			t.Errorf("%s: reported %d times, %v", id, o.byID[id], o.errs[id])
		}
	}
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Enqueue(deliver.Webhook{URL: srv.URL}); !errors.Is(err, deliver.ErrClosed) {
		t.Errorf("Enqueue after Shutdown: %v", err)
	}
}

func TestDispatcherQueueFull(t *testing.T) {
	srv := faultserver.New().Always(faultserver.Hang(time.Second))
	defer srv.Close()
	o := newOutcomes()
	d := newDispatcher(t, newSender(t), o, deliver.Capacity(2))
	for range 2 {
		if _, err := d.Enqueue(deliver.Webhook{URL: srv.URL, Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.Enqueue(deliver.Webhook{URL: srv.URL, Body: body}); !errors.Is(err, deliver.ErrQueueFull) {
		t.Fatalf("third Enqueue: %v", err)
	}
	for len(srv.Requests()) < 2 { // both in flight, hanging
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := d.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown: %v", err)
	}
	o.wait(t, 2)
	for id, err := range o.errs {
		if !errors.Is(err, deliver.ErrShutdown) {
			t.Errorf("%s: %v", id, err)
		}
	}
}

// A webhook waiting for its next retry holds no worker.
func TestDispatcherWaitingHoldsNoWorker(t *testing.T) {
	failing := faultserver.New().Always(faultserver.Status(503))
	defer failing.Close()
	healthy := faultserver.New()
	defer healthy.Close()
	o := newOutcomes()
	s := newSender(t, deliver.WithBackOff(func() backoff.BackOff { return deliver.Fixed(time.Hour) }))
	d := newDispatcher(t, s, o, deliver.Workers(1))
	waiting, _ := d.Enqueue(deliver.Webhook{URL: failing.URL, Body: body})
	for len(failing.Requests()) == 0 {
		time.Sleep(time.Millisecond)
	}
	quick, _ := d.Enqueue(deliver.Webhook{URL: healthy.URL, Body: body})
	o.wait(t, 1)
	if o.byID[quick] != 1 || o.byID[waiting] != 0 {
		t.Fatalf("reports %v", o.byID)
	}
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	o.wait(t, 1)
	if !errors.Is(o.errs[waiting], deliver.ErrShutdown) || len(o.results[waiting].Attempts) != 1 {
		t.Errorf("waiting webhook: %v, %d attempts", o.errs[waiting], len(o.results[waiting].Attempts))
	}
}

// One slow endpoint cannot take every worker.
func TestDispatcherPerEndpointLimit(t *testing.T) {
	slow := faultserver.New().Always(faultserver.Hang(300 * time.Millisecond))
	defer slow.Close()
	healthy := faultserver.New()
	defer healthy.Close()
	o := newOutcomes()
	d := newDispatcher(t, newSender(t), o, deliver.Workers(4), deliver.PerEndpoint(1))
	for range 8 {
		_, _ = d.Enqueue(deliver.Webhook{URL: slow.URL, Body: body})
	}
	start := time.Now()
	var quick []string
	for range 5 {
		id, _ := d.Enqueue(deliver.Webhook{URL: healthy.URL, Body: body})
		quick = append(quick, id)
	}
	for delivered := 0; delivered < 5; {
		id := <-o.done
		for _, q := range quick {
			if id == q {
				delivered++
			}
		}
	}
	if elapsed := time.Since(start); elapsed > 250*time.Millisecond {
		t.Errorf("healthy endpoint waited %v behind the slow one", elapsed)
	}
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// 10 000 webhooks, 50 endpoints, random faults and a Shutdown in the middle: every webhook
// is reported exactly once, delivered or not.
func TestDispatcherSoak(t *testing.T) {
	n := 10_000
	if testing.Short() {
		n = 1_000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var rngMu sync.Mutex
	random := func(w http.ResponseWriter, r *http.Request) {
		rngMu.Lock()
		x := rng.IntN(100)
		rngMu.Unlock()
		switch {
		case x < 70:
			faultserver.Status(200)(w, r)
		case x < 80:
			faultserver.Status(503)(w, r)
		case x < 85:
			faultserver.Status(400)(w, r)
		case x < 88:
			faultserver.Status(410)(w, r)
		case x < 93:
			faultserver.RetryAfter(429, 0)(w, r)
		case x < 97:
			faultserver.Reset()(w, r)
		default:
			faultserver.Hang(30*time.Millisecond)(w, r)
		}
	}
	var servers []*faultserver.Server
	for range 50 {
		srv := faultserver.New().Always(random)
		defer srv.Close()
		servers = append(servers, srv)
	}
	o := newOutcomes()
	s := newSender(t, deliver.WithTimeout(20*time.Millisecond),
		deliver.WithBackOff(func() backoff.BackOff {
			return deliver.Fixed(time.Millisecond, 5*time.Millisecond, 20*time.Millisecond)
		}))
	d := newDispatcher(t, s, o, deliver.Workers(16), deliver.Capacity(n))
	accepted := map[string]bool{}
	for i := range n {
		id, err := d.Enqueue(deliver.Webhook{URL: servers[i%len(servers)].URL, ID: fmt.Sprintf("evt_%05d", i), Body: body})
		if err != nil {
			t.Fatalf("Enqueue %d: %v", i, err)
		}
		accepted[id] = true
	}
	// Shut down once about half are reported.
	o.wait(t, n/2)
	if err := d.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	o.wait(t, n-n/2)
	select {
	case id := <-o.done:
		t.Fatalf("%s reported after all were", id)
	case <-time.After(50 * time.Millisecond):
	}
	var delivered, shutdown, gone, gaveUp int
	for id := range accepted {
		if o.byID[id] != 1 {
			t.Fatalf("%s reported %d times", id, o.byID[id])
		}
		switch err := o.errs[id]; {
		case err == nil:
			delivered++
		case errors.Is(err, deliver.ErrShutdown):
			shutdown++
		case errors.Is(err, deliver.ErrGone):
			gone++
		case errors.Is(err, deliver.ErrGaveUp):
			gaveUp++
		default:
			t.Fatalf("%s: unclassified %v", id, err)
		}
	}
	if len(o.byID) != n || delivered == 0 || shutdown == 0 || d.Len() != 0 {
		t.Errorf("%d reported of %d; delivered %d, shut down %d, gone %d, gave up %d; %d held", len(o.byID), n, delivered, shutdown, gone, gaveUp, d.Len())
	}
	t.Logf("delivered %d, shut down %d, gone %d, gave up %d", delivered, shutdown, gone, gaveUp)
}
