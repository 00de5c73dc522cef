// Command voiseback shows both sides of Voiseback's webhooks on loopback.
//
// Voiseback signs "{timestamp}.{body}" with HMAC-SHA256 and sends Webhook-Signature:
// t=<timestamp>,v1=<hex> with Webhook-Id and Webhook-Timestamp. It sends feedback.new when a
// visitor leaves feedback and feedback.wants_reply when they ask for an answer. The AI fields
// (transcript, sentiment, category, summary, emotion, intensity) are null when AI processing
// was unavailable, so a receiver must accept them missing.
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

const secret = "vb_sk_5d1e8a02c4" // in real life from the environment

// Bodies in the shapes Voiseback documents.
var (
	feedbackNew   = `{"event":"feedback.new","feedback":{"id":"5b0c8f43-8f7e-4a6e-9d38-0f0f3f2f6a11","transcript":"The onboarding flow is really smooth...","sentiment":"positive","category":"praise","summary":"User praised the onboarding experience","emotion":"satisfied","intensity":"moderate","is_testimonial_candidate":true,"page_url":"https://example.com/pricing","created_at":"2025-01-15T10:30:00Z"}}`
	aiUnavailable = `{"event":"feedback.new","feedback":{"id":"0e2b7d55-1c3a-4f0e-8d1b-6a2f4c9b7e30","transcript":null,"sentiment":null,"category":null,"summary":null,"emotion":null,"intensity":null,"is_testimonial_candidate":false,"page_url":"https://example.com/docs","created_at":"2025-01-16T08:02:11Z"}}`
	wantsReply    = `{"event":"feedback.wants_reply","feedback":{"id":"5b0c8f43-8f7e-4a6e-9d38-0f0f3f2f6a11","user_email":"visitor@example.com","wants_reply":true,"transcript":"The onboarding flow is really smooth...","sentiment":"positive","category":"praise","summary":"User praised the onboarding experience","page_url":"https://example.com/pricing","created_at":"2025-01-15T10:30:00Z"}}`
)

// feedback has pointers for the AI fields: nil is "AI processing was unavailable".
type feedback struct {
	ID         string  `json:"id"`
	Transcript *string `json:"transcript"`
	Sentiment  *string `json:"sentiment"`
	Summary    *string `json:"summary"`
	UserEmail  string  `json:"user_email"`
	PageURL    string  `json:"page_url"`
}

func orUnavailable(s *string) string {
	if s == nil {
		return "(AI unavailable)"
	}
	return *s
}

func handle(out io.Writer) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		m, _ := verify.MessageFrom(r.Context())
		var e struct {
			Event    string   `json:"event"`
			Feedback feedback `json:"feedback"`
		}
		if err := json.Unmarshal(m.Body, &e); err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		switch e.Event {
		case "feedback.new":
			fmt.Fprintf(out, "receiver: new feedback on %s: sentiment %s, summary %s\n",
				e.Feedback.PageURL, orUnavailable(e.Feedback.Sentiment), orUnavailable(e.Feedback.Summary))
		case "feedback.wants_reply":
			fmt.Fprintf(out, "receiver: %s wants a reply about %q\n", e.Feedback.UserEmail, orUnavailable(e.Feedback.Transcript))
		default:
			fmt.Fprintf(out, "receiver: ignoring %s\n", e.Event)
		}
		w.WriteHeader(http.StatusOK)
	}
}

func run(out io.Writer) error {
	v, err := verify.New(schemes.Voiseback, secret)
	if err != nil {
		return err
	}
	srv := httptest.NewServer(v.Middleware(handle(out)))
	defer srv.Close()

	sender, err := deliver.NewSender(schemes.Voiseback, secret, deliver.AllowPrivateNetworks())
	if err != nil {
		return err
	}
	for _, body := range []string{feedbackNew, aiUnavailable, wantsReply} {
		res, err := sender.Send(context.Background(), deliver.Webhook{URL: srv.URL, Body: []byte(body)})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "sender: %s\n", res.Attempts[0].Outcome())
	}

	// A replayed request from last week: genuine signature, stale timestamp.
	h := make(http.Header)
	if err := schemes.Voiseback.Sign(h, secret, sign.Message{ID: "evt_old", Timestamp: time.Now().Add(-7 * 24 * time.Hour), Body: []byte(feedbackNew)}); err != nil {
		return err
	}
	status, reason, err := post(srv.URL, h, []byte(feedbackNew))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "receiver: rejected a replayed webhook: %d %s\n", status, reason)

	// A tampered one: a genuine signature over another body.
	h = make(http.Header)
	if err := schemes.Voiseback.Sign(h, secret, sign.Message{ID: "evt_x", Timestamp: time.Now(), Body: []byte(aiUnavailable)}); err != nil {
		return err
	}
	status, reason, err = post(srv.URL, h, []byte(wantsReply))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "receiver: rejected a tampered webhook: %d %s\n", status, reason)
	return nil
}

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

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}
