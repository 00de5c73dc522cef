// Package verify checks signed webhooks: the signature in constant time, the timestamp within
// a tolerance, optionally that the message was not seen before, with secret rotation, and an
// http.Handler middleware that does it all before your handler runs.
//
// The main path:
//
//	v, err := verify.New(schemes.StandardWebhooks, os.Getenv("WEBHOOK_SECRET"))
//	if err != nil { ... }
//	http.Handle("/webhooks", v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
//		m, _ := verify.MessageFrom(r.Context()) // verified: m.ID, m.Timestamp, m.Body
//		...
//	})))
//
// Or, with the raw body in hand:
//
//	m, err := v.Verify(r.Header, body)
//	switch {
//	case errors.Is(err, verify.ErrTooOld): // genuine but stale: the sender's clock, or a replay
//	case err != nil:                         // not from a holder of the secret
//	}
//
// Errors say what is wrong (which header is missing, how old the timestamp is) and never
// contain a secret or a computed signature.
package verify
