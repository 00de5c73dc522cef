package verify

import (
	"time"
)

// Option changes how a Verifier checks requests.
type Option func(*settings)

type settings struct {
	secrets   []string
	tolerance time.Duration
	guard     ReplayGuard
	maxBody   int64
}

// DefaultTolerance is how far a signed timestamp may lie from the verifier's clock, in either
// direction, unless WithTolerance says otherwise.
const DefaultTolerance = 5 * time.Minute

// DefaultMaxBody is how many bytes the middleware reads, unless WithMaxBody says otherwise.
const DefaultMaxBody = 1 << 20

// AlsoAccept accepts signatures made with any of these secrets too. It is how a secret is
// rotated: the receiver accepts the old and the new secret until every sender uses the new one.
func AlsoAccept(secrets ...string) Option {
	return func(s *settings) { s.secrets = append(s.secrets, secrets...) }
}

// WithTolerance sets how far a signed timestamp may lie from now, in either direction; the
// default is DefaultTolerance. It applies only to schemes that sign a timestamp, and New
// refuses a tolerance that is not positive.
func WithTolerance(d time.Duration) Option {
	return func(s *settings) { s.tolerance = d }
}

// WithReplayGuard rejects, with ErrReplayed, a signed message that was accepted before: same
// ID and timestamp for schemes that sign an ID, same timestamp and body for the others. A
// sender's retry is signed afresh with a new timestamp, so it still passes. The guard
// remembers a message until its timestamp leaves the tolerance, after which it would be
// refused as too old anyway. New refuses a guard for a scheme that signs no timestamp, since
// such a scheme cannot tell a replay from a retry.
//
// NewMemoryGuard gives one for a single process; a shared store serves many.
func WithReplayGuard(g ReplayGuard) Option {
	return func(s *settings) { s.guard = g }
}

// WithMaxBody sets how many bytes of body the middleware reads before it answers 413; the
// default is DefaultMaxBody. New refuses a limit that is not positive.
func WithMaxBody(n int64) Option {
	return func(s *settings) { s.maxBody = n }
}
