// Command voicesense shows both sides of Voicesense's webhooks on loopback.
//
// Voicesense sends X-Voicesense-Signature: hex(HMAC-SHA256(body)). A customer may choose PUT
// instead of POST, add custom headers, and replace the body with a template rendered against
// the analysis, with {{ }} placeholders; JSON null renders as "null" inside quotes.
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
	"github.com/hookkit/hookkit/template"
	"github.com/hookkit/hookkit/verify"
)

const secret = "qn38UciAEBTR1vlWPyPR205U438I6PAS" // regenerated from the Voicesense console when it leaks

// An analysis, as Voicesense produces it.
const analysis = `{"StreamId": "3a0440bf-7220-4a42-9245-7e7ea4bf6560", "ReferenceId": "7c2eef00-3134-40ed-a779-8a34c9048ba8",
 "PredictorState": 0, "AudioDuration": 305.57, "ScoreLeft": {"Scores": null, "TalkDuration": 0},
 "ScoreRight": {"Scores": {"Engaged": 5, "Attentive": 4, "Open": 4, "Burnout": 2}, "TalkDuration": 208}, "ErrorMessage": null}`

// The customer's body template.
const bodyTemplate = `{
   "AudioReferenceId": "{{ReferenceId}}",
   "VoicesenseId": "{{StreamId}}",
   "Score": "{{ScoreRight.Scores.Engaged}}",
   "Error": "{{ErrorMessage}}"
}`

func run(out io.Writer) error {
	v, err := verify.New(schemes.Voicesense, secret)
	if err != nil {
		return err
	}
	srv := httptest.NewServer(v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var got struct{ AudioReferenceId, Score, Error string }
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		fmt.Fprintf(out, "receiver: %s %s from %s: audio %s, score %s, error %s\n",
			r.Method, r.URL.Path, r.Header.Get("X-Customer-Id"), got.AudioReferenceId, got.Score, got.Error)
		w.WriteHeader(http.StatusOK)
	})))
	defer srv.Close()

	// The sender, as Voicesense sends for a customer who chose PUT, a custom header and a template.
	tpl, err := template.Parse(bodyTemplate, template.Delims("{{", "}}"))
	if err != nil {
		return err
	}
	body, err := tpl.Render([]byte(analysis))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sender: rendered %s\n", bytes.Join(bytes.Fields(body), []byte(" ")))
	sender, err := deliver.NewSender(schemes.Voicesense, secret, deliver.AllowPrivateNetworks())
	if err != nil {
		return err
	}
	res, err := sender.Send(context.Background(), deliver.Webhook{
		URL:    srv.URL + "/voicesense/results",
		Method: http.MethodPut,
		Header: http.Header{"X-Customer-Id": {"acme-callcenter"}},
		Body:   body,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sender: %s\n", res.Attempts[0].Outcome())

	// A forger raises the score on a genuinely signed body.
	h := make(http.Header)
	if err := schemes.Voicesense.Sign(h, secret, sign.Message{Body: body}); err != nil {
		return err
	}
	forged := bytes.Replace(body, []byte(`"Score": "5"`), []byte(`"Score": "1"`), 1)
	req, _ := http.NewRequest(http.MethodPut, srv.URL+"/voicesense/results", bytes.NewReader(forged))
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
