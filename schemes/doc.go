// Package schemes holds named presets, one per vendor style. Each preset is a value of one
// of package sign's scheme types, so a vendor not listed here is one more value, not a new
// code path.
//
// Sign as GitHub does, and verify what Stripe sends:
//
//	s, ok := schemes.Lookup("github")
//	if !ok { ... }
//	err := s.Sign(req.Header, secret, sign.Message{ID: id, Timestamp: time.Now(), Body: body})
//
//	v, err := verify.New(schemes.Stripe, os.Getenv("STRIPE_WEBHOOK_SECRET"))
//
// The presets are values: copy one and change a field to adapt it.
//
//	mine := schemes.GitHub.(sign.HMAC)
//	mine.Header = "X-Mine-Signature"
package schemes
