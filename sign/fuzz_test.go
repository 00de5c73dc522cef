package sign_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/hookkit/hookkit/sign"
)

// Any secret string is a key or an ErrSecret, never a panic; a key that decodes signs what
// it verifies.
func FuzzSecrets(f *testing.F) {
	for _, s := range []string{"", "k", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_***", "whsec_AAEC",
		"whsk_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=", "whpk_C7w0aldmfDgBIL2cf9flHSxf3+o3zS9b9AWyxr9vLXg=", "whsk_AAEC", "a\r\nb"} {
		f.Add(s)
	}
	schemes := []sign.Scheme{
		sign.HMAC{Header: "X-Sig", Secret: sign.Base64Secret, SecretPrefix: "whsec_"},
		sign.Ed25519{},
		sign.SharedSecret{Header: "X-Secret"},
	}
	f.Fuzz(func(t *testing.T, secret string) {
		for _, s := range schemes {
			signer, err := s.NewSigner(secret)
			if err != nil {
				if !errors.Is(err, sign.ErrSecret) {
					t.Fatalf("%s: unclassified %v", s.Name(), err)
				}
				continue
			}
			h := make(http.Header)
			m := sign.Message{ID: "msg_1", Timestamp: time.Unix(1700000000, 0), Body: []byte("body")}
			if err := signer.Sign(h, m); err != nil {
				t.Fatalf("%s: %v", s.Name(), err)
			}
			c, err := s.NewChecker(secret)
			if err != nil {
				t.Fatalf("%s: signs with a secret it cannot verify with: %v", s.Name(), err)
			}
			if _, err := c.Check(h, m.Body); err != nil {
				t.Fatalf("%s: %v", s.Name(), err)
			}
		}
	})
}
