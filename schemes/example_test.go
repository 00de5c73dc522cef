package schemes_test

import (
	"fmt"
	"net/http"
	"time"

	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
)

func ExampleLookup() {
	s, ok := schemes.Lookup("StandardWebhooks")
	if !ok {
		fmt.Println("unknown scheme")
		return
	}
	h := make(http.Header)
	err := s.Sign(h, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", sign.Message{
		ID:        "msg_p5jXN8AQM9LWM0D4loKWxJek",
		Timestamp: time.Unix(1614265330, 0),
		Body:      []byte(`{"test": 2432232314}`),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name())
	fmt.Println(h.Get("webhook-signature"))
	// Output:
	// standard-webhooks
	// v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=
}
