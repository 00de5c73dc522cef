package schemes

import (
	"strings"

	"github.com/hookkit/hookkit/sign"
)

// The presets. Each is a sign.HMAC, sign.Ed25519 or sign.SharedSecret value; the comment
// shows the signature header and what is signed.
var (
	// Voicesense: X-Voicesense-Signature = hex(HMAC-SHA256(body)).
	Voicesense sign.Scheme = sign.HMAC{
		Label:  "voicesense",
		Header: "X-Voicesense-Signature",
	}

	// SpeechLive: X-Trouble-Request-Hash = base64(HMAC-SHA256(body)). SpeechLive also sends a
	// second secret as it is, in X-Trouble-Secret: see SpeechLiveSecret.
	SpeechLive sign.Scheme = sign.HMAC{
		Label:    "speechlive",
		Header:   "X-Trouble-Request-Hash",
		Encoding: sign.Base64,
	}

	// SpeechLiveSecret: X-Trouble-Secret = the shared secret itself.
	SpeechLiveSecret sign.Scheme = sign.SharedSecret{
		Label:  "speechlive-secret",
		Header: "X-Trouble-Secret",
	}

	// Volubile: X-Webhook-Signature = hex(HMAC-SHA256(body)).
	Volubile sign.Scheme = sign.HMAC{
		Label:  "volubile",
		Header: "X-Webhook-Signature",
	}

	// Voisnap: X-Webhook-Signature = "sha256=" hex(HMAC-SHA256("{ts}.{body}")), with
	// X-Webhook-Timestamp and X-Webhook-Delivery-Id, the idempotency key.
	Voisnap sign.Scheme = sign.HMAC{
		Label:           "voisnap",
		Signs:           sign.Timestamp | sign.Body,
		Header:          "X-Webhook-Signature",
		ValuePrefix:     "sha256=",
		TimestampHeader: "X-Webhook-Timestamp",
		IDHeader:        "X-Webhook-Delivery-Id",
	}

	// Voiseback: Webhook-Signature = "t={ts},v1=" hex(HMAC-SHA256("{ts}.{body}")), with
	// Webhook-Id and Webhook-Timestamp.
	Voiseback sign.Scheme = sign.HMAC{
		Label:           "voiseback",
		Signs:           sign.Timestamp | sign.Body,
		Header:          "Webhook-Signature",
		Layout:          sign.Pairs,
		Version:         "v1",
		TimestampHeader: "Webhook-Timestamp",
		IDHeader:        "Webhook-Id",
	}

	// Stripe: Stripe-Signature = "t={ts},v1=" hex(HMAC-SHA256("{ts}.{body}")), several v1
	// allowed. The key is the secret string as given, "whsec_" included.
	Stripe sign.Scheme = sign.HMAC{
		Label:   "stripe",
		Signs:   sign.Timestamp | sign.Body,
		Header:  "Stripe-Signature",
		Layout:  sign.Pairs,
		Version: "v1",
	}

	// GitHub: X-Hub-Signature-256 = "sha256=" hex(HMAC-SHA256(body)), with X-GitHub-Delivery.
	GitHub sign.Scheme = sign.HMAC{
		Label:       "github",
		Header:      "X-Hub-Signature-256",
		ValuePrefix: "sha256=",
		IDHeader:    "X-GitHub-Delivery",
	}

	// StandardWebhooks: webhook-signature = "v1," base64(HMAC-SHA256("{id}.{ts}.{body}")), a
	// space-separated list, with webhook-id and webhook-timestamp. The secret is "whsec_" and
	// base64; the key is the decoded bytes.
	StandardWebhooks sign.Scheme = sign.HMAC{
		Label:           "standard-webhooks",
		Signs:           sign.ID | sign.Timestamp | sign.Body,
		Encoding:        sign.Base64,
		Header:          "webhook-signature",
		Layout:          sign.List,
		Version:         "v1",
		TimestampHeader: "webhook-timestamp",
		IDHeader:        "webhook-id",
		Secret:          sign.Base64Secret,
		SecretPrefix:    "whsec_",
	}

	// StandardWebhooksEd25519: webhook-signature = "v1a," base64(Ed25519("{id}.{ts}.{body}")).
	// Sign with a "whsk_" private key, verify with the "whpk_" public key.
	StandardWebhooksEd25519 sign.Scheme = sign.Ed25519{
		Label: "standard-webhooks-ed25519",
	}

	// Slack: X-Slack-Signature = "v0=" hex(HMAC-SHA256("v0:{ts}:{body}")), with
	// X-Slack-Request-Timestamp.
	Slack sign.Scheme = sign.HMAC{
		Label:           "slack",
		Signs:           sign.Timestamp | sign.Body,
		SignedPrefix:    "v0",
		Separator:       ":",
		Header:          "X-Slack-Signature",
		ValuePrefix:     "v0=",
		TimestampHeader: "X-Slack-Request-Timestamp",
	}

	// Shopify: X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(body)).
	Shopify sign.Scheme = sign.HMAC{
		Label:    "shopify",
		Header:   "X-Shopify-Hmac-Sha256",
		Encoding: sign.Base64,
	}
)

// all is every preset, in the order Names lists them.
var all = []sign.Scheme{
	Voicesense, SpeechLive, SpeechLiveSecret, Volubile, Voisnap, Voiseback,
	Stripe, GitHub, StandardWebhooks, StandardWebhooksEd25519, Slack, Shopify,
}

// Lookup returns the preset with the given name. Case, hyphens and underscores are ignored,
// so "standard-webhooks", "StandardWebhooks" and "standard_webhooks" all find the same one.
func Lookup(name string) (sign.Scheme, bool) {
	key := fold(name)
	for _, s := range all {
		if fold(s.Name()) == key {
			return s, true
		}
	}
	return nil, false
}

// Names returns the presets' names, in the order of the table in the README. The slice is
// the caller's to keep.
func Names() []string {
	names := make([]string, len(all))
	for i, s := range all {
		names[i] = s.Name()
	}
	return names
}

func fold(name string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return -1
		}
		return r
	}, strings.ToLower(name))
}
