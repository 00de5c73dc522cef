package deliver_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cenkalti/backoff/v4"

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/internal/faultserver"
	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
	"github.com/hookkit/hookkit/verify"
)

const secret = "whsec_ZGVsaXZlci10ZXN0LXNlY3JldA=="

var body = []byte(`{"type":"call.completed","id":"c_81"}`)

// fast retries three times, 10 ms apart.
func fast() backoff.BackOff {
	return deliver.Fixed(10*time.Millisecond, 10*time.Millisecond, 10*time.Millisecond)
}

func newSender(t testing.TB, opts ...deliver.Option) *deliver.Sender {
	t.Helper()
	s, err := deliver.NewSender(schemes.StandardWebhooks, secret,
		append([]deliver.Option{deliver.AllowPrivateNetworks(), deliver.WithBackOff(fast)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// ticking is a clock that moves one second each time it is read.
func ticking() func() time.Time {
	var mu sync.Mutex
	now := time.Unix(1700000000, 0)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second)
		return now
	}
}

func TestRetriedUntilDelivered(t *testing.T) {
	srv := faultserver.New(faultserver.Status(503), faultserver.Status(503))
	defer srv.Close()
	res, err := newSender(t, deliver.WithClock(ticking())).Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body})
	if err != nil || !res.Delivered || len(res.Attempts) != 3 {
		t.Fatalf("err %v, delivered %v, %d attempts", err, res.Delivered, len(res.Attempts))
	}
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("server saw %d requests", len(reqs))
	}
	v, _ := verify.New(schemes.StandardWebhooks, secret, verify.WithTolerance(time.Hour))
	timestamps := map[string]bool{}
	for i, r := range reqs {
		if got := r.Header.Get("Webhook-Id"); got != res.ID {
			t.Errorf("attempt %d: ID %q, want %q", i+1, got, res.ID)
		}
		timestamps[r.Header.Get("Webhook-Timestamp")] = true
		if _, err := v.VerifyAt(r.Header, r.Body, time.Unix(1700000000, 0)); err != nil {
			t.Errorf("attempt %d does not verify: %v", i+1, err)
		}
		if string(r.Body) != string(body) || r.Method != http.MethodPost {
			t.Errorf("attempt %d: %s %q", i+1, r.Method, r.Body)
		}
	}
	if len(timestamps) != 3 {
		t.Errorf("timestamps %v: want three fresh ones", timestamps)
	}
	for i, a := range res.Attempts {
		wantStatus, wantVerdict := 503, deliver.Retry
		if i == 2 {
			wantStatus, wantVerdict = 200, deliver.Delivered
		}
		if a.Number != i+1 || a.Status != wantStatus || a.Verdict != wantVerdict || (i < 2 && a.Delay != 10*time.Millisecond) {
			t.Errorf("attempt %d: %+v", i+1, a)
		}
	}
}

