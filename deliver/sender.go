package deliver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/google/uuid"

	"github.com/hookkit/hookkit/sign"
)

// Version is hookkit's version, sent in the User-Agent.
const Version = "0.1.0"

// userAgent names hookkit to the receiver.
const userAgent = "hookkit/" + Version + " (+https://github.com/hookkit/hookkit)"

// Webhook is one webhook to send.
type Webhook struct {
	URL    string
	Method string      // "" means POST; PUT is allowed
	ID     string      // "" means a new UUID; the same on every attempt
	Header http.Header // custom headers; they may not override the scheme's own, Content-Length or Host
	Body   []byte      // sent byte for byte, and signed as it is
}

// Attempt is one try at delivering a webhook.
type Attempt struct {
	Number   int           // 1 for the first
	Start    time.Time     // when the request was signed and sent
	Duration time.Duration // until the response was read, or the attempt failed
	Status   int           // the response's status code; 0 when there was none
	Err      error         // why there was no response, or nil; matches ErrTimeout, ErrBlocked, ...
	Body     []byte        // the start of the response body, up to the response limit
	Verdict  Verdict       // what the attempt meant
	Delay    time.Duration // the wait before the next attempt; 0 when there is none

	header http.Header // the response headers, for Retry-After
}

// Outcome describes the attempt in a few words, such as "503 Service Unavailable" or
// "timeout".
func (a Attempt) Outcome() string {
	var status, failure string
	if a.Status != 0 {
		status = fmt.Sprintf("%d %s", a.Status, http.StatusText(a.Status))
	}
	switch {
	case errors.Is(a.Err, ErrTimeout):
		failure = "timeout"
	case a.Err != nil:
		failure = strings.TrimPrefix(a.Err.Error(), "deliver: ")
	}
	switch {
	case status != "" && failure != "":
		return status + ", then " + failure
	case status != "":
		return status
	case failure != "":
		return failure
	}
	return "no attempt"
}

// Result is what became of a webhook.
type Result struct {
	ID        string    // the webhook's ID, given or generated
	Attempts  []Attempt // every attempt, in order
	Delivered bool
	Gone      bool // the endpoint answered 410 Gone
}

// Sender signs and sends webhooks, retrying by a policy and a schedule.
//
// A Sender is safe for concurrent use; the zero value is not usable.
type Sender struct {
	signer        sign.Signer
	reserved      map[string]bool // headers a caller may not set
	client        *http.Client
	newBackOff    func() backoff.BackOff
	defaultTiming bool
	timeout       time.Duration
	retryAfterCap time.Duration
	responseLimit int64
	policy        Policy
	onAttempt     func(Webhook, Attempt)
	logger        *slog.Logger
	now           func() time.Time
}

// NewSender returns a Sender that signs with scheme s and secret. An empty or undecodable
// secret is an error that matches sign.ErrSecret.
func NewSender(s sign.Scheme, secret string, opts ...Option) (*Sender, error) {
	if s == nil {
		return nil, fmt.Errorf("%w: no scheme", ErrOption)
	}
	set := settings{timeout: DefaultTimeout, retryAfterCap: DefaultRetryAfterCap, responseLimit: DefaultResponseLimit, policy: DefaultPolicy()}
	for _, opt := range opts {
		opt(&set)
	}
	if set.timeout <= 0 || set.retryAfterCap < 0 || set.responseLimit < 0 {
		return nil, fmt.Errorf("%w: timeout must be positive, caps not negative", ErrOption)
	}
	signer, err := s.NewSigner(secret)
	if err != nil {
		return nil, err
	}
	// The headers a scheme sets are found by signing once: they are the caller's to leave alone.
	probe := make(http.Header)
	if err := signer.Sign(probe, sign.Message{ID: "probe", Timestamp: time.Unix(1, 0)}); err != nil {
		return nil, err
	}
	reserved := map[string]bool{"Content-Length": true, "Host": true, "Transfer-Encoding": true, "Connection": true}
	for name := range probe {
		reserved[name] = true
	}
	snd := &Sender{
		signer: signer, reserved: reserved,
		newBackOff: set.newBackOff, defaultTiming: set.newBackOff == nil,
		timeout: set.timeout, retryAfterCap: set.retryAfterCap, responseLimit: set.responseLimit,
		policy: set.policy, onAttempt: set.onAttempt, logger: set.logger, now: set.now,
	}
	if snd.now == nil {
		snd.now = time.Now
	}
	if snd.newBackOff == nil {
		snd.newBackOff = StandardWebhooks
	}
	snd.client = newClient(set)
	return snd, nil
}

