// Package riverdeliver puts hookkit's Sender on River (github.com/riverqueue/river), the
// PostgreSQL job queue: webhooks enqueued in the same transaction as the business change that
// caused them, retries that survive restarts, and many workers across many processes sharing
// one queue through FOR UPDATE SKIP LOCKED.
//
//	if err := riverdeliver.Migrate(ctx, pool); err != nil { ... } // River's tables and ours
//	q, err := riverdeliver.New(pool, sender, riverdeliver.OnOutcome(report))
//	if err := q.Start(ctx); err != nil { ... }
//	defer q.Stop(ctx)
//
//	tx, _ := pool.Begin(ctx)
//	// ... the business change ...
//	id, err := q.Enqueue(ctx, tx, deliver.Webhook{URL: endpoint, Body: body})
//	err = tx.Commit(ctx) // the webhook exists only if the change does
//
// Each River job makes one attempt with the Sender and stores it; the Sender's Decide says
// what follows: a retry becomes a River snooze until the decided time, giving up or a gone
// endpoint cancels the job with the reason. It is a module of its own, so that the core
// module needs no PostgreSQL driver.
package riverdeliver