func TestStops(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fault    faultserver.Fault
		want     error
		verdict  deliver.Verdict
		gone     bool
		attempts int
	}{
		{"400 is not retried", faultserver.Status(400), deliver.ErrGaveUp, deliver.GiveUp, false, 1},
		{"410 means gone", faultserver.Status(410), deliver.ErrGone, deliver.Gone, true, 1},
		{"422 is not retried", faultserver.Status(422), deliver.ErrGaveUp, deliver.GiveUp, false, 1},
		{"500 until the schedule runs out", faultserver.Status(500), deliver.ErrGaveUp, deliver.GiveUp, false, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := faultserver.New().Always(tc.fault)
			defer srv.Close()
			res, err := newSender(t).Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body})
			var de *deliver.DeliveryError
			if !errors.Is(err, tc.want) || !errors.As(err, &de) || res.Delivered || res.Gone != tc.gone {
				t.Fatalf("err %v, result %+v", err, res)
			}
			if len(res.Attempts) != tc.attempts || len(srv.Requests()) != tc.attempts {
				t.Errorf("%d attempts, server saw %d; want %d", len(res.Attempts), len(srv.Requests()), tc.attempts)
			}
			if last := res.Attempts[len(res.Attempts)-1]; last.Verdict != tc.verdict || !strings.Contains(string(last.Body), http.StatusText(last.Status)) {
				t.Errorf("last attempt %+v", last)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	t.Run("honoured", func(t *testing.T) {
		srv := faultserver.New(faultserver.RetryAfter(429, 1))
		defer srv.Close()
		res, err := newSender(t).Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body})
		if err != nil || len(res.Attempts) != 2 || res.Attempts[0].Delay != time.Second {
			t.Fatalf("err %v, attempts %+v", err, res.Attempts)
		}
		reqs := srv.Requests()
		if gap := reqs[1].At.Sub(reqs[0].At); gap < time.Second {
			t.Errorf("retried after %v, before Retry-After allowed", gap)
		}
	})
	t.Run("clamped", func(t *testing.T) {
		srv := faultserver.New(faultserver.RetryAfter(503, 3600))
		defer srv.Close()
		res, err := newSender(t, deliver.WithRetryAfterCap(50*time.Millisecond)).Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body})
		if err != nil || len(res.Attempts) != 2 || res.Attempts[0].Delay != 50*time.Millisecond {
			t.Fatalf("err %v, attempts %+v", err, res.Attempts)
		}
	})
	t.Run("as an HTTP date", func(t *testing.T) {
		srv := faultserver.New(faultserver.Status(429, "Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)))
		defer srv.Close()
		res, _ := newSender(t, deliver.WithRetryAfterCap(40*time.Millisecond)).Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body})
		if len(res.Attempts) != 2 || res.Attempts[0].Delay != 40*time.Millisecond {
			t.Fatalf("attempts %+v", res.Attempts)
		}
	})
}

func TestTimeout(t *testing.T) {
	srv := faultserver.New(faultserver.Hang(5 * time.Second))
	defer srv.Close()
	start := time.Now()
	res, err := newSender(t, deliver.WithTimeout(100*time.Millisecond)).Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body})
	if err != nil || len(res.Attempts) != 2 || !errors.Is(res.Attempts[0].Err, deliver.ErrTimeout) || res.Attempts[0].Verdict != deliver.Retry {
		t.Fatalf("err %v, attempts %+v", err, res.Attempts)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("took %v: the timeout did not cut the attempt", elapsed)
	}
	if res.Attempts[0].Outcome() != "timeout" {
		t.Errorf("outcome %q", res.Attempts[0].Outcome())
	}
}

// With the default schedule, a timeout or a 429 waits at least DefaultMinDelay.
func TestMinimumDelayWithDefaultSchedule(t *testing.T) {
	s, err := deliver.NewSender(schemes.GitHub, "k")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []deliver.Attempt{{Status: 429}, {Err: deliver.ErrTimeout}} {
		if d := s.Decide(a, deliver.StandardWebhooks()); d.Verdict != deliver.Retry || d.Delay < deliver.DefaultMinDelay {
			t.Errorf("%+v: %+v", a, d)
		}
	}
	// A caller's own schedule is followed as given.
	s, _ = deliver.NewSender(schemes.GitHub, "k", deliver.WithBackOff(fast))
	if d := s.Decide(deliver.Attempt{Status: 429}, fast()); d.Delay != 10*time.Millisecond {
		t.Errorf("own schedule: %+v", d)
	}
}

func TestConnectionReset(t *testing.T) {
	srv := faultserver.New(faultserver.Reset())
	defer srv.Close()
	res, err := newSender(t).Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body})
	// The status line arrived, the body broke off: that is no proof of delivery.
	if err != nil || len(res.Attempts) != 2 || res.Attempts[0].Err == nil || res.Attempts[0].Verdict != deliver.Retry ||
		!strings.Contains(res.Attempts[0].Outcome(), "unexpected EOF") {
		t.Fatalf("err %v, attempts %+v", err, res.Attempts)
	}
}

