package verify_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
	"github.com/hookkit/hookkit/verify"
)

const secret = "verify-test-secret"

var (
	signedAt = time.Unix(1700000000, 0)
	payload  = []byte(`{"type":"feedback.new","id":"fb_1"}`)
)

func signed(t testing.TB, s sign.Scheme, key string, m sign.Message) http.Header {
	t.Helper()
	h := make(http.Header)
	if err := s.Sign(h, key, m); err != nil {
		t.Fatal(err)
	}
	return h
}

func msg() sign.Message { return sign.Message{ID: "evt_1", Timestamp: signedAt, Body: payload} }

var allClasses = []error{verify.ErrNoSignature, verify.ErrMalformed, verify.ErrMismatch,
	verify.ErrTooOld, verify.ErrTooNew, verify.ErrReplayed, verify.ErrTooLarge}

// Each row starts from a genuinely signed request, changes one thing, and names every class
// the error must match; it must match no other.
func TestRejections(t *testing.T) {
	for _, tc := range []struct {
		name   string
		scheme sign.Scheme
		change func(h http.Header, body []byte) []byte
		key    string
		at     time.Duration // how long after signing it is verified
		want   []error
	}{
		{name: "tampered body", scheme: schemes.Voisnap,
			change: func(h http.Header, b []byte) []byte { return []byte(strings.Replace(string(b), "fb_1", "fb_2", 1)) },
			want:   []error{verify.ErrMismatch}},
		{name: "wrong secret", scheme: schemes.Stripe, key: "another-secret",
			want: []error{verify.ErrMismatch}},
		{name: "stripped signature header", scheme: schemes.GitHub,
			change: func(h http.Header, b []byte) []byte { h.Del("X-Hub-Signature-256"); return b },
			want:   []error{verify.ErrNoSignature}},
		{name: "stripped timestamp header", scheme: schemes.Voisnap,
			change: func(h http.Header, b []byte) []byte { h.Del("X-Webhook-Timestamp"); return b },
			want:   []error{verify.ErrMalformed}},
		{name: "stripped signed ID", scheme: schemes.StandardWebhooks,
			change: func(h http.Header, b []byte) []byte { h.Del("Webhook-Id"); return b },
			want:   []error{verify.ErrMalformed}},
		{name: "t=Infinity", scheme: schemes.Stripe,
			change: replace("Stripe-Signature", "t=1700000000", "t=Infinity"),
			want:   []error{verify.ErrMalformed}},
		{name: "t=+1700000000", scheme: schemes.Stripe,
			change: replace("Stripe-Signature", "t=1700000000", "t=+1700000000"),
			want:   []error{verify.ErrMalformed}},
		{name: "timestamp header 1.7e9", scheme: schemes.Slack,
			change: set("X-Slack-Request-Timestamp", "1.7e9"),
			want:   []error{verify.ErrMalformed}},
		{name: "second t=", scheme: schemes.Stripe,
			change: replace("Stripe-Signature", "t=1700000000", "t=1700000000,t=1700000001"),
			want:   []error{verify.ErrMalformed}},
		{name: "no t=", scheme: schemes.Stripe,
			change: replace("Stripe-Signature", "t=1700000000,", ""),
			want:   []error{verify.ErrMalformed}},
		{name: "empty v1=", scheme: schemes.Stripe,
			change: func(h http.Header, b []byte) []byte { h.Set("Stripe-Signature", "t=1700000000,v1="); return b },
			want:   []error{verify.ErrMalformed, verify.ErrMismatch}},
		{name: "non-hex", scheme: schemes.Stripe,
			change: func(h http.Header, b []byte) []byte {
				h.Set("Stripe-Signature", "t=1700000000,v1="+strings.Repeat("zz", 32))
				return b
			},
			want: []error{verify.ErrMalformed, verify.ErrMismatch}},
		{name: "bad base64", scheme: schemes.Shopify,
			change: set("X-Shopify-Hmac-Sha256", "not base64!!"),
			want:   []error{verify.ErrMalformed, verify.ErrMismatch}},
		{name: "hex of the wrong length", scheme: schemes.GitHub,
			change: set("X-Hub-Signature-256", "sha256=abcd"),
			want:   []error{verify.ErrMismatch}},
		{name: "item without =", scheme: schemes.Stripe,
			change: replace("Stripe-Signature", "t=1700000000,", "t=1700000000,garbage,"),
			want:   []error{verify.ErrMalformed}},
		{name: "only an unknown version", scheme: schemes.Stripe,
			change: replace("Stripe-Signature", "v1=", "v0="),
			want:   []error{verify.ErrNoSignature}},
		{name: "valid signature under an unknown version", scheme: schemes.StandardWebhooks,
			change: replace("Webhook-Signature", "v1,", "v2,"),
			want:   []error{verify.ErrNoSignature}},
		{name: "wrong value prefix", scheme: schemes.GitHub,
			change: replace("X-Hub-Signature-256", "sha256=", "sha1="),
			want:   []error{verify.ErrNoSignature}},
		{name: "list entry without a comma", scheme: schemes.StandardWebhooks,
			change: replace("Webhook-Signature", "v1,", "v1"),
			want:   []error{verify.ErrMalformed}},
		{name: "too many signatures", scheme: schemes.StandardWebhooks,
			change: func(h http.Header, b []byte) []byte {
				h.Set("Webhook-Signature", strings.Repeat("v1,AAAA ", 17)+h.Get("Webhook-Signature"))
				return b
			},
			want: []error{verify.ErrMalformed}},
		{name: "repeated timestamp header", scheme: schemes.Voisnap,
			change: func(h http.Header, b []byte) []byte { h.Add("X-Webhook-Timestamp", "1700000001"); return b },
			want:   []error{verify.ErrMalformed}},
		{name: "shared secret wrong", scheme: schemes.SpeechLiveSecret,
			change: set("X-Trouble-Secret", "guess"),
			want:   []error{verify.ErrMismatch}},
		{name: "shared secret missing", scheme: schemes.SpeechLiveSecret,
			change: func(h http.Header, b []byte) []byte { h.Del("X-Trouble-Secret"); return b },
			want:   []error{verify.ErrNoSignature}},
		{name: "too old", scheme: schemes.StandardWebhooks, key: "", at: 301 * time.Second,
			want: []error{verify.ErrTooOld}},
		{name: "too new", scheme: schemes.Slack, at: -301 * time.Second,
			want: []error{verify.ErrTooNew}},
		{name: "ed25519 signed by another key", scheme: schemes.StandardWebhooksEd25519,
			key:  "whsk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
			want: []error{verify.ErrMismatch}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			signKey, verifyKey := keys(tc.scheme)
			if tc.key != "" {
				signKey = tc.key
			}
			h := signed(t, tc.scheme, signKey, msg())
			body := append([]byte(nil), payload...)
			if tc.change != nil {
				body = tc.change(h, body)
			}
			v, err := verify.New(tc.scheme, verifyKey)
			if err != nil {
				t.Fatal(err)
			}
			m, err := v.VerifyAt(h, body, signedAt.Add(tc.at))
			for _, class := range allClasses {
				if got, want := errors.Is(err, class), contains(tc.want, class); got != want {
					t.Errorf("errors.Is(%v, %v) = %v, want %v", err, class, got, want)
				}
			}
			if m.ID != "" || m.Body != nil {
				t.Errorf("a rejected request returned a message: %+v", m)
			}
			assertNoSecrets(t, err, signKey, verifyKey, h)
		})
	}
}

