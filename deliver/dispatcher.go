package deliver

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// DispatcherOption changes how a Dispatcher works.
type DispatcherOption func(*dispatcherSettings)

type dispatcherSettings struct {
	workers     int
	capacity    int
	perEndpoint int
	onOutcome   func(Webhook, Result, error)
}

// Defaults of the Dispatcher.
const (
	DefaultWorkers     = 8
	DefaultCapacity    = 10_000
	DefaultPerEndpoint = 4
)

// Workers sets how many attempts run at once; the default is DefaultWorkers.
func Workers(n int) DispatcherOption { return func(s *dispatcherSettings) { s.workers = n } }

// Capacity sets how many webhooks the dispatcher holds at once, waiting, retrying or in
// flight; Enqueue answers ErrQueueFull past it. The default is DefaultCapacity.
func Capacity(n int) DispatcherOption { return func(s *dispatcherSettings) { s.capacity = n } }

// PerEndpoint sets how many attempts may run at once against one host, so that one slow
// endpoint cannot take every worker; the default is DefaultPerEndpoint.
func PerEndpoint(n int) DispatcherOption { return func(s *dispatcherSettings) { s.perEndpoint = n } }

// OnOutcome calls f once for every webhook the dispatcher accepted, when it is delivered or
// not: err is nil when delivered, and otherwise matches ErrGone, ErrGaveUp or ErrShutdown. f
// is called from the dispatcher's goroutines, never with a lock held.
func OnOutcome(f func(w Webhook, r Result, err error)) DispatcherOption {
	return func(s *dispatcherSettings) { s.onOutcome = f }
}

// Dispatcher delivers webhooks asynchronously in this process, with a Sender: Enqueue returns
// at once, and workers make the attempts. A webhook waiting for its next retry holds no
// worker. It is the embedded default; a queue that survives restarts needs a database.
//
// A Dispatcher is safe for concurrent use. Make one with NewDispatcher, and stop it with
// Shutdown: every accepted webhook is then reported through OnOutcome, delivered or not.
type Dispatcher struct {
	sender   *Sender
	set      dispatcherSettings
	ctx      context.Context
	cancel   context.CancelFunc
	ready    chan *job
	workers  sync.WaitGroup
	mu       sync.Mutex
	closed   bool
	held     int               // accepted and not yet reported
	waiting  map[*job]struct{} // between attempts, on a timer
	parked   map[string][]*job // ready, but their endpoint is at its limit
	inFlight map[string]int    // attempts running, per endpoint
}

type job struct {
	w        Webhook
	endpoint string
	b        backoff.BackOff
	res      Result
	timer    *time.Timer
}

// NewDispatcher starts a dispatcher's workers.
func NewDispatcher(s *Sender, opts ...DispatcherOption) (*Dispatcher, error) {
	set := dispatcherSettings{workers: DefaultWorkers, capacity: DefaultCapacity, perEndpoint: DefaultPerEndpoint}
	for _, opt := range opts {
		opt(&set)
	}
	if s == nil || set.workers <= 0 || set.capacity <= 0 || set.perEndpoint <= 0 {
		return nil, fmt.Errorf("%w: a dispatcher needs a Sender, and positive workers, capacity and per-endpoint limit", ErrOption)
	}
	ctx, cancel := context.WithCancel(context.Background())
	d := &Dispatcher{
		sender: s, set: set, ctx: ctx, cancel: cancel,
		// Every held webhook fits in the channel, so sending to it never blocks.
		ready:    make(chan *job, set.capacity),
		waiting:  make(map[*job]struct{}),
		parked:   make(map[string][]*job),
		inFlight: make(map[string]int),
	}
	d.workers.Add(set.workers)
	for range set.workers {
		go d.work()
	}
	return d, nil
}

// Enqueue accepts w for delivery and returns its ID at once. It fails with ErrRequest for a
// webhook that cannot be sent, ErrQueueFull when the dispatcher holds its capacity, and
// ErrClosed after Shutdown; a webhook it accepts is always reported through OnOutcome.
func (d *Dispatcher) Enqueue(w Webhook) (string, error) {
	w, err := d.sender.prepare(w)
	if err != nil {
		return "", err
	}
	j := &job{w: w, endpoint: hostOf(w.URL), b: d.sender.newBackOff(), res: Result{ID: w.ID}}
	j.b.Reset()
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case d.closed:
		return "", ErrClosed
	case d.held >= d.set.capacity:
		return "", fmt.Errorf("%w: %d webhooks held", ErrQueueFull, d.held)
	}
	d.held++
	d.ready <- j
	return w.ID, nil
}

