// Command standardwebhooks shows both sides of a Standard Webhooks integration on loopback.
//
// Standard Webhooks signs "{id}.{timestamp}.{body}" with HMAC-SHA256 and a "whsec_" base64
// secret, and sends webhook-id, webhook-timestamp and webhook-signature: "v1,<base64>", a
// space-separated list so that a sender can sign with two secrets while it rotates them.
// Receivers should check the timestamp and remember webhook-id to stop replays.
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

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/verify"
)

const (
	oldSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	newSecret = "whsec_c3RhbmRhcmQtd2ViaG9va3Mtcm90YXRlZA=="
)

func run(out io.Writer) error {
	// The receiver accepts the new secret and, until the rotation ends, the old one; it
	// remembers each message so that a captured request cannot be played again.
	v, err := verify.New(schemes.StandardWebhooks, newSecret,
		verify.AlsoAccept(oldSecret),
		verify.WithReplayGuard(verify.NewMemoryGuard(0)))
	if err != nil {
		return err
	}
	var captured *http.Request
	var capturedBody []byte
	srv := httptest.NewServer(v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, _ := verify.MessageFrom(r.Context())
		fmt.Fprintf(out, "receiver: %s: %s\n", m.ID, m.Body)
		captured, capturedBody = r.Clone(context.Background()), m.Body
		w.WriteHeader(http.StatusNoContent)
	})))
	defer srv.Close()

	// One sender still on the old secret, one already on the new.
	for _, secret := range []string{oldSecret, newSecret} {
		sender, err := deliver.NewSender(schemes.StandardWebhooks, secret, deliver.AllowPrivateNetworks())
		if err != nil {
			return err
		}
		res, err := sender.Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: []byte(`{"type":"invoice.paid","data":{"amount":4200}}`)})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "sender: %s\n", res.Attempts[0].Outcome())
	}

	// An attacker replays the last request exactly, and then with a changed body.
	for _, c := range []struct {
		what string
		body []byte
	}{
		{"a replayed webhook", capturedBody},
		{"a tampered webhook", bytes.Replace(capturedBody, []byte("4200"), []byte("1"), 1)},
	} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(c.body))
		req.Header = captured.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		reason, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Fprintf(out, "receiver: rejected %s: %d %s\n", c.what, resp.StatusCode, bytes.TrimSpace(reason))
	}
	return nil
}

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}