func keys(s sign.Scheme) (signKey, verifyKey string) {
	switch s.Name() {
	case "standard-webhooks":
		return "whsec_dmVyaWZ5LXRlc3Qtc2VjcmV0", "whsec_dmVyaWZ5LXRlc3Qtc2VjcmV0"
	case "standard-webhooks-ed25519":
		return "whsk_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=", "whpk_C7w0aldmfDgBIL2cf9flHSxf3+o3zS9b9AWyxr9vLXg="
	}
	return secret, secret
}

// assertNoSecrets fails if an error's text holds a secret or the signature the sender computed.
func assertNoSecrets(t *testing.T, err error, signKey, verifyKey string, h http.Header) {
	t.Helper()
	if err == nil {
		return
	}
	text := err.Error()
	if !strings.HasPrefix(text, "verify: ") {
		t.Errorf("error %q is not prefixed with the package", text)
	}
	for _, s := range []string{signKey, verifyKey, strings.TrimPrefix(verifyKey, "whsec_")} {
		if strings.Contains(text, s) {
			t.Errorf("error %q holds a secret", text)
		}
	}
	for _, vs := range h {
		for _, v := range vs {
			for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '=' || r == ' ' }) {
				if len(part) >= 16 && strings.Contains(text, part) {
					t.Errorf("error %q holds a header's signature %q", text, part)
				}
			}
		}
	}
}

