package verify

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/hookkit/hookkit/sign"
)

type messageKey struct{}

// MessageFrom returns the message the middleware verified for this request's context.
func MessageFrom(ctx context.Context) (sign.Message, bool) {
	m, ok := ctx.Value(messageKey{}).(sign.Message)
	return m, ok
}

// Middleware verifies each request before next sees it. It reads at most the body limit
// (WithMaxBody), answering 413 past it; answers 401 with a short reason when verification
// fails, and 503 when the replay guard cannot be asked. A verified request reaches next with
// its body restored, byte for byte, and the message in its context (MessageFrom).
func (v *Verifier) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := v.readBody(r)
		if err != nil {
			status := http.StatusBadRequest
			if errors.Is(err, ErrTooLarge) {
				status = http.StatusRequestEntityTooLarge
			}
			http.Error(w, err.Error(), status)
			return
		}
		m, err := v.Verify(r.Header, body)
		if err != nil {
			http.Error(w, err.Error(), statusOf(err))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), messageKey{}, m)))
	})
}

func (v *Verifier) readBody(r *http.Request) ([]byte, error) {
	if r.ContentLength > v.maxBody {
		return nil, &TooLargeError{Limit: v.maxBody}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, v.maxBody+1))
	if err != nil {
		return nil, errors.New("verify: reading the body failed")
	}
	if int64(len(body)) > v.maxBody {
		return nil, &TooLargeError{Limit: v.maxBody}
	}
	return body, nil
}

func statusOf(err error) int {
	for _, class := range []error{ErrNoSignature, ErrMalformed, ErrMismatch, ErrTooOld, ErrTooNew, ErrReplayed} {
		if errors.Is(err, class) {
			return http.StatusUnauthorized
		}
	}
	return http.StatusServiceUnavailable
}
