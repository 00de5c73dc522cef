// Package sign signs webhooks. A Scheme decides which bytes are signed, with what, and how
// the signature travels in the headers; its presets live in package schemes, and package
// verify checks what a Scheme signed.
//
// Signing one message:
//
//	h := make(http.Header)
//	err := schemes.StandardWebhooks.Sign(h, secret, sign.Message{
//		ID:        "msg_2Yq8x",
//		Timestamp: time.Now(),
//		Body:      body, // the raw bytes that will be sent, unchanged
//	})
//
// Signing many, with the secret decoded once:
//
//	signer, err := schemes.StandardWebhooks.NewSigner(secret)
//	err = signer.Sign(req.Header, m)
//
// The configurable types HMAC, Ed25519 and SharedSecret cover every preset; a new vendor
// style is one more value of one of them. Signed parts are fed to the MAC in turn, so the
// body is never copied, and no header value can carry a CR or LF.
package sign