func contains(errs []error, e error) bool {
	for _, x := range errs {
		if x == e {
			return true
		}
	}
	return false
}

func replace(header, old, new string) func(http.Header, []byte) []byte {
	return func(h http.Header, b []byte) []byte {
		h.Set(header, strings.Replace(h.Get(header), old, new, 1))
		return b
	}
}

func set(header, value string) func(http.Header, []byte) []byte {
	return func(h http.Header, b []byte) []byte { h.Set(header, value); return b }
}

func TestTolerance(t *testing.T) {
	v, err := verify.New(schemes.Voisnap, secret, verify.WithTolerance(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	h := signed(t, schemes.Voisnap, secret, msg())
	for _, tc := range []struct {
		at   time.Duration
		want error
		text string
	}{
		{0, nil, ""},
		{time.Minute, nil, ""},
		{-time.Minute, nil, ""},
		{61 * time.Second, verify.ErrTooOld, "verify: timestamp 61s old, tolerance 60s"},
		{-612 * time.Second, verify.ErrTooNew, "verify: timestamp 612s in the future, tolerance 60s"},
	} {
		_, err := v.VerifyAt(h, payload, signedAt.Add(tc.at))
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("at %v: %v, want %v", tc.at, err, tc.want)
		}
		var te *verify.TimestampError
		if tc.text != "" && (!errors.As(err, &te) || err.Error() != tc.text) {
			t.Errorf("at %v: %q, want %q", tc.at, err, tc.text)
		}
	}
}

// A scheme without a timestamp has no age to check.
func TestToleranceOnlyWithTimestamp(t *testing.T) {
	v, _ := verify.New(schemes.GitHub, secret)
	h := signed(t, schemes.GitHub, secret, msg())
	if _, err := v.VerifyAt(h, payload, signedAt.Add(1000*time.Hour)); err != nil {
		t.Error(err)
	}
}

func TestRotation(t *testing.T) {
	v, err := verify.New(schemes.Stripe, "new-secret", verify.AlsoAccept("old-secret", "older-secret"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"new-secret", "old-secret", "older-secret"} {
		if _, err := v.VerifyAt(signed(t, schemes.Stripe, key, msg()), payload, signedAt); err != nil {
			t.Errorf("%s: %v", key, err)
		}
	}
	if _, err := v.VerifyAt(signed(t, schemes.Stripe, "retired", msg()), payload, signedAt); !errors.Is(err, verify.ErrMismatch) {
		t.Errorf("retired secret: %v", err)
	}
	// Stripe sends one v1 per active secret while it rotates; any valid one passes.
	h := signed(t, schemes.Stripe, "retired", msg())
	current := signed(t, schemes.Stripe, "new-secret", msg()).Get("Stripe-Signature")
	h.Set("Stripe-Signature", h.Get("Stripe-Signature")+","+current[strings.Index(current, "v1="):])
	if _, err := v.VerifyAt(h, payload, signedAt); err != nil {
		t.Errorf("two v1, one valid: %v", err)
	}
}

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		name   string
		scheme sign.Scheme
		secret string
		opts   []verify.Option
		want   error
	}{
		{"empty secret", schemes.GitHub, "", nil, sign.ErrSecret},
		{"empty rotated secret", schemes.GitHub, "k", []verify.Option{verify.AlsoAccept("")}, sign.ErrSecret},
		{"undecodable secret", schemes.StandardWebhooks, "whsec_***", nil, sign.ErrSecret},
		{"no scheme", nil, "k", nil, verify.ErrConfig},
		{"zero tolerance", schemes.Stripe, "k", []verify.Option{verify.WithTolerance(0)}, verify.ErrConfig},
		{"negative body limit", schemes.Stripe, "k", []verify.Option{verify.WithMaxBody(-1)}, verify.ErrConfig},
		{"replay guard without timestamp", schemes.GitHub, "k",
			[]verify.Option{verify.WithReplayGuard(verify.NewMemoryGuard(0))}, verify.ErrConfig},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := verify.New(tc.scheme, tc.secret, tc.opts...)
			if !errors.Is(err, tc.want) || v != nil {
				t.Errorf("got %v, %v; want %v", v, err, tc.want)
			}
		})
	}
}