// work runs attempts until the dispatcher shuts down and its queue is empty.
func (d *Dispatcher) work() {
	defer d.workers.Done()
	for j := range d.ready {
		d.mu.Lock()
		if d.closed {
			d.mu.Unlock()
			d.finish(j, ErrShutdown)
			continue
		}
		if d.inFlight[j.endpoint] >= d.set.perEndpoint {
			d.parked[j.endpoint] = append(d.parked[j.endpoint], j)
			d.mu.Unlock()
			continue
		}
		d.inFlight[j.endpoint]++
		d.mu.Unlock()

		a := d.sender.try(d.ctx, j.w, len(j.res.Attempts)+1)
		dec := d.sender.Decide(a, j.b)
		cancelled := d.ctx.Err() != nil && dec.Verdict != Delivered
		if cancelled {
			dec = Decision{Verdict: GiveUp}
		}
		a.Verdict, a.Delay = dec.Verdict, dec.Delay
		j.res.Attempts = append(j.res.Attempts, a)
		d.sender.report(j.w, a)

		d.mu.Lock()
		d.inFlight[j.endpoint]--
		if q := d.parked[j.endpoint]; len(q) > 0 && !d.closed {
			d.ready <- q[0]
			d.parked[j.endpoint] = q[1:]
		}
		retry := dec.Verdict == Retry && !d.closed && !cancelled
		if retry {
			d.waiting[j] = struct{}{}
			j.timer = time.AfterFunc(dec.Delay, func() { d.wake(j) })
		}
		d.mu.Unlock()
		switch {
		case retry:
		case cancelled || dec.Verdict == Retry:
			d.finish(j, ErrShutdown) // cut short, or due a retry that will not come
		default:
			d.finish(j, verdictError(dec.Verdict))
		}
	}
}

func verdictError(v Verdict) error {
	switch v {
	case Delivered:
		return nil
	case Gone:
		return ErrGone
	}
	return ErrGaveUp
}

// wake puts a waiting webhook back in the queue, unless Shutdown reported it already.
func (d *Dispatcher) wake(j *job) {
	d.mu.Lock()
	if _, ok := d.waiting[j]; !ok {
		d.mu.Unlock()
		return
	}
	delete(d.waiting, j)
	if d.closed {
		d.mu.Unlock()
		d.finish(j, ErrShutdown)
		return
	}
	d.ready <- j
	d.mu.Unlock()
}

// finish reports a webhook's outcome: exactly once for every accepted webhook.
func (d *Dispatcher) finish(j *job, class error) {
	j.res.Delivered = class == nil
	j.res.Gone = class == ErrGone
	var err error
	if class != nil {
		de := &DeliveryError{Attempts: len(j.res.Attempts), Last: "none", Err: class}
		if n := len(j.res.Attempts); n > 0 {
			de.Last, de.Cause = j.res.Attempts[n-1].Outcome(), j.res.Attempts[n-1].Err
		}
		err = de
	}
	if d.set.onOutcome != nil {
		d.set.onOutcome(j.w, j.res, err)
	}
	d.mu.Lock()
	d.held--
	d.mu.Unlock()
}

// Shutdown stops intake, lets the attempts in flight finish, and reports every webhook that
// was not delivered, waiting or queued, through OnOutcome with ErrShutdown. When ctx ends
// first, the attempts in flight are cancelled, reported, and ctx's error returned.
func (d *Dispatcher) Shutdown(ctx context.Context) error {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return ErrClosed
	}
	d.closed = true
	var stopped []*job
	for j := range d.waiting {
		if j.timer.Stop() {
			delete(d.waiting, j)
			stopped = append(stopped, j)
		} // else its wake is running, and will see closed
	}
	for endpoint, q := range d.parked {
		stopped = append(stopped, q...)
		delete(d.parked, endpoint)
	}
	// Nothing sends to ready once closed is set, so it can be closed: workers drain it,
	// reporting each webhook left in it, and return.
	close(d.ready)
	d.mu.Unlock()
	for _, j := range stopped {
		d.finish(j, ErrShutdown)
	}

	done := make(chan struct{})
	go func() { d.workers.Wait(); close(done) }()
	select {
	case <-done:
		d.cancel()
		return nil
	case <-ctx.Done():
		d.cancel() // the attempts in flight end now, and are reported
		<-done
		return ctx.Err()
	}
}

// Len reports how many webhooks the dispatcher holds: queued, waiting or in flight.
func (d *Dispatcher) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.held
}
