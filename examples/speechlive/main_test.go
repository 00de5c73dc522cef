package main

import (
	"strings"
	"testing"
)

func TestSpeechLive(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"receiver: DictationCompleted d-20250115-0042 by dr.smith, 95s",
		"sender: 200 OK after 1 attempt",
		"sender: 422 Unprocessable Entity after 1 attempt, not retried",
		"receiver: rejected a wrong X-Trouble-Secret: 401 verify: X-Trouble-Secret: the secret does not match",
		"receiver: rejected a tampered body: 401 verify: X-Trouble-Request-Hash: no signature matches the body",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
