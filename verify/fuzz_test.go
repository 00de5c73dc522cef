package verify_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
)

// independent computes the signature outside the package under test.
func independent(key []byte, signed ...[]byte) []byte {
	mac := hmac.New(sha256.New, key)
	for _, p := range signed {
		mac.Write(p)
	}
	return mac.Sum(nil)
}

// checkFuzzed runs one fuzzed request through a scheme's checker. A failure must be one of
// the three classes; a success must come from a header holding the right key's signature.
func checkFuzzed(t *testing.T, s sign.Scheme, key string, h http.Header, body []byte, want func(m sign.Message) string) {
	c, err := s.NewChecker(key)
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.Check(h, body)
	if err != nil {
		if !errors.Is(err, sign.ErrNoSignature) && !errors.Is(err, sign.ErrMalformed) && !errors.Is(err, sign.ErrMismatch) {
			t.Fatalf("unclassified error %v", err)
		}
		return
	}
	expected := want(m)
	for _, vs := range h {
		for _, v := range vs {
			if strings.Contains(v, expected) || strings.Contains(strings.ToLower(v), expected) {
				return
			}
		}
	}
	t.Fatalf("verified %v without the signature %s", h, expected)
}

func FuzzPlainHeader(f *testing.F) {
	genuine := signed(f, schemes.Voisnap, secret, msg())
	for _, sig := range []string{genuine.Get("X-Webhook-Signature"), "sha256=abcd", "sha256=", "sha1=00", "sha256=" + strings.Repeat("zz", 32),
		strings.ToUpper(genuine.Get("X-Webhook-Signature"))} {
		for _, ts := range []string{"1700000000", "1.7e9", "", "+1700000000", "Infinity"} {
			f.Add(sig, ts, payload)
		}
	}
	f.Fuzz(func(t *testing.T, sig, ts string, body []byte) {
		h := http.Header{"X-Webhook-Signature": {sig}, "X-Webhook-Timestamp": {ts}}
		checkFuzzed(t, schemes.Voisnap, secret, h, body, func(m sign.Message) string {
			return "sha256=" + hex.EncodeToString(independent([]byte(secret), []byte(strings.TrimSpace(ts)), []byte("."), body))
		})
	})
}

func FuzzPairsHeader(f *testing.F) {
	genuine := signed(f, schemes.Stripe, secret, msg()).Get("Stripe-Signature")
	for _, v := range []string{genuine, "t=Infinity,v1=00", "t=1700000000,v1=", "t=1,t=2,v1=00", "v1=00",
		"t=1700000000,v1=" + strings.Repeat("zz", 32), genuine + ",v1=00,v0=11", "t=1700000000, v1=ab ,x", ",,,", "t="} {
		f.Add(v, payload)
	}
	f.Fuzz(func(t *testing.T, v string, body []byte) {
		h := http.Header{"Stripe-Signature": {v}}
		checkFuzzed(t, schemes.Stripe, secret, h, body, func(m sign.Message) string {
			ts := v[strings.Index(v, "t=")+2:]
			if i := strings.IndexByte(ts, ','); i >= 0 {
				ts = ts[:i]
			}
			return hex.EncodeToString(independent([]byte(secret), []byte(strings.TrimSpace(ts)), []byte("."), body))
		})
	})
}

func FuzzListHeader(f *testing.F) {
	key := []byte("verify-test-secret")
	whsec := "whsec_" + base64.StdEncoding.EncodeToString(key)
	genuine := signed(f, schemes.StandardWebhooks, whsec, msg())
	for _, v := range []string{genuine.Get("Webhook-Signature"), "v1,", "v1", "v2,AAAA", "v1,not base64!!", "v1,AAAA v1,BBBB",
		strings.Repeat("v1,AAAA ", 17)} {
		f.Add(v, "evt_1", "1700000000", payload)
	}
	f.Fuzz(func(t *testing.T, v, id, ts string, body []byte) {
		h := http.Header{"Webhook-Signature": {v}, "Webhook-Id": {id}, "Webhook-Timestamp": {ts}}
		checkFuzzed(t, schemes.StandardWebhooks, whsec, h, body, func(m sign.Message) string {
			return base64.StdEncoding.EncodeToString(independent(key,
				[]byte(strings.TrimSpace(id)), []byte("."), []byte(strings.TrimSpace(ts)), []byte("."), body))
		})
	})
}
