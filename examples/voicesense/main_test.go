package main

import (
	"strings"
	"testing"
)

func TestVoicesense(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		`sender: rendered { "AudioReferenceId": "7c2eef00-3134-40ed-a779-8a34c9048ba8", "VoicesenseId": "3a0440bf-7220-4a42-9245-7e7ea4bf6560", "Score": "5", "Error": "null" }`,
		"receiver: PUT /voicesense/results from acme-callcenter: audio 7c2eef00-3134-40ed-a779-8a34c9048ba8, score 5, error null",
		"sender: 200 OK",
		"receiver: rejected a tampered webhook: 401 verify: X-Voicesense-Signature: no signature matches the body",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
