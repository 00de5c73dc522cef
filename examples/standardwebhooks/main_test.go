package main

import (
	"strings"
	"testing"
)

func TestStandardWebhooks(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"receiver: rejected a replayed webhook: 401 verify: replayed message",
		"receiver: rejected a tampered webhook: 401 verify: Webhook-Signature: no signature matches the body",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, `"type":"invoice.paid"`); n != 2 {
		t.Errorf("%d webhooks received, want 2 (old and new secret):\n%s", n, got)
	}
	if n := strings.Count(got, "sender: 204 No Content"); n != 2 {
		t.Errorf("%d webhooks accepted, want 2:\n%s", n, got)
	}
}
