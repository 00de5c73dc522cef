package verify_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"net/http"
	"testing"

	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
	"github.com/hookkit/hookkit/verify"
)

var benchSizes = []struct {
	name string
	n    int
}{{"1KiB", 1 << 10}, {"64KiB", 64 << 10}, {"1MiB", 1 << 20}}

var benchSchemes = []struct {
	scheme sign.Scheme
	key    string // what the scheme is given
	raw    []byte // the HMAC key it decodes to
	prefix string // what it signs before the body, for the baseline
}{
	{schemes.StandardWebhooks, "whsec_dmVyaWZ5LXRlc3Qtc2VjcmV0", []byte(secret), "evt_1.1700000000."},
	{schemes.Voisnap, secret, []byte(secret), "1700000000."},
	{schemes.Voicesense, secret, []byte(secret), ""},
}

// BenchmarkBaseline is the raw work and nothing else: one reused HMAC state per goroutine
// over the same signed bytes, and a constant-time compare. Sign and Verify are read as ratios
// to it.
func BenchmarkBaseline(b *testing.B) {
	for _, bs := range benchSchemes {
		for _, size := range benchSizes {
			b.Run(bs.scheme.Name()+"/"+size.name, func(b *testing.B) {
				body := make([]byte, size.n)
				prefix := []byte(bs.prefix)
				want := independent(bs.raw, prefix, body)
				b.SetBytes(int64(size.n))
				b.ReportAllocs()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					mac := hmac.New(sha256.New, bs.raw)
					var sum [sha256.Size]byte
					for pb.Next() {
						mac.Reset()
						mac.Write(prefix)
						mac.Write(body)
						if !hmac.Equal(mac.Sum(sum[:0]), want) {
							b.Fatal("mismatch")
						}
					}
				})
			})
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	for _, bs := range benchSchemes {
		for _, size := range benchSizes {
			b.Run(bs.scheme.Name()+"/"+size.name, func(b *testing.B) {
				m := msg()
				m.Body = make([]byte, size.n)
				h := signed(b, bs.scheme, bs.key, m)
				v, err := verify.New(bs.scheme, bs.key)
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(size.n))
				b.ReportAllocs()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if _, err := v.VerifyAt(h, m.Body, signedAt); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		}
	}
}

func BenchmarkSign(b *testing.B) {
	for _, bs := range benchSchemes {
		for _, size := range benchSizes {
			b.Run(bs.scheme.Name()+"/"+size.name, func(b *testing.B) {
				m := msg()
				m.Body = make([]byte, size.n)
				signer, err := bs.scheme.NewSigner(bs.key)
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(size.n))
				b.ReportAllocs()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					h := make(http.Header)
					for pb.Next() {
						if err := signer.Sign(h, m); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		}
	}
}
