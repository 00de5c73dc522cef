package main

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is written by the listener's goroutines and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startListen runs 'hookkit listen' in process and returns its URL and output.
func startListen(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	e := &env{ctx: ctx, stdin: strings.NewReader(""), stdout: out, stderr: out, getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- run(e, append([]string{"listen", "-addr", "127.0.0.1:0"}, args...)) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("listen exited %d: %s", code, out.String())
		}
	})
	addr := regexp.MustCompile(`listening on (http://\S+) `)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			return m[1], out
		}
	}
	t.Fatalf("listen did not start: %s", out.String())
	return "", nil
}

func TestListenWithSend(t *testing.T) {
	url, out := startListen(t, "-scheme", "standard-webhooks", "-secret", swSecret, "-status", "202")

	code, sent, errOut := hookkit(t, `{"type":"ping","n":[1,2]}`, nil, "send", "-scheme", "standard-webhooks", "-secret", swSecret,
		"-url", url+"/hooks?x=1", "-id", "msg_listen", "-H", "X-Tenant: acme")
	if code != 0 || !strings.Contains(sent, "attempt 1: 202 Accepted") {
		t.Fatalf("send: exit %d %q %q", code, sent, errOut)
	}
	got := out.String()
	for _, want := range []string{
		"--- POST /hooks?x=1 from 127.0.0.1:",
		"Webhook-Id: msg_listen\n",
		"X-Tenant: acme\n",
		"{\n  \"type\": \"ping\",\n  \"n\": [\n    1,\n    2\n  ]\n}\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("listen output lacks %q:\n%s", want, got)
		}
	}

	if !regexp.MustCompile(`verdict: ok, id msg_listen, signed [01]s ago; answered 202\n`).MatchString(got) {
		t.Errorf("listen output lacks the verdict:\n%s", got)
	}

	// Signed with another secret: rejected, and the sender does not retry a 401.
	code, sent, _ = hookkit(t, "plain text", nil, "send", "-scheme", "standard-webhooks", "-secret", "whsec_b3RoZXI=", "-url", url)
	if code != 1 || !strings.Contains(sent, "401 Unauthorized") {
		t.Fatalf("forged send: exit %d %q", code, sent)
	}
	got = out.String()
	if !strings.Contains(got, "\nplain text\nverdict: rejected: verify: Webhook-Signature: no signature matches the body; answered 401") {
		t.Errorf("listen output:\n%s", got)
	}
}

func TestListenUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"listen", "-scheme", "github", "-secret", "k"}, "-addr is required"},
		{[]string{"listen", "-scheme", "github", "-secret", "k", "-addr", "127.0.0.1:0", "-status", "42"}, "not an HTTP status"},
		{[]string{"listen", "-addr", "127.0.0.1:0", "-secret", "k"}, "-scheme is required"},
	} {
		code, _, errOut := hookkit(t, "", nil, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d %q", tc.args, code, errOut)
		}
	}
}
