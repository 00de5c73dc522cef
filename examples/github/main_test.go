package main

import (
	"strings"
	"testing"
)

func TestGitHub(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"receiver: delivery 72d3162e-cc78-11e3-81ab-4c9367dc0958: octocat pushed to refs/heads/main of octo-org/hello-world",
		"sender: 202 Accepted",
		"receiver: rejected a tampered webhook: 401 verify: X-Hub-Signature-256: no signature matches the body",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
