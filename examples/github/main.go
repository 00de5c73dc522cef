// Command github shows both sides of GitHub-style webhooks on loopback.
//
// GitHub sends X-Hub-Signature-256: sha256=hex(HMAC-SHA256(body)), the delivery's GUID in
// X-GitHub-Delivery and the event's name in X-GitHub-Event. There is no timestamp: a receiver
// that must refuse replays remembers delivery GUIDs.
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

const secret = "It's a Secret to Everybody" // the example from GitHub's documentation

const push = `{"ref":"refs/heads/main","after":"9fceb02d","repository":{"full_name":"octo-org/hello-world"},"pusher":{"name":"octocat"}}`

func run(out io.Writer) error {
	v, err := verify.New(schemes.GitHub, secret)
	if err != nil {
		return err
	}
	srv := httptest.NewServer(v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, _ := verify.MessageFrom(r.Context())
		switch event := r.Header.Get("X-GitHub-Event"); event {
		case "push":
			var p struct {
				Ref        string
				Repository struct {
					FullName string `json:"full_name"`
				}
				Pusher struct{ Name string }
			}
			if err := json.Unmarshal(m.Body, &p); err != nil {
				http.Error(w, "unreadable payload", http.StatusBadRequest)
				return
			}
			fmt.Fprintf(out, "receiver: delivery %s: %s pushed to %s of %s\n", m.ID, p.Pusher.Name, p.Ref, p.Repository.FullName)
		default:
			fmt.Fprintf(out, "receiver: delivery %s: ignoring %s\n", m.ID, event)
		}
		w.WriteHeader(http.StatusAccepted)
	})))
	defer srv.Close()

	sender, err := deliver.NewSender(schemes.GitHub, secret, deliver.AllowPrivateNetworks())
	if err != nil {
		return err
	}
	res, err := sender.Send(context.Background(), deliver.Webhook{
		URL:    srv.URL,
		ID:     "72d3162e-cc78-11e3-81ab-4c9367dc0958",
		Header: http.Header{"X-GitHub-Event": {"push"}},
		Body:   []byte(push),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sender: %s\n", res.Attempts[0].Outcome())

	// A forged push: the signature of the real one, another pusher.
	h := http.Header{"X-GitHub-Event": {"push"}}
	if err := schemes.GitHub.Sign(h, secret, sign.Message{ID: "forged", Body: []byte(push)}); err != nil {
		return err
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(bytes.Replace([]byte(push), []byte("octocat"), []byte("mallory"), 1)))
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
