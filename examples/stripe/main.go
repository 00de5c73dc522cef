// Command stripe shows both sides of Stripe-style webhooks on loopback.
//
// Stripe signs "{timestamp}.{body}" with HMAC-SHA256, using the endpoint secret as it is,
// "whsec_" included, and sends Stripe-Signature: t=<timestamp>,v1=<hex>. While a secret is
// being rolled it sends one v1 per active secret; any one that matches is enough.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
	"github.com/hookkit/hookkit/verify"
)

const secret = "whsec_stripe_example_7f3b2c" // the endpoint's signing secret

const invoicePaid = `{"id":"evt_1QZ9","object":"event","type":"invoice.paid","data":{"object":{"id":"in_1QZ8","amount_paid":4200,"currency":"eur"}}}`

func run(out io.Writer) error {
	v, err := verify.New(schemes.Stripe, secret, verify.WithTolerance(5*time.Minute))
	if err != nil {
		return err
	}
	srv := httptest.NewServer(v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, _ := verify.MessageFrom(r.Context())
		var e struct {
			ID, Type string
			Data     struct {
				Object struct {
					AmountPaid int    `json:"amount_paid"`
					Currency   string `json:"currency"`
				} `json:"object"`
			} `json:"data"`
		}
		if err := json.Unmarshal(m.Body, &e); err != nil {
			http.Error(w, "unreadable event", http.StatusBadRequest)
			return
		}
		fmt.Fprintf(out, "receiver: %s %s: %d %s, signed at %s\n", e.ID, e.Type, e.Data.Object.AmountPaid, e.Data.Object.Currency, m.Timestamp.UTC().Format(time.TimeOnly))
		w.WriteHeader(http.StatusOK)
	})))
	defer srv.Close()

	sender, err := deliver.NewSender(schemes.Stripe, secret, deliver.AllowPrivateNetworks())
	if err != nil {
		return err
	}
	res, err := sender.Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: []byte(invoicePaid)})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sender: %s\n", res.Attempts[0].Outcome())

	// While rolling the secret, a header carries two v1: one from the retired secret.
	h := make(http.Header)
	if err := schemes.Stripe.Sign(h, "whsec_retired", sign.Message{Timestamp: time.Now(), Body: []byte(invoicePaid)}); err != nil {
		return err
	}
	current := make(http.Header)
	_ = schemes.Stripe.Sign(current, secret, sign.Message{Timestamp: time.Now(), Body: []byte(invoicePaid)})
	rolled := h.Get("Stripe-Signature") + "," + current.Get("Stripe-Signature")[len("t=0000000000,"):]
	status, reason := post(srv.URL, http.Header{"Stripe-Signature": {rolled}}, []byte(invoicePaid))
	fmt.Fprintf(out, "receiver: two v1 during a roll: %d %s\n", status, reason)

	// Signed by the retired secret alone, and a tampered amount.
	status, reason = post(srv.URL, h, []byte(invoicePaid))
	fmt.Fprintf(out, "receiver: rejected the retired secret: %d %s\n", status, reason)
	status, reason = post(srv.URL, current, bytes.Replace([]byte(invoicePaid), []byte("4200"), []byte("1"), 1))
	fmt.Fprintf(out, "receiver: rejected a tampered webhook: %d %s\n", status, reason)
	return nil
}

func post(url string, h http.Header, body []byte) (int, string) {
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	reason, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(bytes.TrimSpace(reason))
}

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}
