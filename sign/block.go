package sign

import (
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strings"
	"unsafe"
)

// headerBlock holds every header value one Sign call sets: the text of the values and the
// one-element slices the header map points at. Putting them in one allocation is what keeps
// signing at one allocation a call. Most values fit the small block; a SHA-512 signature or
// an unusual version label takes the large one, and a value too long for both a second
// allocation.
type headerBlock[T smallText | largeText] struct {
	slots [3]string
	text  T
}

type (
	smallText [96]byte
	largeText [208]byte
)

// newBlock returns the slots and the text buffer of a block with room for need bytes.
func newBlock(need int) (*[3]string, []byte) {
	if need <= len(smallText{}) {
		b := new(headerBlock[smallText])
		return &b.slots, b.text[:0]
	}
	b := new(headerBlock[largeText])
	if need <= len(b.text) {
		return &b.slots, b.text[:0]
	}
	return &b.slots, make([]byte, 0, need)
}

func (w *wire) encodedLen(n int) int {
	if w.enc == Hex {
		return hex.EncodedLen(n)
	}
	return base64.StdEncoding.EncodedLen(n)
}

// setHeaders sets the signature header for sig and the timestamp and ID headers, replacing
// what h had under those names.
func (w *wire) setHeaders(h http.Header, id string, ts, sig []byte) {
	sigLen := w.encodedLen(len(sig))
	switch w.layout {
	case Plain:
		sigLen += len(w.valuePrefix)
	case Pairs:
		sigLen += len("t=,=") + len(ts) + len(w.version)
	case List:
		sigLen += len(w.version) + 1
	}
	need := sigLen
	if w.tsHeader != "" {
		need += len(ts)
	}
	slots, buf := newBlock(need)
	switch w.layout {
	case Plain:
		buf = append(buf, w.valuePrefix...)
	case Pairs:
		buf = append(buf, "t="...)
		buf = append(buf, ts...)
		buf = append(buf, ',')
		buf = append(buf, w.version...)
		buf = append(buf, '=')
	case List:
		buf = append(buf, w.version...)
		buf = append(buf, ',')
	}
	if w.enc == Hex {
		buf = hex.AppendEncode(buf, sig)
	} else {
		buf = base64.StdEncoding.AppendEncode(buf, sig)
	}
	if w.tsHeader != "" {
		buf = append(buf, ts...)
	}
	// buf is never written again, so a string may share its bytes.
	text := unsafe.String(unsafe.SliceData(buf), len(buf))
	slots[0] = text[:sigLen]
	h[w.header] = slots[0:1:1]
	if w.tsHeader != "" {
		slots[1] = text[sigLen:]
		h[w.tsHeader] = slots[1:2:2]
	}
	if w.idHeader != "" && id != "" {
		slots[2] = id
		h[w.idHeader] = slots[2:3:3]
	}
}

// checkMessage refuses a message the scheme cannot sign, before any work is done.
func (w *wire) checkMessage(name string, m Message) error {
	switch {
	case w.signs.Has(ID) && m.ID == "":
		return &MessageError{Scheme: name, Problem: "it signs the message ID, and Message.ID is empty"}
	case w.idHeader != "" && !validValue(m.ID):
		return &MessageError{Scheme: name, Problem: "Message.ID holds a control character"}
	case w.idHeader != "" && strings.TrimSpace(m.ID) != m.ID:
		// HTTP strips it on the way, and a signed ID would then no longer match.
		return &MessageError{Scheme: name, Problem: "Message.ID begins or ends with white space"}
	case w.needsTimestamp() && m.Timestamp.IsZero():
		return &MessageError{Scheme: name, Problem: "it signs a timestamp, and Message.Timestamp is zero"}
	case w.needsTimestamp() && m.Timestamp.Unix() < 0:
		return &MessageError{Scheme: name, Problem: "Message.Timestamp is before 1970"}
	}
	return nil
}

func (w *wire) needsTimestamp() bool { return w.signs.Has(Timestamp) || w.tsHeader != "" }

// MessageError says why a message cannot be signed. It matches ErrMessage.
type MessageError struct {
	Scheme  string
	Problem string
}

// Error names the scheme and the problem.
func (e *MessageError) Error() string { return "sign: " + e.Scheme + ": " + e.Problem }

// Unwrap returns ErrMessage.
func (e *MessageError) Unwrap() error { return ErrMessage }