func TestReplayGuard(t *testing.T) {
	for _, s := range []sign.Scheme{schemes.StandardWebhooks, schemes.Stripe, schemes.Voisnap} {
		t.Run(s.Name(), func(t *testing.T) {
			signKey, verifyKey := keys(s)
			v, err := verify.New(s, verifyKey, verify.WithReplayGuard(verify.NewMemoryGuard(0)))
			if err != nil {
				t.Fatal(err)
			}
			first := signed(t, s, signKey, msg())
			if _, err := v.VerifyAt(first, payload, signedAt); err != nil {
				t.Fatal(err)
			}
			if _, err := v.VerifyAt(first, payload, signedAt.Add(time.Second)); !errors.Is(err, verify.ErrReplayed) {
				t.Fatalf("replay: %v", err)
			}
			// The sender's retry: same ID, signed afresh a second later.
			retry := msg()
			retry.Timestamp = signedAt.Add(time.Second)
			if _, err := v.VerifyAt(signed(t, s, signKey, retry), payload, signedAt.Add(time.Second)); err != nil {
				t.Fatalf("retry: %v", err)
			}
			// Another event in the same second.
			other := msg()
			other.ID, other.Body = "evt_2", []byte(`{"type":"feedback.new","id":"fb_2"}`)
			if _, err := v.VerifyAt(signed(t, s, signKey, other), other.Body, signedAt); err != nil {
				t.Fatalf("another event: %v", err)
			}
			// A forged request is never remembered, so it cannot block the genuine one.
			forged := signed(t, s, signKey, sign.Message{ID: "evt_3", Timestamp: signedAt, Body: []byte("x")})
			if _, err := v.VerifyAt(forged, []byte("y"), signedAt); !errors.Is(err, verify.ErrMismatch) {
				t.Fatalf("forged: %v", err)
			}
			if _, err := v.VerifyAt(forged, []byte("x"), signedAt); err != nil {
				t.Fatalf("genuine after forged: %v", err)
			}
		})
	}
}

// An unsigned ID does not make a replay new: Voisnap's delivery ID is not signed.
func TestReplayWithChangedUnsignedID(t *testing.T) {
	v, _ := verify.New(schemes.Voisnap, secret, verify.WithReplayGuard(verify.NewMemoryGuard(0)))
	h := signed(t, schemes.Voisnap, secret, msg())
	if _, err := v.VerifyAt(h, payload, signedAt); err != nil {
		t.Fatal(err)
	}
	h.Set("X-Webhook-Delivery-Id", "evt_other")
	if _, err := v.VerifyAt(h, payload, signedAt); !errors.Is(err, verify.ErrReplayed) {
		t.Fatalf("replay with a new unsigned ID: %v", err)
	}
}

func TestMemoryGuard(t *testing.T) {
	now := time.Unix(1000, 0)
	var g verify.MemoryGuard // the zero value works
	remember := func(key string, expires, at time.Time, want bool) {
		t.Helper()
		if fresh, err := g.Remember(key, expires, at); fresh != want || err != nil {
			t.Fatalf("Remember(%s) = %v, %v; want %v", key, fresh, err, want)
		}
	}
	remember("a", now.Add(time.Minute), now, true)
	remember("a", now.Add(time.Minute), now.Add(59*time.Second), false)
	remember("a", now.Add(2*time.Minute), now.Add(time.Minute), true) // expired, so new again
	remember("b", now.Add(2*time.Minute), now.Add(time.Minute), true)
	if g.Len() != 2 {
		t.Errorf("Len = %d", g.Len())
	}
	remember("c", now.Add(10*time.Minute), now.Add(3*time.Minute), true) // a and b expire
	if g.Len() != 1 {
		t.Errorf("after expiry Len = %d, want 1", g.Len())
	}

	small := verify.NewMemoryGuard(3)
	for i, k := range []string{"k1", "k2", "k3", "k4"} {
		if fresh, _ := small.Remember(k, now.Add(time.Duration(i+1)*time.Minute), now); !fresh {
			t.Fatalf("%s not fresh", k)
		}
	}
	if small.Len() != 3 {
		t.Errorf("bounded guard holds %d, want 3", small.Len())
	}
	if fresh, _ := small.Remember("k4", now.Add(time.Hour), now); fresh {
		t.Error("the newest entry was evicted instead of the one closest to expiry")
	}
	if fresh, _ := small.Remember("k1", now.Add(time.Hour), now); !fresh {
		t.Error("the entry closest to expiry was kept")
	}
}
