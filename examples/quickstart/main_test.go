package main

import (
	"strings"
	"testing"
	"time"
)

func TestQuickstart(t *testing.T) {
	var out strings.Builder
	start := time.Now()
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("the quickstart took %v", elapsed)
	}
	got := out.String()
	for _, want := range []string{
		`sender: rendered {"type": "call.completed", "callId": "c_81", "agent": "Zoë", "engaged": 4}`,
		"receiver: verified msg_quickstart_1, but answers 503: busy",
		"sender: attempt 1: 503 Service Unavailable; retry",
		`receiver: verified msg_quickstart_1, signed at`,
		"sender: attempt 2: 204 No Content; delivered",
		"sender: delivered msg_quickstart_1 after 2 attempts",
		"forger: refused with 401: verify: Webhook-Signature: no signature matches the body",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