func newClient(set settings) *http.Client {
	c := &http.Client{}
	if set.client != nil {
		*c = *set.client
	}
	if set.transport != nil {
		c.Transport = set.transport
	}
	if c.Transport == nil {
		g := &guard{allowPrivate: set.allowPrivate, allow: set.allow}
		dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: g.control}
		c.Transport = &http.Transport{
			Proxy:               nil, // a proxy would dial for us, past the guard
			DialContext:         dialer.DialContext,
			ForceAttemptHTTP2:   true,
			MaxIdleConns:        256,
			MaxIdleConnsPerHost: 16,
			IdleConnTimeout:     90 * time.Second,
			TLSHandshakeTimeout: 10 * time.Second,
		}
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.Timeout = 0 // the per-attempt context bounds each attempt
	return c
}

// prepare checks a webhook and fills in its defaults.
func (s *Sender) prepare(w Webhook) (Webhook, error) {
	switch w.Method {
	case "":
		w.Method = http.MethodPost
	case http.MethodPost, http.MethodPut:
	default:
		return w, requestError("method %q: only POST and PUT are sent", w.Method)
	}
	u, err := url.Parse(w.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return w, requestError("URL %q is not an absolute http or https URL", redactURL(w.URL))
	}
	for name := range w.Header {
		if s.reserved[http.CanonicalHeaderKey(name)] {
			return w, requestError("header %s is set by the signature scheme or the transport, not the caller", http.CanonicalHeaderKey(name))
		}
	}
	if w.ID == "" {
		w.ID = uuid.NewString()
	}
	return w, nil
}

// Send delivers w: it signs and sends it, and retries by the policy and the schedule until it
// is delivered, the policy gives up, the schedule runs out or ctx ends. Every attempt is
// signed afresh, with the same ID.
//
// The error is nil when the webhook was delivered. Otherwise it matches ErrRequest (nothing
// was sent), ErrGone or ErrGaveUp (see DeliveryError), or is ctx's error; Result holds every
// attempt in each case. Cancelling ctx stops a wait or a request at once.
func (s *Sender) Send(ctx context.Context, w Webhook) (Result, error) {
	w, err := s.prepare(w)
	if err != nil {
		return Result{}, err
	}
	res := Result{ID: w.ID}
	b := s.newBackOff()
	b.Reset()
	for n := 1; ; n++ {
		a := s.try(ctx, w, n)
		if ctx.Err() != nil {
			a.Verdict = GiveUp
			res.Attempts = append(res.Attempts, a)
			return res, ctx.Err()
		}
		d := s.Decide(a, b)
		a.Verdict, a.Delay = d.Verdict, d.Delay
		res.Attempts = append(res.Attempts, a)
		s.report(w, a)
		switch d.Verdict {
		case Delivered:
			res.Delivered = true
			return res, nil
		case Gone:
			res.Gone = true
			return res, &DeliveryError{Attempts: n, Last: a.Outcome(), Err: ErrGone, Cause: a.Err}
		case GiveUp:
			return res, &DeliveryError{Attempts: n, Last: a.Outcome(), Err: ErrGaveUp, Cause: a.Err}
		}
		t := time.NewTimer(d.Delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return res, ctx.Err()
		case <-t.C:
		}
	}
}

// Try makes one attempt at delivering w, numbered n, without deciding what it means: it is
// the step a durable queue runs, with Decide after it. It fails only for a webhook that
// cannot be sent at all (ErrRequest).
func (s *Sender) Try(ctx context.Context, w Webhook, n int) (Attempt, error) {
	w, err := s.prepare(w)
	if err != nil {
		return Attempt{}, err
	}
	a := s.try(ctx, w, n)
	return a, nil
}

// Prepare checks w and fills in its defaults: POST, and a new UUID for an empty ID. Try and
// Send prepare a webhook themselves; a durable queue prepares it once, before storing it, so
// that every attempt carries the same ID.
func (s *Sender) Prepare(w Webhook) (Webhook, error) { return s.prepare(w) }

// NewBackOff returns a fresh BackOff of the Sender's schedule, reset. A durable queue that
// resumes a webhook after n attempts calls NextBackOff n-1 times before Decide.
func (s *Sender) NewBackOff() backoff.BackOff {
	b := s.newBackOff()
	b.Reset()
	return b
}

