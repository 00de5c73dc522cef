// Command speechlive shows both sides of SpeechLive's webhooks on loopback.
//
// SpeechLive sends two headers: X-Trouble-Request-Hash, base64(HMAC-SHA256(body)) with one
// secret, and X-Trouble-Secret, a second shared secret sent as it is. It waits 100 seconds
// for an answer, retries twice 2 seconds apart, and never retries a 4xx.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/cenkalti/backoff/v4"

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
	"github.com/hookkit/hookkit/verify"
)

const (
	hashSecret   = "sl_hash_7b2e91" // signs the body
	sharedSecret = "sl_shared_4c0d" // travels in X-Trouble-Secret
)

// A dictation, in the shape SpeechLive sends it.
const dictation = `{"event":"DictationCompleted","dictation":{"id":"d-20250115-0042","author":"dr.smith","state":"Finished","lengthSeconds":95,"worktype":"Letter","attachments":[{"id":"a-77","fileName":"letter.docx"}]}}`

func run(out io.Writer) error {
	// The receiver checks both headers: the body's hash, then the shared secret.
	byHash, err := verify.New(schemes.SpeechLive, hashSecret)
	if err != nil {
		return err
	}
	bySecret, err := verify.New(schemes.SpeechLiveSecret, sharedSecret)
	if err != nil {
		return err
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, _ := verify.MessageFrom(r.Context())
		var e struct {
			Event     string
			Dictation struct {
				ID, Author, Worktype string
				LengthSeconds        int
			}
		}
		if err := json.Unmarshal(m.Body, &e); err != nil || e.Dictation.Worktype != "Letter" {
			http.Error(w, "unsupported worktype", http.StatusUnprocessableEntity)
			return
		}
		fmt.Fprintf(out, "receiver: %s %s by %s, %ds\n", e.Event, e.Dictation.ID, e.Dictation.Author, e.Dictation.LengthSeconds)
		w.WriteHeader(http.StatusOK)
	})
	srv := httptest.NewServer(byHash.Middleware(bySecret.Middleware(handler)))
	defer srv.Close()

	// The sender, with SpeechLive's rules: 100 s per attempt, 2 retries 2 s apart, no retry on 4xx.
	sender, err := deliver.NewSender(schemes.SpeechLive, hashSecret,
		deliver.AllowPrivateNetworks(),
		deliver.WithTimeout(100*time.Second),
		deliver.WithBackOff(func() backoff.BackOff { return deliver.Constant(2*time.Second, 2) }),
		deliver.WithPolicy(deliver.NoRetryOn4xx()))
	if err != nil {
		return err
	}
	second := http.Header{"X-Trouble-Secret": {sharedSecret}}
	res, err := sender.Send(context.Background(), deliver.Webhook{URL: srv.URL, Header: second, Body: []byte(dictation)})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sender: %s after %d attempt\n", res.Attempts[0].Outcome(), len(res.Attempts))

	// A dictation the receiver refuses with a 4xx is not retried.
	memo := bytes.Replace([]byte(dictation), []byte(`"Letter"`), []byte(`"Memo"`), 1)
	res, err = sender.Send(context.Background(), deliver.Webhook{URL: srv.URL, Header: second, Body: memo})
	if !errors.Is(err, deliver.ErrGaveUp) {
		return fmt.Errorf("a 4xx should stop the sender, got %v", err)
	}
	fmt.Fprintf(out, "sender: %s after %d attempt, not retried\n", res.Attempts[0].Outcome(), len(res.Attempts))

	// A request with a valid hash but a guessed shared secret, and a tampered one.
	for _, c := range []struct {
		what   string
		shared string
		body   []byte
	}{
		{"a wrong X-Trouble-Secret", "guess", []byte(dictation)},
		{"a tampered body", sharedSecret, bytes.Replace([]byte(dictation), []byte("dr.smith"), []byte("dr.evil"), 1)},
	} {
		h := http.Header{"X-Trouble-Secret": {c.shared}}
		if err := schemes.SpeechLive.Sign(h, hashSecret, sign.Message{Body: []byte(dictation)}); err != nil {
			return err
		}
		req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(c.body))
		req.Header = h
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
