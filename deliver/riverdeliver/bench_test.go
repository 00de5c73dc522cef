package riverdeliver_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hookkit/hookkit/deliver"
	"github.com/hookkit/hookkit/deliver/riverdeliver"
)

// BenchmarkDeliveries enqueues b.N webhooks in transactions of 100 and reports how many per
// second one or two clients on one database deliver to a loopback endpoint.
func BenchmarkDeliveries(b *testing.B) {
	for _, clients := range []int{1, 2} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			pool := testPool(b)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
			defer srv.Close()
			done := make(chan struct{}, b.N)
			hook := riverdeliver.OnOutcome(func(deliver.Webhook, deliver.Result, error) { done <- struct{}{} })
			var queues []*riverdeliver.Queue
			for range clients {
				q := newQueue(b, pool, newSender(b), hook)
				start(b, q)
				queues = append(queues, q)
			}
			ctx := context.Background()
			b.ResetTimer()
			began := time.Now()
			for i := 0; i < b.N; i += 100 {
				tx, err := pool.Begin(ctx)
				if err != nil {
					b.Fatal(err)
				}
				for j := i; j < i+100 && j < b.N; j++ {
					if _, err := queues[0].Enqueue(ctx, tx, deliver.Webhook{URL: srv.URL, ID: fmt.Sprintf("evt_%d", j), Body: body}); err != nil {
						b.Fatal(err)
					}
				}
				if err := tx.Commit(ctx); err != nil {
					b.Fatal(err)
				}
			}
			for range b.N {
				<-done
			}
			b.ReportMetric(float64(b.N)/time.Since(began).Seconds(), "webhooks/s")
		})
	}
}
