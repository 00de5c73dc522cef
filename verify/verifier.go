package verify

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/hookkit/hookkit/sign"
)

// ErrConfig means New was given something it cannot work with: no scheme, a tolerance or body
// limit that is not positive, a replay guard for a scheme without a timestamp.
var ErrConfig = errors.New("verify: bad configuration")

// Verifier checks that webhooks were signed by a holder of the secret, recently, and once.
//
// A Verifier is made by New and is safe for concurrent use; the zero value is not usable.
type Verifier struct {
	checker   sign.Checker
	covers    sign.Parts
	tolerance time.Duration
	guard     ReplayGuard
	maxBody   int64
}

// New returns a Verifier for scheme s that accepts signatures made with secret, or with any
// secret given to AlsoAccept. An empty or undecodable secret is an error that matches
// sign.ErrSecret.
func New(s sign.Scheme, secret string, opts ...Option) (*Verifier, error) {
	if s == nil {
		return nil, fmt.Errorf("%w: no scheme", ErrConfig)
	}
	set := settings{secrets: []string{secret}, tolerance: DefaultTolerance, maxBody: DefaultMaxBody}
	for _, opt := range opts {
		opt(&set)
	}
	covers := s.Covers()
	switch {
	case set.tolerance <= 0:
		return nil, fmt.Errorf("%w: tolerance %v is not positive", ErrConfig, set.tolerance)
	case set.maxBody <= 0:
		return nil, fmt.Errorf("%w: body limit %d is not positive", ErrConfig, set.maxBody)
	case set.guard != nil && !covers.Has(sign.Timestamp):
		return nil, fmt.Errorf("%w: scheme %s signs no timestamp, so a replay guard cannot tell a replay from a retry", ErrConfig, s.Name())
	}
	for _, secret := range set.secrets {
		if secret == "" {
			return nil, fmt.Errorf("%w: %s: a secret is empty", sign.ErrSecret, s.Name())
		}
	}
	checker, err := s.NewChecker(set.secrets...)
	if err != nil {
		return nil, err
	}
	return &Verifier{checker: checker, covers: covers, tolerance: set.tolerance, guard: set.guard, maxBody: set.maxBody}, nil
}

// Verify checks a request's headers and raw body against the clock; see VerifyAt.
func (v *Verifier) Verify(h http.Header, body []byte) (sign.Message, error) {
	return v.VerifyAt(h, body, time.Now())
}

// VerifyAt checks that body was signed with an accepted secret, that the signed timestamp, if
// the scheme has one, lies within the tolerance of now, and, with a replay guard, that the
// message was not accepted before. It returns the message as signed; on any failure it returns
// the zero Message and an error that matches one of the package's Err values.
//
// body must be the raw bytes as received: a body decoded and re-encoded will not verify.
func (v *Verifier) VerifyAt(h http.Header, body []byte, now time.Time) (sign.Message, error) {
	m, err := v.checker.Check(h, body)
	if err != nil {
		return sign.Message{}, fmt.Errorf("verify: %w", err)
	}
	if v.covers.Has(sign.Timestamp) {
		// The signature is checked first, so that only a genuine message is ever reported as
		// too old or too new.
		if age := now.Sub(m.Timestamp); age > v.tolerance || age < -v.tolerance {
			return sign.Message{}, &TimestampError{Age: age, Tolerance: v.tolerance}
		}
	}
	if v.guard != nil {
		fresh, err := v.guard.Remember(v.replayKey(m), m.Timestamp.Add(v.tolerance), now)
		if err != nil {
			return sign.Message{}, fmt.Errorf("verify: replay guard: %w", err)
		}
		if !fresh {
			return sign.Message{}, ErrReplayed
		}
	}
	return m, nil
}

// replayKey names a signed message by what its signature covers: an unsigned ID could be
// changed by whoever replays the request, so it takes part only when it is signed.
func (v *Verifier) replayKey(m sign.Message) string {
	ts := strconv.FormatInt(m.Timestamp.Unix(), 10)
	if v.covers.Has(sign.ID) {
		return "id:" + ts + ":" + m.ID
	}
	sum := sha256.Sum256(m.Body)
	return "body:" + ts + ":" + hex.EncodeToString(sum[:16])
}
