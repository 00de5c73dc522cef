package main

import (
	"strings"
	"testing"
)

func TestStripe(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"receiver: evt_1QZ9 invoice.paid: 4200 eur",
		"sender: 200 OK",
		"receiver: two v1 during a roll: 200",
		"receiver: rejected the retired secret: 401 verify: Stripe-Signature: no signature matches the body",
		"receiver: rejected a tampered webhook: 401 verify: Stripe-Signature: no signature matches the body",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
