package sign

import (
	"crypto/hmac"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/textproto"
	"strings"
	"time"
)

// Encoding is how signature bytes are written as text.
type Encoding uint8

// The encodings a signature can travel in.
const (
	Hex    Encoding = iota // lowercase hexadecimal; either case is accepted when verifying
	Base64                 // standard base64 with padding
)

// Layout is how signatures are laid out in the signature header.
type Layout uint8

// The layouts of a signature header.
const (
	// Plain is one signature after an optional prefix: "sha256=<hex>", or bare base64.
	// Several header lines are several candidates.
	Plain Layout = iota
	// Pairs is comma-separated key=value pairs, "t=<ts>,v1=<sig>,v1=<sig>" (Stripe). The
	// timestamp travels here, under the key "t"; keys other than t and the version are ignored.
	Pairs
	// List is space-separated "<version>,<sig>" entries (Standard Webhooks). Entries of other
	// versions are ignored.
	List
)

// maxSignatures bounds the work one request can cause: a header with more candidate
// signatures than this is malformed.
const maxSignatures = 16

// wire is a scheme's header layout, validated and with canonical header names. HMAC and
// Ed25519 both speak through it.
type wire struct {
	signs        Parts
	signedPrefix string // the literal part signed first, with its separator, or ""
	sep          string
	enc          Encoding
	layout       Layout
	header       string
	tsHeader     string
	idHeader     string
	valuePrefix  string // Plain: text before the signature
	version      string // Pairs and List: the label of the signatures this scheme makes
}

// newWire validates a layout. name is the scheme's name, for error messages.
func newWire(name string, signs Parts, signedPrefix, sep string, enc Encoding, layout Layout,
	header, tsHeader, idHeader, valuePrefix, version string) (wire, error) {
	bad := func(format string, args ...any) (wire, error) {
		return wire{}, fmt.Errorf("%w: %s: %s", ErrScheme, name, fmt.Sprintf(format, args...))
	}
	if signs == 0 {
		signs = Body
	}
	if sep == "" {
		sep = "."
	}
	switch {
	case !signs.Has(Body):
		return bad("a signature must cover the body")
	case signs&^(ID|Timestamp|Body) != 0:
		return bad("unknown signed parts %d", signs)
	case enc > Base64:
		return bad("unknown encoding %d", enc)
	case layout > List:
		return bad("unknown layout %d", layout)
	case !validToken(header):
		return bad("signature header name %q is not a valid header name", header)
	case tsHeader != "" && !validToken(tsHeader):
		return bad("timestamp header name %q is not a valid header name", tsHeader)
	case idHeader != "" && !validToken(idHeader):
		return bad("ID header name %q is not a valid header name", idHeader)
	case signs.Has(ID) && idHeader == "":
		return bad("it signs the ID, so it needs an ID header")
	case signs.Has(Timestamp) && layout != Pairs && tsHeader == "":
		return bad("it signs the timestamp, so it needs a timestamp header or the Pairs layout")
	case layout == Pairs && !signs.Has(Timestamp):
		return bad("the Pairs layout carries a timestamp, so the timestamp must be signed")
	case layout != Plain && (version == "" || strings.ContainsAny(version, " ,=")):
		return bad("the %s layout needs a version label without spaces, commas or '='", layout)
	case layout == Plain && version != "":
		return bad("the Plain layout has no version label; use ValuePrefix")
	case layout != Plain && valuePrefix != "":
		return bad("ValuePrefix belongs to the Plain layout only")
	case !validValue(valuePrefix) || !validValue(version):
		return bad("value prefix and version must be printable text")
	}
	w := wire{
		signs: signs, sep: sep, enc: enc, layout: layout,
		header:      textproto.CanonicalMIMEHeaderKey(header),
		valuePrefix: valuePrefix, version: version,
	}
	if signedPrefix != "" {
		w.signedPrefix = signedPrefix + sep
	}
	if tsHeader != "" {
		w.tsHeader = textproto.CanonicalMIMEHeaderKey(tsHeader)
	}
	if idHeader != "" {
		w.idHeader = textproto.CanonicalMIMEHeaderKey(idHeader)
	}
	return w, nil
}

// String names the layout.
func (l Layout) String() string {
	switch l {
	case Plain:
		return "Plain"
	case Pairs:
		return "Pairs"
	case List:
		return "List"
	}
	return fmt.Sprintf("Layout(%d)", uint8(l))
}

// String names the encoding.
func (e Encoding) String() string {
	switch e {
	case Hex:
		return "hex"
	case Base64:
		return "base64"
	}
	return fmt.Sprintf("Encoding(%d)", uint8(e))
}

