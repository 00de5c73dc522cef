package main

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hookkit/hookkit/internal/faultserver"
	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/verify"
)

func TestSend(t *testing.T) {
	srv := faultserver.New(faultserver.Status(503))
	defer srv.Close()
	code, out, errOut := hookkit(t, `{"hello":"world"}`, map[string]string{"HOOKKIT_SECRET": "cli-secret"},
		"send", "-scheme", "voisnap", "-url", srv.URL, "-X", "put", "-H", "X-Tenant: acme", "-retries", "2", "-delay", "10ms", "-id", "evt_7")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	want := regexp.MustCompile(`^attempt 1: 503 Service Unavailable in \d+m?s; retrying in 10ms
attempt 2: 200 OK in \d+m?s; delivered
delivered evt_7
$`)
	if !want.MatchString(out) {
		t.Errorf("output:\n%s", out)
	}
	reqs := srv.Requests()
	v, _ := verify.New(schemes.Voisnap, "cli-secret")
	for _, r := range reqs {
		if r.Method != http.MethodPut || r.Header.Get("X-Tenant") != "acme" || r.Header.Get("X-Webhook-Delivery-Id") != "evt_7" {
			t.Errorf("request %s %v", r.Method, r.Header)
		}
		if _, err := v.VerifyAt(r.Header, r.Body, time.Now()); err != nil {
			t.Errorf("the request does not verify: %v", err)
		}
	}
}

func TestSendNotDelivered(t *testing.T) {
	srv := faultserver.New().Always(faultserver.Status(400))
	defer srv.Close()
	code, out, errOut := hookkit(t, `{}`, nil, "send", "-scheme", "github", "-secret", "k", "-url", srv.URL)
	if code != 1 || !strings.HasPrefix(out, "attempt 1: 400 Bad Request in ") || !strings.Contains(out, "; give up") ||
		!strings.Contains(errOut, "not delivered after 1 attempt") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestSendUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"send", "-scheme", "github", "-secret", "k"}, "-url is required"},
		{[]string{"send", "-scheme", "github", "-secret", "k", "-url", "ftp://x"}, "not an absolute http"},
		{[]string{"send", "-scheme", "github", "-secret", "k", "-url", "http://x", "-X", "DELETE"}, "only POST and PUT"},
		{[]string{"send", "-scheme", "github", "-secret", "k", "-url", "http://x", "-H", "X-Hub-Signature-256: forged"}, "set by the signature scheme"},
		{[]string{"send", "-scheme", "github", "-secret", "k", "-url", "http://x", "-retries", "-1"}, "must not be negative"},
	} {
		code, _, errOut := hookkit(t, `{}`, nil, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q", tc.args, code, errOut)
		}
	}
}
