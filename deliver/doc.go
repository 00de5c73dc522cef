// Package deliver sends signed webhooks and retries them: a Sender for one webhook inline, a
// Dispatcher for many in the background.
//
//	s, err := deliver.NewSender(schemes.StandardWebhooks, secret)
//	if err != nil { ... }
//	res, err := s.Send(ctx, deliver.Webhook{URL: endpoint, Body: body})
//	// err == nil: delivered. errors.Is(err, deliver.ErrGone): disable the endpoint.
//
//	d, err := deliver.NewDispatcher(s, deliver.OnOutcome(func(w deliver.Webhook, r deliver.Result, err error) { ... }))
//	id, err := d.Enqueue(deliver.Webhook{URL: endpoint, Body: body}) // returns at once
//	...
//	err = d.Shutdown(ctx) // every accepted webhook is reported, delivered or not
//
// Every attempt is signed afresh, with the same message ID. What a status code means is a
// Policy (retry 5xx, 429, 408, 425 and 3xx; stop on other 4xx; 410 means gone); when to retry
// is a backoff.BackOff from github.com/cenkalti/backoff/v4, by default the Standard Webhooks
// schedule with jitter. Redirects are never followed, and by default the Sender refuses to
// connect to loopback, private, link-local and cloud metadata addresses, checked after DNS
// resolution, because the URL of a webhook is usually typed by someone else.
package deliver
