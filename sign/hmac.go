package sign

import (
	"crypto"
	"crypto/hmac"
	_ "crypto/sha1" // SHA-1 for the vendors that still sign with it
	_ "crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"net/http"
	"strconv"
	"sync"
)

// HMAC is a scheme that signs with an HMAC over the message's parts. Every field is a choice a
// vendor makes; together they cover the presets in package schemes, and a new vendor style is
// one more value:
//
//	acme := sign.HMAC{
//		Label:           "acme",
//		Signs:           sign.Timestamp | sign.Body, // "{ts}.{body}"
//		Header:          "X-Acme-Signature",
//		ValuePrefix:     "sha256=",
//		TimestampHeader: "X-Acme-Timestamp",
//	}
//
// The zero value of each field is the common choice: SHA-256, the body alone, "." between
// parts, hex, the Plain layout, the secret's bytes as the key. Header is required. An HMAC is
// a value; its methods never change it, and it is safe for concurrent use.
type HMAC struct {
	// Label is the scheme's name; "hmac" when empty.
	Label string
	// Hash is the hash function: crypto.SHA256 when zero; crypto.SHA1 and crypto.SHA512 are
	// the other common choices.
	Hash crypto.Hash
	// Signs is which parts are signed, always in the order ID, timestamp, body; the body alone
	// when zero.
	Signs Parts
	// SignedPrefix is a literal part signed before the others, such as Slack's "v0".
	SignedPrefix string
	// Separator joins the signed parts; "." when empty.
	Separator string
	// Encoding is how the signature is written: Hex or Base64.
	Encoding Encoding
	// Header is the signature header.
	Header string
	// Layout is how the signature header is laid out.
	Layout Layout
	// ValuePrefix precedes the signature in the Plain layout, such as "sha256=".
	ValuePrefix string
	// Version labels the signature in the Pairs and List layouts, such as "v1".
	Version string
	// TimestampHeader carries the timestamp. With the Pairs layout it is optional and only
	// informative: the signed timestamp is the one in the signature header.
	TimestampHeader string
	// IDHeader carries the message ID. It is required when the ID is signed; otherwise it is
	// sent and read but not authenticated.
	IDHeader string
	// Secret is how a secret string becomes the key.
	Secret SecretEncoding
	// SecretPrefix is stripped from a Base64Secret before decoding, such as "whsec_".
	SecretPrefix string
}

// Name returns Label, or "hmac".
func (s HMAC) Name() string {
	if s.Label == "" {
		return "hmac"
	}
	return s.Label
}

// Covers returns the parts the signature covers.
func (s HMAC) Covers() Parts {
	if s.Signs == 0 {
		return Body
	}
	return s.Signs
}

// SignatureHeader returns the signature header's name.
func (s HMAC) SignatureHeader() string { return s.Header }

// SignedBytes shows what is signed, such as "{ts}.{body}".
func (s HMAC) SignedBytes() string {
	w, err := s.wire()
	if err != nil {
		return "?"
	}
	return w.describe()
}

func (s HMAC) wire() (wire, error) {
	return newWire(s.Name(), s.Signs, s.SignedPrefix, s.Separator, s.Encoding, s.Layout,
		s.Header, s.TimestampHeader, s.IDHeader, s.ValuePrefix, s.Version)
}

func (s HMAC) hash() (crypto.Hash, error) {
	h := s.Hash
	if h == 0 {
		h = crypto.SHA256
	}
	switch h {
	case crypto.SHA1, crypto.SHA224, crypto.SHA256, crypto.SHA384, crypto.SHA512, crypto.SHA512_224, crypto.SHA512_256:
		return h, nil
	}
	return 0, fmt.Errorf("%w: %s: hash %v is not supported", ErrScheme, s.Name(), h)
}

// Sign sets the signature headers for m on h.
func (s HMAC) Sign(h http.Header, secret string, m Message) error {
	signer, err := s.NewSigner(secret)
	if err != nil {
		return err
	}
	return signer.Sign(h, m)
}

