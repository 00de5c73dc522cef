package verify_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
	"github.com/hookkit/hookkit/verify"
)

// A request as Standard Webhooks sends it, checked at a fixed time.
func ExampleVerifier_VerifyAt() {
	v, err := verify.New(schemes.StandardWebhooks, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		fmt.Println(err)
		return
	}
	h := http.Header{}
	h.Set("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
	h.Set("webhook-timestamp", "1614265330")
	h.Set("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
	body := []byte(`{"test": 2432232314}`)

	m, err := v.VerifyAt(h, body, time.Unix(1614265330+10, 0))
	fmt.Println(m.ID, err)

	_, err = v.VerifyAt(h, body, time.Unix(1614265330+612, 0))
	fmt.Println(errors.Is(err, verify.ErrTooOld), err)

	_, err = v.VerifyAt(h, []byte(`{"test": 1}`), time.Unix(1614265330, 0))
	fmt.Println(errors.Is(err, verify.ErrMismatch), err)
	// Output:
	// msg_p5jXN8AQM9LWM0D4loKWxJek <nil>
	// true verify: timestamp 612s old, tolerance 300s
	// true verify: Webhook-Signature: no signature matches the body
}

// Rotating a secret: accept the old one until every sender has the new one.
func ExampleAlsoAccept() {
	v, _ := verify.New(schemes.GitHub, "new-secret", verify.AlsoAccept("old-secret"))
	h := http.Header{}
	body := []byte("Hello, World!")
	_ = schemes.GitHub.Sign(h, "old-secret", sign.Message{Body: body})
	_, err := v.Verify(h, body)
	fmt.Println(err)
	// Output: <nil>
}

func ExampleVerifier_Middleware() {
	v, err := verify.New(schemes.GitHub, "It's a Secret to Everybody")
	if err != nil {
		fmt.Println(err)
		return
	}
	handler := v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, _ := verify.MessageFrom(r.Context())
		body, _ := io.ReadAll(r.Body) // restored for the handler, byte for byte
		fmt.Printf("handler: delivery %s, %q\n", m.ID, body)
		fmt.Fprint(w, "ok")
	}))

	send := func(signature string) {
		req := httptest.NewRequest(http.MethodPost, "/webhooks", bytes.NewReader([]byte("Hello, World!")))
		req.Header.Set("X-Hub-Signature-256", signature)
		req.Header.Set("X-GitHub-Delivery", "72d3162e")
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	send("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
	send("sha256=0000000000000000000000000000000000000000000000000000000000000000")
	// Output:
	// handler: delivery 72d3162e, "Hello, World!"
	// 200 ok
	// 401 verify: X-Hub-Signature-256: no signature matches the body
}
