package schemes_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
	"github.com/hookkit/hookkit/verify"
)

// Every expected value below was computed outside this code: with Python's hmac module
// (hmac.new(key, signed, hashlib.sha256), then .hexdigest() or base64.b64encode(.digest())),
// with openssl (printf '%s' BODY | openssl dgst -sha256 -hmac KEY) for the github and
// vendor-README rows, and with Python's cryptography package (Ed25519PrivateKey
// .from_private_bytes(seed).sign(signed)) for Ed25519. The signed bytes are spelled out in
// each row so the computation can be repeated.
const (
	body = `{"event":"call.completed","id":"c_81"}`
	id   = "msg_2Yq8x"
	unix = 1700000000
)

type vector struct {
	name   string
	scheme sign.Scheme
	secret string // signing secret
	public string // verifying secret, when it differs
	msg    sign.Message
	signed string // the bytes the vector signs, for people repeating the computation
	want   map[string]string
}

func vectors() []vector {
	ts := time.Unix(unix, 0)
	m := sign.Message{ID: id, Timestamp: ts, Body: []byte(body)}
	return []vector{
		{"voicesense", schemes.Voicesense, "vs-secret", "", m, "{body}",
			map[string]string{"X-Voicesense-Signature": "bceac48641989242f9e450b6f803c4d3d6ec2b1fe3343990a3c8e2539d7a7056"}},
		{"speechlive", schemes.SpeechLive, "sl-secret", "", m, "{body}",
			map[string]string{"X-Trouble-Request-Hash": "6ilQ0nQtWeCaXcLjfBZEdMvu+K5RAuq+HcYsBdDCds4="}},
		{"speechlive-secret", schemes.SpeechLiveSecret, "second-secret", "", m, "(nothing: the secret is sent)",
			map[string]string{"X-Trouble-Secret": "second-secret"}},
		{"volubile", schemes.Volubile, "vol-secret", "", m, "{body}",
			map[string]string{"X-Webhook-Signature": "cad8b532c50160e813aa51871e2122aa3a1792825ee75c8b86b037899a84036b"}},
		{"voisnap", schemes.Voisnap, "vsnap-secret", "", m, "1700000000.{body}",
			map[string]string{
				"X-Webhook-Signature":   "sha256=f82108f9a33dbb13af63e9f9f706d7b23c21817526037dd1a61ca72194010c76",
				"X-Webhook-Timestamp":   "1700000000",
				"X-Webhook-Delivery-Id": id,
			}},
		{"voiseback", schemes.Voiseback, "vback-secret", "", m, "1700000000.{body}",
			map[string]string{
				"Webhook-Signature": "t=1700000000,v1=a93dfcfb2a04a28254516b553090bb1bc012ff118efc5f78da69d6f90115ce00",
				"Webhook-Timestamp": "1700000000",
				"Webhook-Id":        id,
			}},
		{"stripe", schemes.Stripe, "whsec_stripe-test-key", "", m, "1700000000.{body}, key including whsec_",
			map[string]string{"Stripe-Signature": "t=1700000000,v1=5a58b780612fa525c1c7e0e8f9f21315cd844560e3472f1bc4245c2dbdca504b"}},
		{"github", schemes.GitHub, "gh-secret", "", m, "{body}",
			map[string]string{
				"X-Hub-Signature-256": "sha256=16a37b95ff408895134b1a84bf05df58de8c2782d7b48b228b297c34402302cf",
				"X-Github-Delivery":   id,
			}},
		{"standard-webhooks", schemes.StandardWebhooks, "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "", m,
			"msg_2Yq8x.1700000000.{body}, key bytes 0x00..0x1f",
			map[string]string{
				"Webhook-Signature": "v1,VBDfD4OOxZVfZIUNugzH50aBHjSa3/KEkwNJ+eD+LpY=",
				"Webhook-Timestamp": "1700000000",
				"Webhook-Id":        id,
			}},
		{"standard-webhooks-ed25519", schemes.StandardWebhooksEd25519,
			"whsk_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=", "whpk_C7w0aldmfDgBIL2cf9flHSxf3+o3zS9b9AWyxr9vLXg=", m,
			"msg_2Yq8x.1700000000.{body}, seed bytes 100..131",
			map[string]string{
				"Webhook-Signature": "v1a,fi7OJlKsTtV7bYdJFyvO6VxXYKo8B15pZo5FvTFxTUJxwDIpZY3FLLDAkd0JQLBKZIjrJvbrye4Nm0vrUWGjCA==",
				"Webhook-Timestamp": "1700000000",
				"Webhook-Id":        id,
			}},
		{"slack", schemes.Slack, "slack-secret", "", m, "v0:1700000000:{body}",
			map[string]string{
				"X-Slack-Signature":         "v0=3383984e5c24b596ab3fef097f38f2a2918789b63eea05d477ba2e30c7c01ecf",
				"X-Slack-Request-Timestamp": "1700000000",
			}},
		{"shopify", schemes.Shopify, "shop-secret", "", m, "{body}",
			map[string]string{"X-Shopify-Hmac-Sha256": "oKjy8rLCRnLj/RuptGalOahGqnof7VNtrm6Wu6pKK3k="}},

		// From ../shared/testdata/vendors/README.md, which takes them from the vendors' documents.
		{"voicesense docs", schemes.Voicesense, "qn38UciAEBTR1vlWPyPR205U438I6PAS", "",
			sign.Message{Body: []byte(`{"test":"body"}`)}, "{body}",
			map[string]string{"X-Voicesense-Signature": "a30d5e4941a55d747bbaf39efb54ed5d1784cbd373686fe9e24375071bc0d73f"}},
		{"github docs", schemes.GitHub, "It's a Secret to Everybody", "",
			sign.Message{Body: []byte("Hello, World!")}, "{body}",
			map[string]string{"X-Hub-Signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"}},
		// The Standard Webhooks specification's published test vector.
		{"standard-webhooks spec", schemes.StandardWebhooks, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "",
			sign.Message{ID: "msg_p5jXN8AQM9LWM0D4loKWxJek", Timestamp: time.Unix(1614265330, 0), Body: []byte(`{"test": 2432232314}`)},
			"{id}.{ts}.{body}",
			map[string]string{
				"Webhook-Signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
				"Webhook-Id":        "msg_p5jXN8AQM9LWM0D4loKWxJek",
				"Webhook-Timestamp": "1614265330",
			}},
	}
}

