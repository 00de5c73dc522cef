package deliver_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/cenkalti/backoff/v4"

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/verify"
)

func ExampleSender_Send() {
	// A receiver that fails once, then verifies and accepts.
	v, _ := verify.New(schemes.StandardWebhooks, "whsec_ZXhhbXBsZS1zZWNyZXQ=")
	failures := 1
	receiver := httptest.NewServer(v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failures > 0 {
			failures--
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})))
	defer receiver.Close()

	sender, err := deliver.NewSender(schemes.StandardWebhooks, "whsec_ZXhhbXBsZS1zZWNyZXQ=",
		deliver.AllowPrivateNetworks(), // the receiver is on loopback
		deliver.WithBackOff(func() backoff.BackOff { return deliver.Constant(0, 2) }))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sender.Send(context.Background(), deliver.Webhook{URL: receiver.URL, ID: "msg_1", Body: []byte(`{"type":"ping"}`)})
	for _, a := range res.Attempts {
		fmt.Println(a.Number, a.Outcome(), a.Verdict)
	}
	fmt.Println(res.Delivered, err)
	// Output:
	// 1 503 Service Unavailable retry
	// 2 204 No Content delivered
	// true <nil>
}

// The SSRF guard: a server that sends to URLs its tenants typed does not reach its own network.
func ExampleSender_Send_blocked() {
	sender, _ := deliver.NewSender(schemes.GitHub, "secret")
	_, err := sender.Send(context.Background(), deliver.Webhook{URL: "http://127.0.0.1:9/hook", Body: []byte(`{}`)})
	fmt.Println(errors.Is(err, deliver.ErrBlocked))
	fmt.Println(err)
	// Output:
	// true
	// deliver: not delivered after 1 attempt; the last: refused to connect to 127.0.0.1, a loopback address; allow it with deliver.AllowPrivateNetworks() or deliver.AllowNetworks(prefix)
}

func ExampleDispatcher() {
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	}))
	defer receiver.Close()
	sender, _ := deliver.NewSender(schemes.Stripe, "whsec_test", deliver.AllowPrivateNetworks())

	var wg sync.WaitGroup
	var mu sync.Mutex
	delivered := 0
	d, _ := deliver.NewDispatcher(sender, deliver.OnOutcome(func(w deliver.Webhook, r deliver.Result, err error) {
		defer wg.Done() // called once for every webhook Enqueue accepted
		mu.Lock()
		defer mu.Unlock()
		if err == nil {
			delivered++
		}
	}))
	for range 3 {
		wg.Add(1)
		if _, err := d.Enqueue(deliver.Webhook{URL: receiver.URL, Body: []byte(`{"type":"invoice.paid"}`)}); err != nil {
			wg.Done()
			fmt.Println(err)
		}
	}
	wg.Wait()
	fmt.Println("delivered:", delivered)
	fmt.Println(d.Shutdown(context.Background())) // had anything been left, it would be reported now
	// Output:
	// delivered: 3
	// <nil>
}