// Decision is what follows an attempt.
type Decision struct {
	Verdict Verdict
	Delay   time.Duration // with Retry: how long to wait
	At      time.Time     // with Retry: when to try next
}

// Decide is the policy step: it applies the policy to a, and for a retry takes the next delay
// from b, raised to a Retry-After (capped) and, with the default schedule, to a minimum after
// a timeout or a 429. A retry that b has no delay for becomes GiveUp. A durable queue stores
// the Decision instead of sleeping.
func (s *Sender) Decide(a Attempt, b backoff.BackOff) Decision {
	v := s.policy.Verdict(a)
	if v != Retry {
		return Decision{Verdict: v}
	}
	delay := b.NextBackOff()
	if delay == backoff.Stop {
		return Decision{Verdict: GiveUp}
	}
	if s.defaultTiming && (errors.Is(a.Err, ErrTimeout) || a.Status == http.StatusTooManyRequests) {
		delay = max(delay, DefaultMinDelay)
	}
	if a.Status == http.StatusTooManyRequests || a.Status == http.StatusServiceUnavailable {
		if ra, ok := a.retryAfter(a.Start.Add(a.Duration)); ok {
			delay = max(delay, min(ra, s.retryAfterCap))
		}
	}
	return Decision{Verdict: Retry, Delay: delay, At: a.Start.Add(a.Duration).Add(delay)}
}

// try makes one attempt; w is prepared.
func (s *Sender) try(ctx context.Context, w Webhook, n int) Attempt {
	a := Attempt{Number: n, Start: s.now()}
	began := time.Now() // durations are measured on the real clock, whatever signs
	actx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, w.Method, w.URL, bytes.NewReader(w.Body))
	if err != nil {
		a.Err = requestError("%v", err)
		return a
	}
	for name, values := range w.Header {
		req.Header[http.CanonicalHeaderKey(name)] = append([]string(nil), values...)
	}
	if req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", userAgent)
	}
	if err := s.signer.Sign(req.Header, sign.Message{ID: w.ID, Timestamp: a.Start, Body: w.Body}); err != nil {
		a.Err = requestError("%v", err)
		return a
	}
	resp, err := s.client.Do(req)
	if err != nil {
		a.Duration = time.Since(began)
		a.Err = transportError(err, actx, ctx)
		return a
	}
	a.Status = resp.StatusCode
	if resp.ContentLength != 0 { // a 204, or an empty 200, has nothing to read
		a.Body, err = io.ReadAll(io.LimitReader(resp.Body, s.responseLimit))
		if err == nil {
			// Drain what is left, within reason, so the connection goes back to the pool.
			_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, 256<<10))
		}
	}
	resp.Body.Close()
	a.Duration = time.Since(began)
	if err != nil {
		a.Err = fmt.Errorf("reading the response: %w", transportError(err, actx, ctx))
	}
	a.header = resp.Header
	return a
}

// transportError turns a transport error into the attempt's error.
func transportError(err error, attempt, parent context.Context) error {
	var blocked *BlockedError
	switch {
	case errors.As(err, &blocked):
		return blocked
	case parent.Err() != nil:
		return parent.Err()
	case attempt.Err() != nil:
		return ErrTimeout
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err // the URL may hold a secret in its query; the error need not repeat it
	}
	var oerr *net.OpError
	if errors.As(err, &oerr) && oerr.Err != nil {
		err = fmt.Errorf("%s: %w", oerr.Op, oerr.Err) // likewise the address, already in the attempt
	}
	return fmt.Errorf("deliver: %w", err)
}

// retryAfter reads a Retry-After header as seconds or an HTTP date.
func (a Attempt) retryAfter(now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(a.header.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
		return time.Duration(min(secs, 1<<31)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func (s *Sender) report(w Webhook, a Attempt) {
	if s.onAttempt != nil {
		s.onAttempt(w, a)
	}
	if s.logger != nil {
		level := slog.LevelInfo
		if a.Verdict != Delivered {
			level = slog.LevelWarn
		}
		s.logger.LogAttrs(context.Background(), level, "webhook attempt",
			slog.String("id", w.ID), slog.String("host", hostOf(w.URL)), slog.Int("attempt", a.Number),
			slog.String("outcome", a.Outcome()), slog.Duration("duration", a.Duration),
			slog.String("verdict", a.Verdict.String()), slog.Duration("next", a.Delay))
	}
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Host
	}
	return "?"
}

// redactURL keeps a URL's scheme and host: its path and query may hold a token.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(unparsable)"
	}
	return u.Scheme + "://" + u.Host + "/…"
}