func TestRedirectNotFollowed(t *testing.T) {
	other := faultserver.New()
	defer other.Close()
	srv := faultserver.New().Always(faultserver.Redirect(other.URL))
	defer srv.Close()
	s := newSender(t, deliver.WithBackOff(func() backoff.BackOff { return deliver.Fixed(time.Millisecond) }))
	res, err := s.Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body})
	if !errors.Is(err, deliver.ErrGaveUp) || len(res.Attempts) != 2 || res.Attempts[0].Status != http.StatusFound {
		t.Fatalf("err %v, attempts %+v", err, res.Attempts)
	}
	if n := len(other.Requests()); n != 0 {
		t.Errorf("the redirect target saw %d requests", n)
	}
}

func TestSSRFGuard(t *testing.T) {
	srv := faultserver.New()
	defer srv.Close()
	s, err := deliver.NewSender(schemes.StandardWebhooks, secret, deliver.WithBackOff(fast))
	if err != nil {
		t.Fatal(err)
	}
	for _, url := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)} {
		res, err := s.Send(context.Background(), deliver.Webhook{URL: url, Body: body})
		var blocked *deliver.BlockedError
		if !errors.Is(err, deliver.ErrBlocked) || !errors.As(err, &blocked) || len(res.Attempts) != 1 {
			t.Fatalf("%s: err %v, attempts %+v", url, err, res.Attempts)
		}
		if blocked.Kind != "loopback" || !strings.Contains(err.Error(), "AllowPrivateNetworks") || !strings.Contains(blocked.Error(), blocked.Address) {
			t.Errorf("error does not name the address and the option: %v", err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("the server saw %d requests", n)
	}
	// An allow-list opens one network without opening all.
	s, _ = deliver.NewSender(schemes.StandardWebhooks, secret, deliver.AllowNetworks(netip.MustParsePrefix("127.0.0.0/8")))
	if _, err := s.Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body}); err != nil {
		t.Errorf("allowed network: %v", err)
	}
}

func TestContextCancelledDuringWait(t *testing.T) {
	srv := faultserver.New().Always(faultserver.Status(503))
	defer srv.Close()
	s := newSender(t, deliver.WithBackOff(func() backoff.BackOff { return deliver.Fixed(10 * time.Second) }))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := s.Send(ctx, deliver.Webhook{URL: srv.URL, Body: body})
		done <- err
	}()
	for len(srv.Requests()) == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // into the 10 s wait
	cancel()
	start := time.Now()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v", err)
		}
		if elapsed := time.Since(start); elapsed > 50*time.Millisecond {
			t.Errorf("Send returned %v after the cancel", elapsed)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Send did not return after the cancel")
	}
}

func TestContextCancelledDuringRequest(t *testing.T) {
	srv := faultserver.New(faultserver.Hang(10 * time.Second))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := newSender(t).Send(ctx, deliver.Webhook{URL: srv.URL, Body: body})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("err %v after %v", err, time.Since(start))
	}
}

func TestHeaders(t *testing.T) {
	srv := faultserver.New()
	defer srv.Close()
	s := newSender(t)
	_, err := s.Send(context.Background(), deliver.Webhook{URL: srv.URL, Method: http.MethodPut, ID: "evt_42", Body: body,
		Header: http.Header{"X-Tenant": {"acme"}, "content-type": {"application/vnd.acme+json"}}})
	if err != nil {
		t.Fatal(err)
	}
	r := srv.Requests()[0]
	if r.Method != http.MethodPut || r.Header.Get("X-Tenant") != "acme" || r.Header.Get("Content-Type") != "application/vnd.acme+json" ||
		r.Header.Get("Webhook-Id") != "evt_42" || !strings.HasPrefix(r.Header.Get("User-Agent"), "hookkit/") {
		t.Errorf("headers %v", r.Header)
	}
	_, _ = s.Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body})
	if got := srv.Requests()[1].Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("default Content-Type %q", got)
	}
}