// NewSigner validates the scheme, decodes secret and returns a Signer for it.
func (s HMAC) NewSigner(secret string) (Signer, error) {
	w, keys, err := s.prepare(secret)
	if err != nil {
		return nil, err
	}
	return &hmacSigner{name: s.Name(), w: w, key: keys[0]}, nil
}

// NewChecker validates the scheme, decodes the secrets and returns a Checker that accepts a
// signature made with any of them.
func (s HMAC) NewChecker(secrets ...string) (Checker, error) {
	w, keys, err := s.prepare(secrets...)
	if err != nil {
		return nil, err
	}
	return &hmacChecker{w: w, keys: keys}, nil
}

func (s HMAC) prepare(secrets ...string) (wire, []*hmacKey, error) {
	if len(secrets) == 0 {
		return wire{}, nil, fmt.Errorf("%w: %s: no secret", ErrSecret, s.Name())
	}
	w, err := s.wire()
	if err != nil {
		return wire{}, nil, err
	}
	h, err := s.hash()
	if err != nil {
		return wire{}, nil, err
	}
	keys := make([]*hmacKey, len(secrets))
	for i, secret := range secrets {
		key, err := decodeSecret(s.Name(), secret, s.Secret, s.SecretPrefix)
		if err != nil {
			return wire{}, nil, err
		}
		keys[i] = newHMACKey(h, key)
	}
	return w, keys, nil
}

// macState is one HMAC state and its scratch space. States are pooled per key, because a
// hash.Hash is not safe for concurrent use and making one costs more than using it.
type macState struct {
	mac hash.Hash
	buf []byte // what is signed before the body
	out [sha512.Size]byte
	sig [sha512.Size]byte
	raw [maxSignatureText]byte // a base64 signature, copied to be decoded
	enc [128]byte              // the computed signature, base64-encoded
}

// maxPooledBuf keeps a freak ID from pinning a large buffer in the pool.
const maxPooledBuf = 4 << 10

type hmacKey struct{ pool sync.Pool }

func newHMACKey(h crypto.Hash, key []byte) *hmacKey {
	k := new(hmacKey)
	k.pool.New = func() any { return &macState{mac: hmac.New(h.New, key)} }
	return k
}

func (k *hmacKey) get() *macState { return k.pool.Get().(*macState) }

func (k *hmacKey) put(st *macState) {
	if cap(st.buf) > maxPooledBuf {
		st.buf = nil
	}
	k.pool.Put(st)
}

// sum computes the MAC over the signed parts, feeding them in turn: the body is never copied.
func (st *macState) sum(w *wire, id string, ts, body []byte) []byte {
	st.mac.Reset()
	st.buf = w.appendSigned(st.buf[:0], id, ts)
	st.mac.Write(st.buf)
	st.mac.Write(body)
	return st.mac.Sum(st.out[:0])
}

type hmacSigner struct {
	name string
	w    wire
	key  *hmacKey
}

func (s *hmacSigner) Sign(h http.Header, m Message) error {
	if err := s.w.checkMessage(s.name, m); err != nil {
		return err
	}
	var tsb [20]byte
	var ts []byte
	if s.w.needsTimestamp() {
		ts = strconv.AppendInt(tsb[:0], m.Timestamp.Unix(), 10)
	}
	st := s.key.get()
	s.w.setHeaders(h, m.ID, ts, st.sum(&s.w, m.ID, ts, m.Body))
	s.key.put(st)
	return nil
}

type hmacChecker struct {
	w    wire
	keys []*hmacKey
}

func (c *hmacChecker) Check(h http.Header, body []byte) (Message, error) {
	var p parsed
	if err := c.w.parse(h, &p); err != nil {
		return Message{}, err
	}
	var tsb [18]byte
	ts := tsb[:copy(tsb[:], p.ts)]
	undecodable := false
	for _, k := range c.keys {
		st := k.get()
		m := c.w.matcher(st.sum(&c.w, p.id, ts, body), st.enc[:])
		for _, sig := range p.sigs[:p.n] {
			ok, bad := m.match(sig, st.sig[:], st.raw[:])
			if ok {
				k.put(st)
				return p.message(body), nil
			}
			undecodable = undecodable || bad
		}
		k.put(st)
	}
	return Message{}, c.w.mismatch(undecodable)
}