// describe shows the signed bytes, such as "v0:{ts}:{body}".
func (w *wire) describe() string {
	var parts []string
	if w.signedPrefix != "" {
		parts = append(parts, strings.TrimSuffix(w.signedPrefix, w.sep))
	}
	if w.signs.Has(ID) {
		parts = append(parts, "{id}")
	}
	if w.signs.Has(Timestamp) {
		parts = append(parts, "{ts}")
	}
	return strings.Join(append(parts, "{body}"), w.sep)
}

// appendSigned appends everything that is signed before the body.
func (w *wire) appendSigned(dst []byte, id string, ts []byte) []byte {
	dst = append(dst, w.signedPrefix...)
	if w.signs.Has(ID) {
		dst = append(dst, id...)
		dst = append(dst, w.sep...)
	}
	if w.signs.Has(Timestamp) {
		dst = append(dst, ts...)
		dst = append(dst, w.sep...)
	}
	return dst
}

// parsed is what a request's headers say: the signed ID and timestamp and the candidate
// signatures, still encoded. It lives on the stack.
type parsed struct {
	id   string
	ts   string
	unix int64
	sigs [maxSignatures]string
	n    int
}

// message is the Message the headers describe.
func (p *parsed) message(body []byte) Message {
	m := Message{ID: p.id, Body: body}
	if p.ts != "" {
		m.Timestamp = time.Unix(p.unix, 0)
	}
	return m
}

// parse reads the signature, timestamp and ID headers into p, which lives in the caller's
// frame. It never decodes a signature.
func (w *wire) parse(h http.Header, p *parsed) error {
	values := h[w.header]
	if len(values) == 0 {
		return headerError(ErrNoSignature, w.header, "header missing")
	}
	for _, v := range values {
		var err error
		switch w.layout {
		case Plain:
			err = w.parsePlain(p, v)
		case Pairs:
			err = w.parsePairs(p, v)
		case List:
			err = w.parseList(p, v)
		}
		if err != nil {
			return err
		}
	}
	if w.signs.Has(Timestamp) {
		if w.layout != Pairs {
			ts, ok := single(h, w.tsHeader)
			if !ok {
				return headerError(ErrMalformed, w.tsHeader, "header missing or repeated")
			}
			p.ts = ts
		} else if p.ts == "" {
			return headerError(ErrMalformed, w.header, "no t= timestamp")
		}
		unix, ok := parseUnix(p.ts)
		if !ok {
			return headerError(ErrMalformed, w.timestampHeader(), "timestamp is not whole Unix seconds")
		}
		p.unix = unix
	}
	if w.idHeader != "" {
		id, ok := single(h, w.idHeader)
		switch {
		case ok && id == "" && w.signs.Has(ID):
			return headerError(ErrMalformed, w.idHeader, "ID is empty")
		case ok:
			p.id = id
		case w.signs.Has(ID):
			return headerError(ErrMalformed, w.idHeader, "header missing or repeated")
		}
	}
	if p.n == 0 {
		return headerError(ErrNoSignature, w.header, w.noSignature())
	}
	return nil
}

func (w *wire) timestampHeader() string {
	if w.layout == Pairs {
		return w.header
	}
	return w.tsHeader
}

func (w *wire) noSignature() string {
	switch w.layout {
	case Pairs:
		return "no " + w.version + "= signature"
	case List:
		return "no " + w.version + " signature"
	}
	if w.valuePrefix != "" {
		return "no signature starting " + w.valuePrefix
	}
	return "empty"
}

func (p *parsed) add(w *wire, sig string) error {
	if p.n == maxSignatures {
		return headerError(ErrMalformed, w.header, fmt.Sprintf("more than %d signatures", maxSignatures))
	}
	p.sigs[p.n] = sig
	p.n++
	return nil
}

func (w *wire) parsePlain(p *parsed, v string) error {
	v = strings.TrimSpace(v)
	sig, ok := strings.CutPrefix(v, w.valuePrefix)
	if !ok || v == "" {
		return nil // another version, or an empty line: not ours
	}
	return p.add(w, sig)
}

