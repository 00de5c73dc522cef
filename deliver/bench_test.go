package deliver_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hookkit/hookkit/deliver"
)

func benchServer(b *testing.B, delay time.Duration) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if delay > 0 {
			time.Sleep(delay)
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	b.Cleanup(srv.Close)
	return srv
}

var benchBody = bytes.Repeat([]byte("x"), 1024)

// BenchmarkBareHTTP is the baseline: a plain net/http POST loop, unsigned, to the same
// loopback server.
func BenchmarkBareHTTP(b *testing.B) {
	srv := benchServer(b, 0)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(benchBody))
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// BenchmarkSender sends the same body signed, through the Sender.
func BenchmarkSender(b *testing.B) {
	srv := benchServer(b, 0)
	s := newSender(b)
	w := deliver.Webhook{URL: srv.URL, ID: "evt_bench", Body: benchBody}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.Send(context.Background(), w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDispatcher delivers b.N webhooks over 20 endpoints, all healthy or with 2 of them
// answering in 20 ms, and reports how many webhooks per second reach the healthy endpoints:
// slow endpoints should cost the others little.
func BenchmarkDispatcher(b *testing.B) {
	for _, tc := range []struct {
		name string
		slow int
	}{{"healthy", 0}, {"10pct-slow", 2}} {
		b.Run(tc.name, func(b *testing.B) {
			var urls []string
			slow := map[string]bool{}
			for i := range 20 {
				delay := time.Duration(0)
				if i < tc.slow {
					delay = 20 * time.Millisecond
				}
				urls = append(urls, benchServer(b, delay).URL)
				slow[urls[i]] = delay > 0
			}
			healthyDone := make(chan struct{}, b.N)
			d, err := deliver.NewDispatcher(newSender(b), deliver.Workers(16), deliver.PerEndpoint(2), deliver.Capacity(max(b.N, 1)),
				deliver.OnOutcome(func(w deliver.Webhook, _ deliver.Result, _ error) {
					if !slow[w.URL] {
						healthyDone <- struct{}{}
					}
				}))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			healthy := 0
			for i := range b.N {
				u := urls[i%len(urls)]
				if !slow[u] {
					healthy++
				}
				if _, err := d.Enqueue(deliver.Webhook{URL: u, Body: benchBody}); err != nil {
					b.Fatal(err)
				}
			}
			for range healthy {
				<-healthyDone
			}
			b.ReportMetric(float64(healthy)/time.Since(start).Seconds(), "healthy-webhooks/s")
			b.StopTimer()
			ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
			_ = d.Shutdown(ctx) // the slow ones are not waited for
			cancel()
		})
	}
}
