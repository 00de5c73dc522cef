package sign_test

import (
	"fmt"
	"net/http"
	"time"

	"github.com/hookkit/hookkit/sign"
)

// A vendor style that no preset covers is one more value.
func ExampleHMAC() {
	acme := sign.HMAC{
		Label:           "acme",
		Signs:           sign.Timestamp | sign.Body,
		Header:          "X-Acme-Signature",
		ValuePrefix:     "sha256=",
		TimestampHeader: "X-Acme-Timestamp",
	}
	h := make(http.Header)
	err := acme.Sign(h, "acme-secret", sign.Message{Timestamp: time.Unix(1700000000, 0), Body: []byte(`{"ok":true}`)})
	fmt.Println(err)
	fmt.Println(h.Get("X-Acme-Timestamp"))
	fmt.Println(h.Get("X-Acme-Signature")) // Python: hmac.new(b"acme-secret", b'1700000000.{"ok":true}', sha256)
	// Output:
	// <nil>
	// 1700000000
	// sha256=abf101debb0cf27d760c7ae11814e7f9c9d6dacc8b0b181b3237059f9dea4c43
}

// A sender holds a Signer, so the secret is decoded once.
func ExampleHMAC_NewSigner() {
	github := sign.HMAC{Label: "github", Header: "X-Hub-Signature-256", ValuePrefix: "sha256=", IDHeader: "X-GitHub-Delivery"}
	signer, err := github.NewSigner("It's a Secret to Everybody")
	if err != nil {
		fmt.Println(err)
		return
	}
	req, _ := http.NewRequest(http.MethodPost, "https://example.com/hook", nil)
	_ = signer.Sign(req.Header, sign.Message{ID: "72d3162e", Body: []byte("Hello, World!")})
	fmt.Println(req.Header.Get("X-Hub-Signature-256"))
	fmt.Println(req.Header.Get("X-GitHub-Delivery"))
	// Output:
	// sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17
	// 72d3162e
}
