package sign

import "time"

// Message is one webhook as it is signed and verified.
//
// The zero Message is valid to sign for schemes that sign the body alone; schemes that sign an
// ID or a timestamp need those fields set.
type Message struct {
	// ID identifies the event. It stays the same on every retry, so that a receiver can
	// deduplicate; only schemes that sign an ID authenticate it.
	ID string
	// Timestamp is when this attempt was signed. Schemes carry it in whole Unix seconds.
	Timestamp time.Time
	// Body is the raw body, byte for byte as it travels. It is never copied or re-encoded.
	Body []byte
}
