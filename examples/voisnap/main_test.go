package main

import (
	"strings"
	"testing"
)

func TestVoisnap(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"sender: dlv_001: 202 Accepted",
		"worker: analysis of conv_01J9Z8Q4K2: intent cancel_subscription, sentiment -0.62",
		"worker: session conv_01J9Z8Q4K2 ended after 184s (customer_hangup)",
		"worker: agent error LLM_TIMEOUT (recoverable: false)",
		"sender: dlv_001 again: 202 Accepted",
		"receiver: rejected a tampered webhook: 401 verify: X-Webhook-Signature: no signature matches the body",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "worker: analysis"); n != 1 {
		t.Errorf("the duplicate delivery was processed: %d analyses", n)
	}
}
