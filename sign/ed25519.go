package sign

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Ed25519 is the asymmetric scheme of Standard Webhooks: an Ed25519 signature over
// "{id}.{ts}.{body}", sent as "v1a,<base64>" in a space-separated list. The sender signs
// with a private key ("whsk_" and the base64 of the 32-byte seed or the 64-byte private
// key); receivers verify with the public key ("whpk_" and the base64 of its 32 bytes), so
// a receiver holds nothing that can forge a webhook.
//
// Ed25519 signs the whole message in one call, so unlike HMAC it joins the signed parts in
// a pooled buffer: the one place the body is copied.
//
// Empty fields take the Standard Webhooks values. An Ed25519 is a value, safe for
// concurrent use.
type Ed25519 struct {
	Label           string // the scheme's name; "ed25519" when empty
	Header          string // the signature header; "webhook-signature" when empty
	IDHeader        string // "webhook-id" when empty
	TimestampHeader string // "webhook-timestamp" when empty
	Version         string // the signature label; "v1a" when empty
	PrivatePrefix   string // what private keys start with; "whsk_" when empty
	PublicPrefix    string // what public keys start with; "whpk_" when empty
}

func (s Ed25519) or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// Name returns Label, or "ed25519".
func (s Ed25519) Name() string { return s.or(s.Label, "ed25519") }

// Covers returns ID, Timestamp and Body.
func (s Ed25519) Covers() Parts { return ID | Timestamp | Body }

// SignatureHeader returns the signature header's name.
func (s Ed25519) SignatureHeader() string { return s.or(s.Header, "webhook-signature") }

// SignedBytes returns "{id}.{ts}.{body}".
func (s Ed25519) SignedBytes() string { return "{id}.{ts}.{body}" }

func (s Ed25519) wire() (wire, error) {
	return newWire(s.Name(), s.Covers(), "", ".", Base64, List, s.SignatureHeader(),
		s.or(s.TimestampHeader, "webhook-timestamp"), s.or(s.IDHeader, "webhook-id"), "", s.or(s.Version, "v1a"))
}

// Sign signs m with a private key.
func (s Ed25519) Sign(h http.Header, secret string, m Message) error {
	signer, err := s.NewSigner(secret)
	if err != nil {
		return err
	}
	return signer.Sign(h, m)
}

// NewSigner decodes a private key ("whsk_…") and returns a Signer for it.
func (s Ed25519) NewSigner(secret string) (Signer, error) {
	w, err := s.wire()
	if err != nil {
		return nil, err
	}
	priv, err := s.privateKey(secret)
	if err != nil {
		return nil, err
	}
	return &edSigner{name: s.Name(), w: w, key: priv}, nil
}

// NewChecker decodes public keys ("whpk_…") and returns a Checker that accepts a signature
// made by any of them. A private key is accepted too, and its public half used.
func (s Ed25519) NewChecker(secrets ...string) (Checker, error) {
	w, err := s.wire()
	if err != nil {
		return nil, err
	}
	if len(secrets) == 0 {
		return nil, fmt.Errorf("%w: %s: no key", ErrSecret, s.Name())
	}
	keys := make([]ed25519.PublicKey, len(secrets))
	for i, secret := range secrets {
		if strings.HasPrefix(secret, s.or(s.PrivatePrefix, "whsk_")) {
			priv, err := s.privateKey(secret)
			if err != nil {
				return nil, err
			}
			keys[i] = priv.Public().(ed25519.PublicKey)
			continue
		}
		key, err := s.decode(secret, s.or(s.PublicPrefix, "whpk_"), "public")
		if err != nil {
			return nil, err
		}
		if len(key) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("%w: %s: a public key is %d bytes, not %d", ErrSecret, s.Name(), ed25519.PublicKeySize, len(key))
		}
		keys[i] = key
	}
	return &edChecker{w: w, keys: keys}, nil
}

func (s Ed25519) privateKey(secret string) (ed25519.PrivateKey, error) {
	key, err := s.decode(secret, s.or(s.PrivatePrefix, "whsk_"), "private")
	if err != nil {
		return nil, err
	}
	switch len(key) {
	case ed25519.SeedSize:
		return ed25519.NewKeyFromSeed(key), nil
	case ed25519.PrivateKeySize:
		// The second half of a private key is its public key; a mismatch means a corrupt key
		// that would sign what nobody can verify.
		priv := ed25519.NewKeyFromSeed(key[:ed25519.SeedSize])
		if !bytes.Equal(priv[ed25519.SeedSize:], key[ed25519.SeedSize:]) {
			return nil, fmt.Errorf("%w: %s: the private key's public half does not match its seed", ErrSecret, s.Name())
		}
		return priv, nil
	}
	return nil, fmt.Errorf("%w: %s: a private key is a %d-byte seed or a %d-byte key, not %d bytes",
		ErrSecret, s.Name(), ed25519.SeedSize, ed25519.PrivateKeySize, len(key))
}

func (s Ed25519) decode(secret, prefix, kind string) ([]byte, error) {
	if secret == "" {
		return nil, fmt.Errorf("%w: %s: the key is empty", ErrSecret, s.Name())
	}
	rest, ok := strings.CutPrefix(secret, prefix)
	if !ok {
		return nil, fmt.Errorf("%w: %s: a %s key starts with %q", ErrSecret, s.Name(), kind, prefix)
	}
	key, err := decodeBase64(rest)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: the %s key is not base64 after %q", ErrSecret, s.Name(), kind, prefix)
	}
	return key, nil
}

// edBuffers holds the joined signed bytes between calls.
var edBuffers = sync.Pool{New: func() any { return new([]byte) }}

func signedBuffer(w *wire, id string, ts, body []byte) *[]byte {
	buf := edBuffers.Get().(*[]byte)
	*buf = append(w.appendSigned((*buf)[:0], id, ts), body...)
	return buf
}

func releaseBuffer(buf *[]byte) {
	if cap(*buf) <= 4<<20 {
		edBuffers.Put(buf)
	}
}

type edSigner struct {
	name string
	w    wire
	key  ed25519.PrivateKey
}

func (s *edSigner) Sign(h http.Header, m Message) error {
	if err := s.w.checkMessage(s.name, m); err != nil {
		return err
	}
	var tsb [20]byte
	ts := strconv.AppendInt(tsb[:0], m.Timestamp.Unix(), 10)
	buf := signedBuffer(&s.w, m.ID, ts, m.Body)
	sig := ed25519.Sign(s.key, *buf)
	releaseBuffer(buf)
	s.w.setHeaders(h, m.ID, ts, sig)
	return nil
}

type edChecker struct {
	w    wire
	keys []ed25519.PublicKey
}

func (c *edChecker) Check(h http.Header, body []byte) (Message, error) {
	var p parsed
	if err := c.w.parse(h, &p); err != nil {
		return Message{}, err
	}
	var tsb [18]byte
	ts := tsb[:copy(tsb[:], p.ts)]
	buf := signedBuffer(&c.w, p.id, ts, body)
	defer releaseBuffer(buf)
	var sig [ed25519.SignatureSize]byte
	var raw [maxSignatureText]byte
	undecodable := false
	for _, s := range p.sigs[:p.n] {
		n, ok := c.w.decode(sig[:], raw[:], s)
		if !ok {
			undecodable = true
			continue
		}
		if n != len(sig) {
			continue
		}
		for _, key := range c.keys {
			if ed25519.Verify(key, *buf, sig[:]) {
				return p.message(body), nil
			}
		}
	}
	return Message{}, c.w.mismatch(undecodable)
}
