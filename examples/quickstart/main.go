// Command quickstart shows hookkit end to end in one process, on loopback: a body rendered
// from a template, signed the Standard Webhooks way, sent to a receiver that fails once so
// the sender retries, verified, and a forged request refused.
//
//	go run ./examples/quickstart
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v4"

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/template"
	"github.com/hookkit/hookkit/verify"
)

// The secret both sides share. Standard Webhooks secrets are "whsec_" and base64.
const secret = "whsec_cXVpY2tzdGFydC1zZWNyZXQtMDEyMzQ1Njc="

// The event that happened, and the body the receiver asked for.
const (
	event = `{"call": {"id": "c_81", "durationSeconds": 312, "agent": {"name": "Zoë"}}, "score": {"engaged": 4}}`
	shape = `{"type": "call.completed", "callId": <<call.id>>, "agent": "<<call.agent.name>>", "engaged": <<score.engaged>>}`
)

func run(out io.Writer) error {
	step := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }

	// 1. The receiver: verify every request, then handle it. It fails the first request, as a
	// busy endpoint would.
	v, err := verify.New(schemes.StandardWebhooks, secret)
	if err != nil {
		return err
	}
	var calls atomic.Int32
	receiver := httptest.NewServer(v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, _ := verify.MessageFrom(r.Context())
		if calls.Add(1) == 1 {
			step("receiver: verified %s, but answers 503: busy", m.ID)
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		step("receiver: verified %s, signed at %s: %s", m.ID, m.Timestamp.Format(time.TimeOnly), m.Body)
		w.WriteHeader(http.StatusNoContent)
	})))
	defer receiver.Close()
	step("receiver: listening on %s", receiver.URL)

	// 2. The body: a template filled from the event. Values cannot break the JSON.
	tpl, err := template.Parse(shape)
	if err != nil {
		return err
	}
	body, err := tpl.Render([]byte(event))
	if err != nil {
		return err
	}
	step("sender: rendered %s", body)

	// 3. The sender: signs each attempt afresh and retries on 503.
	sender, err := deliver.NewSender(schemes.StandardWebhooks, secret,
		deliver.AllowPrivateNetworks(), // the receiver is on loopback
		deliver.WithBackOff(func() backoff.BackOff { return deliver.Fixed(200 * time.Millisecond) }),
		deliver.OnAttempt(func(_ deliver.Webhook, a deliver.Attempt) {
			step("sender: attempt %d: %s; %s", a.Number, a.Outcome(), a.Verdict)
		}))
	if err != nil {
		return err
	}
	res, err := sender.Send(context.Background(), deliver.Webhook{URL: receiver.URL, ID: "msg_quickstart_1", Body: body})
	if err != nil {
		return err
	}
	step("sender: delivered %s after %d attempts", res.ID, len(res.Attempts))

	// 4. A forger who knows the format but not the secret.
	req, _ := http.NewRequest(http.MethodPost, receiver.URL, bytes.NewReader([]byte(`{"type": "call.completed", "engaged": 5}`)))
	req.Header.Set("webhook-id", "msg_forged")
	req.Header.Set("webhook-timestamp", fmt.Sprint(time.Now().Unix()))
	req.Header.Set("webhook-signature", "v1,bm90IHRoZSByaWdodCBzaWduYXR1cmUgYXQgYWxsIQ==")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	reason, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	step("forger: refused with %d: %s", resp.StatusCode, bytes.TrimSpace(reason))
	return nil
}

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}