func TestKnownAnswers(t *testing.T) {
	for _, vec := range vectors() {
		t.Run(vec.name, func(t *testing.T) {
			h := make(http.Header)
			if err := vec.scheme.Sign(h, vec.secret, vec.msg); err != nil {
				t.Fatalf("Sign: %v", err)
			}
			if len(h) != len(vec.want) {
				t.Errorf("Sign set %d headers %v, want %d", len(h), h, len(vec.want))
			}
			for k, want := range vec.want {
				if got := h.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

// The vectors verify too, from headers built from the expected values alone.
func TestKnownAnswersVerify(t *testing.T) {
	for _, vec := range vectors() {
		t.Run(vec.name, func(t *testing.T) {
			h := make(http.Header)
			for k, v := range vec.want {
				h.Set(k, v)
			}
			secret := vec.secret
			if vec.public != "" {
				secret = vec.public
			}
			v, err := verify.New(vec.scheme, secret)
			if err != nil {
				t.Fatal(err)
			}
			now := vec.msg.Timestamp
			if now.IsZero() {
				now = time.Unix(unix, 0)
			}
			got, err := v.VerifyAt(h, vec.msg.Body, now.Add(time.Minute))
			if err != nil {
				t.Fatalf("VerifyAt: %v", err)
			}
			if vec.scheme.Covers().Has(sign.Timestamp) && !got.Timestamp.Equal(vec.msg.Timestamp) {
				t.Errorf("Timestamp = %v, want %v", got.Timestamp, vec.msg.Timestamp)
			}
			if _, sent := vec.want[idHeader(vec.scheme)]; sent && got.ID != vec.msg.ID {
				t.Errorf("ID = %q, want %q", got.ID, vec.msg.ID)
			}
			if string(got.Body) != string(vec.msg.Body) {
				t.Errorf("Body = %q", got.Body)
			}
		})
	}
}

func idHeader(s sign.Scheme) string {
	switch s := s.(type) {
	case sign.HMAC:
		return http.CanonicalHeaderKey(s.IDHeader)
	case sign.Ed25519:
		return "Webhook-Id"
	}
	return ""
}

func TestRoundTripEveryPreset(t *testing.T) {
	secrets := map[string][2]string{
		"standard-webhooks":         {"whsec_c2VjcmV0LXJvdW5kLXRyaXA=", ""},
		"standard-webhooks-ed25519": {"whsk_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=", "whpk_C7w0aldmfDgBIL2cf9flHSxf3+o3zS9b9AWyxr9vLXg="},
	}
	now := time.Unix(1750000000, 0)
	for _, name := range schemes.Names() {
		t.Run(name, func(t *testing.T) {
			s, ok := schemes.Lookup(name)
			if !ok {
				t.Fatalf("Lookup(%q) failed", name)
			}
			signKey, verifyKey := "round-trip-secret", "round-trip-secret"
			if k, ok := secrets[name]; ok {
				signKey, verifyKey = k[0], k[0]
				if k[1] != "" {
					verifyKey = k[1]
				}
			}
			h := make(http.Header)
			m := sign.Message{ID: "evt_1", Timestamp: now, Body: []byte(`{"ok":true}`)}
			if err := s.Sign(h, signKey, m); err != nil {
				t.Fatal(err)
			}
			v, err := verify.New(s, verifyKey)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := v.VerifyAt(h, m.Body, now); err != nil {
				t.Fatalf("VerifyAt: %v", err)
			}
			if _, err := v.VerifyAt(h, []byte(`{"ok":false}`), now); err == nil && s.Covers().Has(sign.Body) {
				t.Fatal("a changed body verified")
			}
		})
	}
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		name string
		want sign.Scheme
	}{
		{"standard-webhooks", schemes.StandardWebhooks},
		{"standardwebhooks", schemes.StandardWebhooks},
		{"StandardWebhooks", schemes.StandardWebhooks},
		{"STANDARD_WEBHOOKS", schemes.StandardWebhooks},
		{"GitHub", schemes.GitHub},
		{"speechlive-secret", schemes.SpeechLiveSecret},
		{"standard-webhooks-ed25519", schemes.StandardWebhooksEd25519},
	} {
		got, ok := schemes.Lookup(tc.name)
		if !ok || got.Name() != tc.want.Name() {
			t.Errorf("Lookup(%q) = %v, %v; want %s", tc.name, got, ok, tc.want.Name())
		}
	}
	for _, name := range []string{"", "gitlab", "standard", "standard-webhooks-v2"} {
		if got, ok := schemes.Lookup(name); ok {
			t.Errorf("Lookup(%q) = %s, want nothing", name, got.Name())
		}
	}
}

func TestNames(t *testing.T) {
	want := "voicesense speechlive speechlive-secret volubile voisnap voiseback stripe github standard-webhooks standard-webhooks-ed25519 slack shopify"
	if got := strings.Join(schemes.Names(), " "); got != want {
		t.Errorf("Names() = %s\nwant       %s", got, want)
	}
	names := schemes.Names()
	names[0] = "changed"
	if schemes.Names()[0] != "voicesense" {
		t.Error("Names returned a slice the package keeps")
	}
}

// Every preset describes itself for the CLI's list.
func TestDescribe(t *testing.T) {
	for _, name := range schemes.Names() {
		s, _ := schemes.Lookup(name)
		d, ok := s.(sign.Describer)
		if !ok || d.SignatureHeader() == "" || d.SignedBytes() == "?" {
			t.Errorf("%s does not describe itself", name)
		}
	}
	if got := schemes.Slack.(sign.Describer).SignedBytes(); got != "v0:{ts}:{body}" {
		t.Errorf("slack signs %q", got)
	}
	if got := schemes.StandardWebhooks.(sign.Describer).SignedBytes(); got != "{id}.{ts}.{body}" {
		t.Errorf("standard-webhooks signs %q", got)
	}
}
