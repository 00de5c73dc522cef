package sign_test

import (
	"crypto"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hookkit/hookkit/sign"
)

var body = []byte(`{"event":"call.completed","id":"c_81"}`)

// Expected values from Python: hmac.new(b"k1", signed, hashlib.sha1 / sha512).hexdigest().
func TestHashes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		scheme sign.HMAC
		msg    sign.Message
		want   string
	}{
		{"sha1", sign.HMAC{Hash: crypto.SHA1, Header: "X-Sig"}, sign.Message{Body: body},
			"764085aa2727ff696bfdf627b8ac2b80f727b7eb"},
		{"sha512", sign.HMAC{Hash: crypto.SHA512, Header: "X-Sig"}, sign.Message{Body: body},
			"60f9130743e1608c886381711863da5fc9aaa2def7ecdb2f65d9a1598e3d28aba27800ea994c12886fcacd9900c8f0df055bdb80391b332e3906a153446919ce"},
		// A signed prefix and a separator of one's own: "v1:7:body".
		{"sha1 prefix separator", sign.HMAC{Hash: crypto.SHA1, Header: "X-Sig", Signs: sign.Timestamp | sign.Body,
			SignedPrefix: "v1", Separator: ":", TimestampHeader: "X-Ts"},
			sign.Message{Timestamp: time.Unix(7, 0), Body: []byte("body")},
			"2c1a58693dbfdd56cd5e884d103a207c4a417c5f"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := make(http.Header)
			if err := tc.scheme.Sign(h, "k1", tc.msg); err != nil {
				t.Fatal(err)
			}
			if got := h.Get("X-Sig"); got != tc.want {
				t.Errorf("got %s\nwant %s", got, tc.want)
			}
			c, err := tc.scheme.NewChecker("k1")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Check(h, tc.msg.Body); err != nil {
				t.Errorf("Check: %v", err)
			}
		})
	}
}

func TestBadSchemes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		scheme sign.Scheme
		want   error
	}{
		{"no header", sign.HMAC{}, sign.ErrScheme},
		{"header with a space", sign.HMAC{Header: "X Sig"}, sign.ErrScheme},
		{"header with a newline", sign.HMAC{Header: "X-Sig\r\nX-Evil"}, sign.ErrScheme},
		{"md5", sign.HMAC{Header: "X-Sig", Hash: crypto.MD5}, sign.ErrScheme},
		{"signs the ID without an ID header", sign.HMAC{Header: "X-Sig", Signs: sign.ID | sign.Body}, sign.ErrScheme},
		{"signs the timestamp without a header", sign.HMAC{Header: "X-Sig", Signs: sign.Timestamp | sign.Body}, sign.ErrScheme},
		{"does not sign the body", sign.HMAC{Header: "X-Sig", Signs: sign.Timestamp, TimestampHeader: "X-Ts"}, sign.ErrScheme},
		{"pairs without a version", sign.HMAC{Header: "X-Sig", Layout: sign.Pairs, Signs: sign.Timestamp | sign.Body}, sign.ErrScheme},
		{"pairs without a signed timestamp", sign.HMAC{Header: "X-Sig", Layout: sign.Pairs, Version: "v1"}, sign.ErrScheme},
		{"list version with a comma", sign.HMAC{Header: "X-Sig", Layout: sign.List, Version: "v,1"}, sign.ErrScheme},
		{"value prefix with CRLF", sign.HMAC{Header: "X-Sig", ValuePrefix: "a\r\nb"}, sign.ErrScheme},
		{"unknown layout", sign.HMAC{Header: "X-Sig", Layout: 9}, sign.ErrScheme},
		{"unknown encoding", sign.HMAC{Header: "X-Sig", Encoding: 9}, sign.ErrScheme},
		{"shared secret without header", sign.SharedSecret{}, sign.ErrScheme},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.scheme.NewSigner("k")
			if !errors.Is(err, tc.want) {
				t.Errorf("NewSigner: %v, want %v", err, tc.want)
			}
			_, err = tc.scheme.NewChecker("k")
			if !errors.Is(err, tc.want) {
				t.Errorf("NewChecker: %v, want %v", err, tc.want)
			}
		})
	}
}

func TestBadSecrets(t *testing.T) {
	b64 := sign.HMAC{Header: "X-Sig", Secret: sign.Base64Secret, SecretPrefix: "whsec_"}
	ed := sign.Ed25519{}
	for _, tc := range []struct {
		name   string
		scheme sign.Scheme
		secret string
	}{
		{"empty", sign.HMAC{Header: "X-Sig"}, ""},
		{"not base64", b64, "whsec_not*base64!"},
		{"empty after prefix", b64, "whsec_"},
		{"ed25519 public key to sign", ed, "whpk_C7w0aldmfDgBIL2cf9flHSxf3+o3zS9b9AWyxr9vLXg="},
		{"ed25519 without prefix", ed, "ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM="},
		{"ed25519 short seed", ed, "whsk_AAEC"},
		{"ed25519 private key halves disagree", ed, "whsk_" + strings.Repeat("A", 86) + "=="},
		{"shared secret with CRLF", sign.SharedSecret{Header: "X-Secret"}, "a\r\nX-Evil: 1"},
		{"shared secret with white space around it", sign.SharedSecret{Header: "X-Secret"}, " 000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.scheme.NewSigner(tc.secret)
			if !errors.Is(err, sign.ErrSecret) {
				t.Fatalf("got %v, want ErrSecret", err)
			}
			if len(tc.secret) > 6 && strings.Contains(err.Error(), tc.secret[6:]) {
				t.Errorf("the error quotes the secret: %v", err)
			}
		})
	}
	if _, err := (sign.HMAC{Header: "X-Sig"}).NewChecker(); !errors.Is(err, sign.ErrSecret) {
		t.Errorf("NewChecker with no secret: %v", err)
	}
	if _, err := ed.NewChecker("whpk_AAEC"); !errors.Is(err, sign.ErrSecret) {
		t.Errorf("short public key: %v", err)
	}
}