func (w *wire) parsePairs(p *parsed, v string) error {
	for v != "" {
		var item string
		item, v = cut(v, ',')
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		key, val, ok := strings.Cut(item, "=")
		switch {
		case !ok:
			return headerError(ErrMalformed, w.header, "an item is not key=value")
		case key == "t" && p.ts != "":
			return headerError(ErrMalformed, w.header, "more than one t= timestamp")
		case key == "t":
			if val == "" {
				return headerError(ErrMalformed, w.header, "empty t= timestamp")
			}
			p.ts = val
		case key == w.version:
			if err := p.add(w, val); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *wire) parseList(p *parsed, v string) error {
	for v != "" {
		var entry string
		entry, v = cut(v, ' ')
		if entry = strings.Trim(entry, " \t"); entry == "" {
			continue
		}
		version, sig, ok := strings.Cut(entry, ",")
		switch {
		case !ok:
			return headerError(ErrMalformed, w.header, "an entry is not version,signature")
		case version == w.version:
			if err := p.add(w, sig); err != nil {
				return err
			}
		}
	}
	return nil
}

// cut splits s around the first sep. It is strings.Cut for one byte, without the iterator
// machinery that costs a tenth of a small request's verification.
func cut(s string, sep byte) (before, after string) {
	if i := strings.IndexByte(s, sep); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// single returns the one value of header k; a missing or repeated header is not ok.
func single(h http.Header, k string) (string, bool) {
	vs := h[k]
	if len(vs) != 1 {
		return "", false
	}
	return strings.TrimSpace(vs[0]), true
}

// parseUnix accepts 1 to 18 decimal digits and nothing else: no sign, no fraction, no
// exponent, so that "t=Infinity" or "t=+1e9" is malformed, not a number.
func parseUnix(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// decode decodes an encoded signature into dst, using raw as scratch for base64. It reports
// whether the text was a valid encoding; n is the decoded length.
func (w *wire) decode(dst, raw []byte, s string) (n int, ok bool) {
	if s == "" {
		return 0, false
	}
	if w.enc == Hex {
		if len(s)%2 != 0 {
			return 0, false
		}
		if len(s)/2 > len(dst) {
			return len(s) / 2, validHex(s) // too long for any signature: a mismatch
		}
		for i := 0; i < len(s); i += 2 {
			hi, ok1 := unhex(s[i])
			lo, ok2 := unhex(s[i+1])
			if !ok1 || !ok2 {
				return 0, false
			}
			dst[i/2] = hi<<4 | lo
		}
		return len(s) / 2, true
	}
	if len(s) > len(raw) {
		return len(s), true // longer than any signature: a mismatch, whatever it holds
	}
	// Decode writes up to DecodedLen bytes, an upper bound that padding makes larger than
	// the real length, so it decodes into room for the longest text accepted.
	var out [maxSignatureText / 4 * 3]byte
	n = copy(raw, s)
	n, err := base64.StdEncoding.Strict().Decode(out[:], raw[:n])
	if err != nil {
		return 0, false
	}
	if n > len(dst) {
		return n, true
	}
	return copy(dst, out[:n]), true
}

// maxSignatureText is the longest encoded signature decoded; anything longer is a mismatch.
const maxSignatureText = 128

func validHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if _, ok := unhex(s[i]); !ok {
			return false
		}
	}
	return true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// matcher compares candidate signatures with one computed signature. Hex candidates are
// decoded, since either case is accepted; base64 candidates are compared with the computed
// signature's one valid encoding, which is cheaper than decoding each and refuses the
// variant encodings a lax decoder would let through.
type matcher struct {
	w       *wire
	sum     []byte
	encoded []byte
}

func (w *wire) matcher(sum, scratch []byte) matcher {
	m := matcher{w: w, sum: sum}
	if w.enc == Base64 {
		m.encoded = base64.StdEncoding.AppendEncode(scratch[:0], sum)
	}
	return m
}

// match reports whether sig is the computed signature; when it is not, undecodable says
// whether it was not even a valid encoding. dst and raw are scratch space for hex decoding.
func (m *matcher) match(sig string, dst, raw []byte) (ok, undecodable bool) {
	if m.w.enc == Base64 {
		if len(sig) == len(m.encoded) && equalConstantTime(m.encoded, sig) {
			return true, false
		}
		_, valid := m.w.decode(dst, raw, sig)
		return false, !valid
	}
	n, valid := m.w.decode(dst, raw, sig)
	if !valid {
		return false, true
	}
	return n == len(m.sum) && hmac.Equal(m.sum, dst[:n]), false
}

// equalConstantTime compares equal-length a and b in time that depends on the length only.
func equalConstantTime(a []byte, b string) bool {
	var diff byte
	for i := range a {
		diff |= a[i] ^ b[i]
	}
	return diff == 0
}

// mismatch is the error for candidates that all failed. undecodable says that at least one
// of them was not even a valid encoding, which makes the header malformed too.
func (w *wire) mismatch(undecodable bool) error {
	if undecodable {
		return &HeaderError{Header: w.header, Problem: "signature is not valid " + w.enc.String(),
			Err: ErrMismatch, also: ErrMalformed}
	}
	return headerError(ErrMismatch, w.header, "no signature matches the body")
}

// validToken reports whether s is a non-empty HTTP token, as header names must be.
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// validValue reports whether s may stand in a header value: no control characters, so never
// a CR or LF that would split the header.
func validValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == 0x7f {
			return false
		}
	}
	return true
}
