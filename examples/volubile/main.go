// Command volubile shows both sides of Volubile's webhooks on loopback.
//
// Volubile POSTs a call when it completes or fails, signed as X-Webhook-Signature:
// hex(HMAC-SHA256(body)).
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

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
	"github.com/hookkit/hookkit/verify"
)

const secret = "vol_whk_2a91c7e3" // in real life from the environment

// A call, in the shape Volubile documents (trimmed).
const completed = `{"id":"3c90c3cc-0d44-4b50-8888-8dd25736052a","phone":"+33612345678","type":"INBOUND","duration":360,"status":"COMPLETED","extractorData":{"customer":{"firstname":"John","lastname":"Doe"}},"classifierData":{"Customer's request":"Refund","Sentiment":"Positive"},"context":{"system.phone":"+33612345678"},"summary":"Discussed project requirements and next steps."}`

const failed = `{"id":"8d1f0a52-77b4-4c1e-9f20-5e3a9c6b1d04","phone":"+33698765432","type":"OUTBOUND","duration":0,"status":"FAILED","summary":null}`

type call struct {
	ID             string            `json:"id"`
	Status         string            `json:"status"`
	Duration       int               `json:"duration"`
	ClassifierData map[string]string `json:"classifierData"`
	Summary        *string           `json:"summary"`
}

func run(out io.Writer) error {
	v, err := verify.New(schemes.Volubile, secret)
	if err != nil {
		return err
	}
	srv := httptest.NewServer(v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var c call
		if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		switch c.Status {
		case "COMPLETED":
			fmt.Fprintf(out, "receiver: call %s completed in %ds: request %s\n", c.ID[:8], c.Duration, c.ClassifierData["Customer's request"])
		case "FAILED":
			fmt.Fprintf(out, "receiver: call %s failed; summary present: %v\n", c.ID[:8], c.Summary != nil)
		}
		w.WriteHeader(http.StatusNoContent)
	})))
	defer srv.Close()

	sender, err := deliver.NewSender(schemes.Volubile, secret, deliver.AllowPrivateNetworks())
	if err != nil {
		return err
	}
	for _, body := range []string{completed, failed} {
		res, err := sender.Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: []byte(body)})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "sender: %s\n", res.Attempts[0].Outcome())
	}

	// A tampered call: the signature of one body, sent with another.
	h := make(http.Header)
	if err := schemes.Volubile.Sign(h, secret, sign.Message{Body: []byte(failed)}); err != nil {
		return err
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader([]byte(completed)))
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	reason, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Fprintf(out, "receiver: rejected a tampered webhook: %d %s\n", resp.StatusCode, bytes.TrimSpace(reason))
	return nil
}

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}
