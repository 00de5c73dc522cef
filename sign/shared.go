package sign

import (
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/textproto"
	"strings"
)

// SharedSecret is a scheme that sends a second secret itself in a header, as SpeechLive's
// X-Trouble-Secret does. It authenticates the sender, not the body: pair it with a scheme
// that signs the body. Receivers compare digests of the two values, so the comparison takes
// the same time whatever the length of what was sent.
//
// A SharedSecret is a value, safe for concurrent use.
type SharedSecret struct {
	Label  string // the scheme's name; "shared-secret" when empty
	Header string // the header that carries the secret
}

// Name returns Label, or "shared-secret".
func (s SharedSecret) Name() string {
	if s.Label == "" {
		return "shared-secret"
	}
	return s.Label
}

// Covers returns no parts: the header proves who sent the request, not what it holds.
func (s SharedSecret) Covers() Parts { return 0 }

// SignatureHeader returns the header that carries the secret.
func (s SharedSecret) SignatureHeader() string { return s.Header }

// SignedBytes says that nothing is signed.
func (s SharedSecret) SignedBytes() string { return "(the secret itself)" }

// Sign sets the header to the secret.
func (s SharedSecret) Sign(h http.Header, secret string, m Message) error {
	signer, err := s.NewSigner(secret)
	if err != nil {
		return err
	}
	return signer.Sign(h, m)
}

// NewSigner checks the secret and returns a Signer that sends it.
func (s SharedSecret) NewSigner(secret string) (Signer, error) {
	header, err := s.check(secret)
	if err != nil {
		return nil, err
	}
	return &sharedSigner{header: header, value: []string{secret}}, nil
}

// NewChecker returns a Checker that accepts any of the secrets.
func (s SharedSecret) NewChecker(secrets ...string) (Checker, error) {
	if len(secrets) == 0 {
		return nil, fmt.Errorf("%w: %s: no secret", ErrSecret, s.Name())
	}
	c := &sharedChecker{}
	for _, secret := range secrets {
		header, err := s.check(secret)
		if err != nil {
			return nil, err
		}
		c.header = header
		c.digests = append(c.digests, sha256.Sum256([]byte(secret)))
	}
	return c, nil
}

func (s SharedSecret) check(secret string) (string, error) {
	switch {
	case !validToken(s.Header):
		return "", fmt.Errorf("%w: %s: header name %q is not a valid header name", ErrScheme, s.Name(), s.Header)
	case secret == "":
		return "", fmt.Errorf("%w: %s: the secret is empty", ErrSecret, s.Name())
	case !validValue(secret):
		return "", fmt.Errorf("%w: %s: the secret holds a control character and cannot travel in a header", ErrSecret, s.Name())
	case strings.TrimSpace(secret) != secret:
		return "", fmt.Errorf("%w: %s: the secret begins or ends with white space, which HTTP strips from header values", ErrSecret, s.Name())
	}
	return textproto.CanonicalMIMEHeaderKey(s.Header), nil
}

type sharedSigner struct {
	header string
	value  []string
}

func (s *sharedSigner) Sign(h http.Header, _ Message) error {
	h[s.header] = s.value[:1:1]
	return nil
}

type sharedChecker struct {
	header  string
	digests [][sha256.Size]byte
}

func (c *sharedChecker) Check(h http.Header, body []byte) (Message, error) {
	v, ok := single(h, c.header)
	if !ok || v == "" {
		return Message{}, headerError(ErrNoSignature, c.header, "header missing, empty or repeated")
	}
	got := sha256.Sum256([]byte(v))
	for _, want := range c.digests {
		if hmac.Equal(got[:], want[:]) {
			return Message{Body: body}, nil
		}
	}
	return Message{}, headerError(ErrMismatch, c.header, "the secret does not match")
}
