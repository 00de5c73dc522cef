package main

import (
	"strings"
	"testing"
)

func TestVolubile(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"receiver: call 3c90c3cc completed in 360s: request Refund",
		"receiver: call 8d1f0a52 failed; summary present: false",
		"receiver: rejected a tampered webhook: 401 verify: X-Webhook-Signature: no signature matches the body",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "sender: 204 No Content"); n != 2 {
		t.Errorf("%d calls accepted, want 2:\n%s", n, got)
	}
}
