package main

import (
	"strings"
	"testing"
)

func TestVoiseback(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"receiver: new feedback on https://example.com/pricing: sentiment positive, summary User praised the onboarding experience",
		"receiver: new feedback on https://example.com/docs: sentiment (AI unavailable), summary (AI unavailable)",
		`receiver: visitor@example.com wants a reply about "The onboarding flow is really smooth..."`,
		"receiver: rejected a replayed webhook: 401 verify: timestamp 604800s old, tolerance 300s",
		"receiver: rejected a tampered webhook: 401 verify: Webhook-Signature: no signature matches the body",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "sender: 200 OK"); n != 3 {
		t.Errorf("%d webhooks accepted, want 3:\n%s", n, got)
	}
}