func TestBadMessages(t *testing.T) {
	sw := sign.HMAC{Header: "webhook-signature", Signs: sign.ID | sign.Timestamp | sign.Body, Layout: sign.List,
		Version: "v1", IDHeader: "webhook-id", TimestampHeader: "webhook-timestamp"}
	gh := sign.HMAC{Header: "X-Sig", IDHeader: "X-Delivery"}
	now := time.Unix(1700000000, 0)
	for _, tc := range []struct {
		name   string
		scheme sign.Scheme
		msg    sign.Message
	}{
		{"signed ID empty", sw, sign.Message{Timestamp: now}},
		{"ID with CRLF", sw, sign.Message{ID: "a\r\nX-Evil: 1", Timestamp: now}},
		{"unsigned ID with LF", gh, sign.Message{ID: "a\nb"}},
		{"ID with white space around it", sw, sign.Message{ID: " msg_1", Timestamp: now}},
		{"zero timestamp", sw, sign.Message{ID: "a"}},
		{"timestamp before 1970", sw, sign.Message{ID: "a", Timestamp: time.Unix(-1, 0)}},
		{"ed25519 ID empty", sign.Ed25519{}, sign.Message{Timestamp: now}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			secret := "k"
			if _, ok := tc.scheme.(sign.Ed25519); ok {
				secret = "whsk_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM="
			}
			h := http.Header{"Keep": {"me"}}
			err := tc.scheme.Sign(h, secret, tc.msg)
			if !errors.Is(err, sign.ErrMessage) {
				t.Fatalf("got %v, want ErrMessage", err)
			}
			if len(h) != 1 {
				t.Errorf("a refused message changed the headers: %v", h)
			}
		})
	}
}

// Signing replaces what the headers held, and slices handed out cannot be appended into
// each other.
func TestSignReplaces(t *testing.T) {
	s := sign.HMAC{Header: "X-Sig", Signs: sign.Timestamp | sign.Body, TimestampHeader: "X-Ts", IDHeader: "X-Id"}
	h := http.Header{"X-Sig": {"old", "older"}, "X-Ts": {"1"}}
	if err := s.Sign(h, "k", sign.Message{ID: "id1", Timestamp: time.Unix(1700000000, 0), Body: body}); err != nil {
		t.Fatal(err)
	}
	if len(h["X-Sig"]) != 1 || h.Get("X-Ts") != "1700000000" || h.Get("X-Id") != "id1" {
		t.Fatalf("headers: %v", h)
	}
	sig := h.Get("X-Sig")
	h.Add("X-Sig", "appended")
	if h.Get("X-Ts") != "1700000000" || h.Get("X-Sig") != sig {
		t.Errorf("appending to one header changed another: %v", h)
	}
}

func TestPartsString(t *testing.T) {
	for ps, want := range map[sign.Parts]string{
		sign.Body: "body", sign.Timestamp | sign.Body: "timestamp+body",
		sign.ID | sign.Timestamp | sign.Body: "id+timestamp+body", 0: "none",
	} {
		if got := ps.String(); got != want {
			t.Errorf("%d: %q, want %q", ps, got, want)
		}
	}
}

// Values too long for the small header block take the large one, or an allocation of their
// own; all of them round-trip.
func TestLongHeaderValues(t *testing.T) {
	for _, s := range []sign.HMAC{
		{Hash: crypto.SHA512, Header: "X-Sig", Signs: sign.Timestamp | sign.Body, Layout: sign.Pairs, Version: "v1", TimestampHeader: "X-Ts"},
		{Header: "X-Sig", Layout: sign.List, Version: strings.Repeat("v", 300), Signs: sign.Timestamp | sign.Body, TimestampHeader: "X-Ts"},
	} {
		h := make(http.Header)
		m := sign.Message{Timestamp: time.Unix(1700000000, 0), Body: body}
		if err := s.Sign(h, "k", m); err != nil {
			t.Fatal(err)
		}
		if h.Get("X-Ts") != "1700000000" || !strings.HasPrefix(h.Get("X-Sig"), strings.TrimSuffix(s.Version, "v1")) {
			t.Errorf("headers %v", h)
		}
		c, _ := s.NewChecker("k")
		if _, err := c.Check(h, body); err != nil {
			t.Errorf("%d-byte value: %v", len(h.Get("X-Sig")), err)
		}
	}
}