func TestBadWebhooks(t *testing.T) {
	s := newSender(t)
	for _, w := range []deliver.Webhook{
		{URL: "ftp://example.com/x"},
		{URL: "/relative"},
		{URL: "http://example.com", Method: http.MethodGet},
		{URL: "http://example.com", Header: http.Header{"webhook-signature": {"v1,forged"}}},
		{URL: "http://example.com", Header: http.Header{"Webhook-Timestamp": {"1"}}},
		{URL: "http://example.com", Header: http.Header{"Webhook-Id": {"other"}}},
		{URL: "http://example.com", Header: http.Header{"Content-Length": {"1"}}},
		{URL: "http://example.com", Header: http.Header{"Host": {"evil.example"}}},
	} {
		res, err := s.Send(context.Background(), w)
		if !errors.Is(err, deliver.ErrRequest) || len(res.Attempts) != 0 {
			t.Errorf("%+v: %v", w, err)
		}
	}
	if _, err := deliver.NewSender(schemes.StandardWebhooks, ""); !errors.Is(err, sign.ErrSecret) {
		t.Errorf("empty secret: %v", err)
	}
}

func TestResponseBodyCapped(t *testing.T) {
	srv := faultserver.New(faultserver.Body(500, 1<<20))
	defer srv.Close()
	res, err := newSender(t, deliver.WithResponseLimit(1024)).Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body})
	if err != nil || len(res.Attempts[0].Body) != 1024 {
		t.Fatalf("err %v, body %d bytes", err, len(res.Attempts[0].Body))
	}
}

func TestOnAttemptHook(t *testing.T) {
	srv := faultserver.New(faultserver.Status(503))
	defer srv.Close()
	var seen []string
	s := newSender(t, deliver.OnAttempt(func(w deliver.Webhook, a deliver.Attempt) {
		seen = append(seen, a.Outcome()+" "+a.Verdict.String())
	}))
	if _, err := s.Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: body}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(seen, "; "); got != "503 Service Unavailable retry; 200 OK delivered" {
		t.Errorf("hook saw %q", got)
	}
}

func TestSchedules(t *testing.T) {
	b := deliver.StandardWebhooks()
	for i, want := range deliver.StandardWebhooksDelays {
		got := b.NextBackOff()
		if got < want*8/10 || got > want*12/10 {
			t.Errorf("delay %d = %v, want %v ± 20%%", i, got, want)
		}
	}
	if b.NextBackOff() != backoff.Stop {
		t.Error("the Standard Webhooks schedule did not stop after 8 attempts")
	}
	c := deliver.Constant(2*time.Second, 2)
	for i, want := range []time.Duration{2 * time.Second, 2 * time.Second, backoff.Stop} {
		if got := c.NextBackOff(); got != want {
			t.Errorf("Constant(2s, 2) delay %d = %v, want %v", i, got, want)
		}
	}
	e := deliver.Exponential(time.Second, 4*time.Second, 5)
	for i := 0; i < 5; i++ {
		if d := e.NextBackOff(); d <= 0 || d > 6*time.Second {
			t.Errorf("exponential delay %d = %v", i, d)
		}
	}
	if e.NextBackOff() != backoff.Stop {
		t.Error("Exponential did not stop after its retries")
	}
}

func TestLogNeverHoldsSecrets(t *testing.T) {
	srv := faultserver.New(faultserver.Status(500))
	defer srv.Close()
	var buf strings.Builder
	s := newSender(t, deliver.WithLogger(slog.New(slog.NewTextHandler(&buf, nil))))
	url := srv.URL + "/hooks/tok_secretpath?token=tok_secretquery"
	_, err := s.Send(context.Background(), deliver.Webhook{URL: url, ID: "evt_log", Body: []byte(`{"card":"4242"}`)})
	if err != nil {
		t.Fatal(err)
	}
	log := buf.String()
	if strings.Count(log, "webhook attempt") != 2 || !strings.Contains(log, "evt_log") || !strings.Contains(log, "500 Internal Server Error") {
		t.Errorf("log:\n%s", log)
	}
	sig := srv.Requests()[0].Header.Get("Webhook-Signature")
	for _, leak := range []string{secret, strings.TrimPrefix(secret, "whsec_"), "tok_secret", "4242", strings.TrimPrefix(sig, "v1,")} {
		if strings.Contains(log, leak) {
			t.Errorf("the log holds %q:\n%s", leak, log)
		}
	}
}
