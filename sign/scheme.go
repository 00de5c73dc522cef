package sign

import (
	"net/http"
	"strings"
)

// Scheme is one way of signing webhooks: which bytes are signed, with which algorithm, and how
// the signature travels in the headers. The presets in package schemes are values of the
// configurable types HMAC, Ed25519 and SharedSecret; a new vendor style is one more value.
//
// Implementations must be safe for concurrent use; the types in this package are.
type Scheme interface {
	// Name is the scheme's short, lowercase name, such as "standard-webhooks".
	Name() string

	// Sign sets the headers that carry m's signature on h. It decodes secret on every call;
	// code that signs many messages with one secret should hold a Signer from NewSigner.
	Sign(h http.Header, secret string, m Message) error

	// NewSigner decodes secret once and returns a Signer for it.
	NewSigner(secret string) (Signer, error)

	// NewChecker decodes the given secrets once and returns a Checker that accepts a message
	// signed with any of them. At least one secret is required.
	NewChecker(secrets ...string) (Checker, error)

	// Covers reports which parts of a message the signature covers. Package verify checks
	// the age of messages whose timestamp is signed, and keys its replay guard on the signed
	// parts.
	Covers() Parts
}

// Signer signs messages with one decoded secret. A Signer is safe for concurrent use.
type Signer interface {
	// Sign sets the headers that carry m's signature on h, replacing any values they had.
	Sign(h http.Header, m Message) error
}

// Checker authenticates messages against a fixed set of keys. A Checker is safe for
// concurrent use. It checks signatures only: the age of a message and replays are the
// business of package verify, which most callers should use instead.
type Checker interface {
	// Check authenticates body against the signature headers in h. It returns the message
	// as the sender signed it, or an error that matches ErrNoSignature, ErrMalformed or
	// ErrMismatch under errors.Is.
	Check(h http.Header, body []byte) (Message, error)
}

// Describer is implemented by schemes that can say, for people, where their signature
// travels and what it covers. The hookkit command uses it to list the presets.
type Describer interface {
	// SignatureHeader is the name of the header that carries the signature.
	SignatureHeader() string
	// SignedBytes shows what is signed, such as "{id}.{ts}.{body}".
	SignedBytes() string
}

// Parts is a set of the parts of a message that a signature covers. They are always signed
// in the order ID, timestamp, body.
type Parts uint8

// The parts of a message a signature can cover.
const (
	Body      Parts = 1 << iota // the raw body
	Timestamp                   // the timestamp, as decimal Unix seconds
	ID                          // the message ID
)

// Has reports whether ps includes every part in q.
func (ps Parts) Has(q Parts) bool { return ps&q == q }

// String lists the parts, such as "id+timestamp+body".
func (ps Parts) String() string {
	var b strings.Builder
	for _, p := range [...]struct {
		part Parts
		name string
	}{{ID, "id"}, {Timestamp, "timestamp"}, {Body, "body"}} {
		if ps.Has(p.part) {
			if b.Len() > 0 {
				b.WriteByte('+')
			}
			b.WriteString(p.name)
		}
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}
