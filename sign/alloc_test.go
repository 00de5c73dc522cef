//go:build !race

// The race detector makes sync.Pool drop items at random, so allocations are counted only
// without it.

package sign_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/hookkit/hookkit/sign"
)

func TestAllocations(t *testing.T) {
	s := sign.HMAC{Header: "webhook-signature", Signs: sign.ID | sign.Timestamp | sign.Body, Layout: sign.List,
		Version: "v1", Encoding: sign.Base64, IDHeader: "webhook-id", TimestampHeader: "webhook-timestamp"}
	signer, err := s.NewSigner("k")
	if err != nil {
		t.Fatal(err)
	}
	checker, err := s.NewChecker("k")
	if err != nil {
		t.Fatal(err)
	}
	m := sign.Message{ID: "msg_1", Timestamp: time.Unix(1700000000, 0), Body: make([]byte, 1024)}
	h := make(http.Header)
	if n := testing.AllocsPerRun(100, func() { _ = signer.Sign(h, m) }); n > 1 {
		t.Errorf("Sign: %v allocations, want at most 1", n)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = checker.Check(h, m.Body) }); n > 0 {
		t.Errorf("Check: %v allocations, want 0", n)
	}
}
