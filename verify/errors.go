package verify

import (
	"errors"
	"fmt"
	"time"

	"github.com/hookkit/hookkit/sign"
)

// The classes of verification failure. Test for them with errors.Is; the error's text says
// what exactly was wrong, and never holds a secret or a computed signature.
var (
	// ErrNoSignature: the signature header is absent, or holds no signature of the scheme's
	// version.
	ErrNoSignature = sign.ErrNoSignature
	// ErrMalformed: a signature, timestamp or ID header cannot be parsed.
	ErrMalformed = sign.ErrMalformed
	// ErrMismatch: no signature matches the body under any accepted secret.
	ErrMismatch = sign.ErrMismatch
	// ErrTooOld: the signed timestamp is older than the tolerance allows.
	ErrTooOld = errors.New("verify: timestamp too old")
	// ErrTooNew: the signed timestamp is further in the future than the tolerance allows.
	ErrTooNew = errors.New("verify: timestamp too new")
	// ErrReplayed: the same signed message was accepted before, within the tolerance.
	ErrReplayed = errors.New("verify: replayed message")
	// ErrTooLarge: the body is larger than the middleware reads.
	ErrTooLarge = errors.New("verify: body too large")
)

// TimestampError is a signed timestamp outside the tolerance. It matches ErrTooOld or
// ErrTooNew.
type TimestampError struct {
	Age       time.Duration // how old the timestamp was; negative when it lies in the future
	Tolerance time.Duration
}

// Error says how far off the timestamp was, in whole seconds.
func (e *TimestampError) Error() string {
	if e.Age < 0 {
		return fmt.Sprintf("verify: timestamp %ds in the future, tolerance %ds", secs(-e.Age), secs(e.Tolerance))
	}
	return fmt.Sprintf("verify: timestamp %ds old, tolerance %ds", secs(e.Age), secs(e.Tolerance))
}

// Unwrap returns ErrTooOld or ErrTooNew.
func (e *TimestampError) Unwrap() error {
	if e.Age < 0 {
		return ErrTooNew
	}
	return ErrTooOld
}

func secs(d time.Duration) int64 { return int64(d / time.Second) }

// TooLargeError is a body over the middleware's limit. It matches ErrTooLarge.
type TooLargeError struct {
	Limit int64 // the most bytes the middleware reads
}

// Error states the limit.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("verify: body larger than %d bytes", e.Limit)
}

// Unwrap returns ErrTooLarge.
func (e *TooLargeError) Unwrap() error { return ErrTooLarge }
