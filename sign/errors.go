package sign

import (
	"errors"
	"fmt"
)

// Errors of verification. Package verify exports the same values under the same names; test
// for them with errors.Is.
var (
	// ErrNoSignature means the request carries no signature the scheme understands: the
	// signature header is absent, or lists only versions the scheme does not know.
	ErrNoSignature = errors.New("sign: no signature")
	// ErrMalformed means a signature, timestamp or ID header cannot be parsed.
	ErrMalformed = errors.New("sign: malformed signature header")
	// ErrMismatch means no signature in the request matches the body under any accepted key.
	// A signature that cannot be decoded, or has the wrong length, is a mismatch too.
	ErrMismatch = errors.New("sign: signature mismatch")
)

// Errors of configuration and input on the signing side.
var (
	// ErrSecret means a secret is empty or cannot be decoded into a key for the scheme.
	ErrSecret = errors.New("sign: bad secret")
	// ErrScheme means a scheme value is not usable: a missing header name, an unknown hash,
	// a layout that lacks the headers its signed parts need.
	ErrScheme = errors.New("sign: bad scheme")
	// ErrMessage means a message cannot be signed by the scheme: an ID is required but empty,
	// or it holds characters a header value may not carry.
	ErrMessage = errors.New("sign: bad message")
)

// HeaderError says which header made a request fail, and how. It never holds a secret or a
// computed signature. Err is one of ErrNoSignature, ErrMalformed and ErrMismatch; a signature
// that cannot be decoded is both malformed and a mismatch, and matches both.
type HeaderError struct {
	Header  string // canonical header name
	Problem string // what is wrong, for people
	Err     error  // the class, for errors.Is
	also    error  // a second class, when the problem belongs to two
}

// Error describes the problem, naming the header.
func (e *HeaderError) Error() string {
	return fmt.Sprintf("%s: %s", e.Header, e.Problem)
}

// Unwrap returns the classes the problem belongs to.
func (e *HeaderError) Unwrap() []error {
	if e.also != nil {
		return []error{e.Err, e.also}
	}
	return []error{e.Err}
}

func headerError(class error, header, problem string) error {
	return &HeaderError{Header: header, Problem: problem, Err: class}
}
