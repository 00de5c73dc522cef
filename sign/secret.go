package sign

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// SecretEncoding is how a secret string becomes key bytes.
type SecretEncoding uint8

// The ways a secret becomes a key.
const (
	// RawSecret uses the secret's bytes as the key, as given: Stripe's keys keep their
	// "whsec_" prefix.
	RawSecret SecretEncoding = iota
	// Base64Secret decodes standard base64 after an optional prefix (Standard Webhooks:
	// "whsec_"). Padding may be left out.
	Base64Secret
)

// decodeSecret turns a secret into key bytes. Its errors never quote the secret.
func decodeSecret(scheme, secret string, enc SecretEncoding, prefix string) ([]byte, error) {
	if secret == "" {
		return nil, fmt.Errorf("%w: %s: the secret is empty", ErrSecret, scheme)
	}
	switch enc {
	case RawSecret:
		return []byte(secret), nil
	case Base64Secret:
		key, err := decodeBase64(strings.TrimPrefix(secret, prefix))
		if err != nil || len(key) == 0 {
			return nil, fmt.Errorf("%w: %s: the secret is not base64 after the %q prefix", ErrSecret, scheme, prefix)
		}
		return key, nil
	}
	return nil, fmt.Errorf("%w: %s: unknown secret encoding %d", ErrScheme, scheme, enc)
}

// decodeBase64 accepts standard base64 with or without padding.
func decodeBase64(s string) ([]byte, error) {
	if strings.HasSuffix(s, "=") {
		return base64.StdEncoding.DecodeString(s)
	}
	return base64.RawStdEncoding.DecodeString(s)
}
