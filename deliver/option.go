package deliver

import (
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// Option changes how a Sender sends.
type Option func(*settings)

type settings struct {
	allowPrivate  bool
	allow         []netip.Prefix
	newBackOff    func() backoff.BackOff
	timeout       time.Duration
	retryAfterCap time.Duration
	responseLimit int64
	policy        Policy
	client        *http.Client
	transport     http.RoundTripper
	onAttempt     func(Webhook, Attempt)
	logger        *slog.Logger
	now           func() time.Time
}

// Defaults of the Sender.
const (
	DefaultTimeout       = 15 * time.Second
	DefaultRetryAfterCap = time.Minute
	DefaultResponseLimit = 64 << 10
	// DefaultMinDelay is the least the default schedule waits after a timeout or a 429
	// without Retry-After: an endpoint that is struggling is not hit again 5 seconds later.
	DefaultMinDelay = 30 * time.Second
)

// AllowPrivateNetworks lets the Sender reach loopback, private, link-local and other
// non-public addresses: for tests, and for services that send to internal endpoints only.
// Cloud metadata addresses stay refused unless AllowNetworks names them.
func AllowPrivateNetworks() Option {
	return func(s *settings) { s.allowPrivate = true }
}

// AllowNetworks lets the Sender reach these networks despite the SSRF guard, such as one
// internal subnet, without opening all private addresses.
func AllowNetworks(prefixes ...netip.Prefix) Option {
	return func(s *settings) { s.allow = append(s.allow, prefixes...) }
}

// WithBackOff sets the retry timing: newBackOff is called once per webhook, since a BackOff
// is not safe for concurrent use, and followed as given; backoff.Stop ends the retries. The
// default is StandardWebhooks. See also Fixed, Constant and Exponential.
func WithBackOff(newBackOff func() backoff.BackOff) Option {
	return func(s *settings) { s.newBackOff = newBackOff }
}

// WithTimeout sets how long one attempt may take, reading the response included; the default
// is DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) { s.timeout = d }
}

// WithRetryAfterCap bounds how long a Retry-After header on a 429 or 503 can make the Sender
// wait; the default, for sending inline, is DefaultRetryAfterCap.
func WithRetryAfterCap(d time.Duration) Option {
	return func(s *settings) { s.retryAfterCap = d }
}

// WithPolicy sets what each status code means; the default is DefaultPolicy.
func WithPolicy(p Policy) Option {
	return func(s *settings) { s.policy = p }
}

// WithResponseLimit sets how much of each response body is kept in the Attempt; the default
// is DefaultResponseLimit. The rest is read and dropped, so the connection can be reused.
func WithResponseLimit(n int64) Option {
	return func(s *settings) { s.responseLimit = n }
}

// WithClient sends through c. Redirects are still never followed. When c has no Transport
// the Sender's own, with the SSRF guard, is used; c's own Transport is trusted to guard
// itself.
func WithClient(c *http.Client) Option {
	return func(s *settings) { s.client = c }
}

// WithTransport sends through rt, which is trusted to guard itself: the SSRF guard lives in
// the Sender's own transport.
func WithTransport(rt http.RoundTripper) Option {
	return func(s *settings) { s.transport = rt }
}

// OnAttempt calls f after every attempt, as it happens, from the goroutine that made it.
func OnAttempt(f func(Webhook, Attempt)) Option {
	return func(s *settings) { s.onAttempt = f }
}

// WithLogger logs each attempt: the webhook's ID, the host, the status and the delay. It
// never logs a secret, a signature, a body, or a URL's path and query.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) { s.logger = l }
}

// WithClock sets the clock that attempts are signed and timed with; the default is time.Now.
// Waits between attempts still take real time.
func WithClock(now func() time.Time) Option {
	return func(s *settings) { s.now = now }
}
