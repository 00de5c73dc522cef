// Command voisnap shows both sides of Voisnap's webhooks on loopback.
//
// Voisnap signs "{timestamp}.{body}" with HMAC-SHA256, sends it as X-Webhook-Signature:
// sha256=<hex> beside X-Webhook-Timestamp and X-Webhook-Delivery-Id, and expects a 2xx within
// 5 seconds. Its documentation advises receivers to verify the raw body, reject timestamps
// older than 5 minutes, answer at once and process asynchronously, and deduplicate on the
// delivery ID, which stays the same when a delivery is retried.
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
	"sync"
	"time"

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
	"github.com/hookkit/hookkit/verify"
)

const secret = "vsnap_whsec_3f9c1a7e" // from the Voisnap dashboard, in real life from the environment

// Bodies in the shapes Voisnap sends.
var events = []string{
	`{"type":"AnalysisCompleted","agentId":"agt_8f2d1c","data":{"conversationId":"conv_01J9Z8Q4K2","sentiment":"negative","sentimentScore":-0.62,"intent":"cancel_subscription","summary":"Caller wants to cancel; offered a discount, declined.","customFields":{"resolution_status":"escalated"}}}`,
	`{"type":"SessionEnded","agentId":"agt_8f2d1c","data":{"conversationId":"conv_01J9Z8Q4K2","durationSeconds":184,"cost":0.42,"endReason":"customer_hangup"}}`,
	`{"type":"Error","agentId":"agt_8f2d1c","data":{"conversationId":"conv_01J9Z8Q4K2","errorCode":"LLM_TIMEOUT","errorMessage":"model did not answer in 10s","recoverable":false}}`,
}

// event is the envelope every Voisnap webhook shares; data depends on type.
type event struct {
	Type    string          `json:"type"`
	AgentID string          `json:"agentId"`
	Data    json.RawMessage `json:"data"`
}

// receiver verifies, answers at once, and hands each new delivery to a worker.
type receiver struct {
	mu    sync.Mutex
	seen  map[string]bool // delivery IDs already taken; a real service keeps them in its database
	queue chan sign.Message
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m, _ := verify.MessageFrom(r.Context()) // verified by the middleware
	id := r.Header.Get("X-Webhook-Delivery-Id")
	rc.mu.Lock()
	duplicate := rc.seen[id]
	rc.seen[id] = true
	rc.mu.Unlock()
	if !duplicate {
		rc.queue <- sign.Message{ID: id, Timestamp: m.Timestamp, Body: m.Body}
	}
	w.WriteHeader(http.StatusAccepted) // within Voisnap's 5 seconds, whatever processing takes
}

// process routes each event on its type.
func process(out io.Writer, m sign.Message) {
	var e event
	if err := json.Unmarshal(m.Body, &e); err != nil {
		fmt.Fprintf(out, "worker: %s: unreadable: %v\n", m.ID, err)
		return
	}
	switch e.Type {
	case "AnalysisCompleted":
		var d struct {
			ConversationID string  `json:"conversationId"`
			Intent         string  `json:"intent"`
			SentimentScore float64 `json:"sentimentScore"`
		}
		_ = json.Unmarshal(e.Data, &d)
		fmt.Fprintf(out, "worker: analysis of %s: intent %s, sentiment %.2f\n", d.ConversationID, d.Intent, d.SentimentScore)
	case "SessionEnded":
		var d struct {
			ConversationID  string `json:"conversationId"`
			DurationSeconds int    `json:"durationSeconds"`
			EndReason       string `json:"endReason"`
		}
		_ = json.Unmarshal(e.Data, &d)
		fmt.Fprintf(out, "worker: session %s ended after %ds (%s)\n", d.ConversationID, d.DurationSeconds, d.EndReason)
	case "Error":
		var d struct {
			ErrorCode   string `json:"errorCode"`
			Recoverable bool   `json:"recoverable"`
		}
		_ = json.Unmarshal(e.Data, &d)
		fmt.Fprintf(out, "worker: agent error %s (recoverable: %v)\n", d.ErrorCode, d.Recoverable)
	default:
		fmt.Fprintf(out, "worker: ignoring event type %q\n", e.Type) // new types must not break the receiver
	}
}

func run(w io.Writer) error {
	out := &lockedWriter{w: w} // the worker and the sender both print
	v, err := verify.New(schemes.Voisnap, secret, verify.WithTolerance(5*time.Minute))
	if err != nil {
		return err
	}
	rc := &receiver{seen: map[string]bool{}, queue: make(chan sign.Message, 16)}
	done := make(chan struct{})
	go func() {
		for m := range rc.queue {
			process(out, m)
		}
		close(done)
	}()
	srv := httptest.NewServer(v.Middleware(rc))
	defer srv.Close()

	// The sender, as Voisnap sends: POST, a delivery ID that stays the same on every retry,
	// answered within 5 seconds.
	sender, err := deliver.NewSender(schemes.Voisnap, secret,
		deliver.AllowPrivateNetworks(), // the example's receiver is on loopback
		deliver.WithTimeout(5*time.Second))
	if err != nil {
		return err
	}
	ctx := context.Background()
	for i, body := range events {
		res, err := sender.Send(ctx, deliver.Webhook{URL: srv.URL, ID: fmt.Sprintf("dlv_%03d", i+1), Body: []byte(body)})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "sender: %s: %s\n", res.ID, res.Attempts[len(res.Attempts)-1].Outcome())
	}
	// The same delivery again, as after a lost acknowledgement: signed afresh, same ID.
	res, err := sender.Send(ctx, deliver.Webhook{URL: srv.URL, ID: "dlv_001", Body: []byte(events[0])})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sender: %s again: %s (the receiver drops the duplicate)\n", res.ID, res.Attempts[0].Outcome())

	// A forger changes a genuine request's body.
	h := make(http.Header)
	if err := schemes.Voisnap.Sign(h, secret, sign.Message{ID: "dlv_004", Timestamp: time.Now(), Body: []byte(events[1])}); err != nil {
		return err
	}
	forged := bytes.Replace([]byte(events[1]), []byte(`"cost":0.42`), []byte(`"cost":0.00`), 1)
	status, reason, err := post(srv.URL, h, forged)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "receiver: rejected a tampered webhook: %d %s\n", status, reason)

	close(rc.queue)
	<-done
	return nil
}

// post sends a request by hand, as a forger would.
func post(url string, h http.Header, body []byte) (int, string, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	reason, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(bytes.TrimSpace(reason)), nil
}

// lockedWriter lets goroutines share one writer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}
