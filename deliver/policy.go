package deliver

import (
	"errors"
	"net/http"
)

// Verdict is what one attempt means for the webhook.
type Verdict uint8

// The verdicts.
const (
	// Delivered: the endpoint took the webhook.
	Delivered Verdict = iota + 1
	// Retry: try again later, if the schedule allows.
	Retry
	// GiveUp: stop; trying again would not help.
	GiveUp
	// Gone: stop; the endpoint says it no longer exists (410), and should be disabled.
	Gone
)

// String names the verdict.
func (v Verdict) String() string {
	switch v {
	case Delivered:
		return "delivered"
	case Retry:
		return "retry"
	case GiveUp:
		return "give up"
	case Gone:
		return "gone"
	}
	return "none"
}

// Policy decides what each status code means. A code's own rule comes first, then its
// class's (2 for 2xx, and so on). An attempt that failed, before a response or while reading
// it, follows Network.
//
// A Policy is a value; its maps are read, never written, by the Sender. The zero Policy is
// not useful: start from DefaultPolicy.
type Policy struct {
	Status  map[int]Verdict // per status code
	Class   map[int]Verdict // per class, 1 to 5
	Network Verdict         // connection failures, resets and timeouts
}

// DefaultPolicy delivers on 2xx; retries 408, 425, 429, 5xx, 3xx (redirects are never
// followed), network errors and timeouts; stops with Gone on 410; and gives up on every
// other 4xx.
func DefaultPolicy() Policy {
	return Policy{
		Status: map[int]Verdict{
			http.StatusRequestTimeout:  Retry,
			http.StatusTooEarly:        Retry,
			http.StatusTooManyRequests: Retry,
			http.StatusGone:            Gone,
		},
		Class:   map[int]Verdict{1: Retry, 2: Delivered, 3: Retry, 4: GiveUp, 5: Retry},
		Network: Retry,
	}
}

// NoRetryOn4xx is DefaultPolicy with every 4xx but 410 given up on, as SpeechLive does:
// "responses with a 4xx status code aren't retried".
func NoRetryOn4xx() Policy {
	p := DefaultPolicy()
	p.Status = map[int]Verdict{http.StatusGone: Gone}
	return p
}

// Verdict applies the policy to one attempt.
func (p Policy) Verdict(a Attempt) Verdict {
	if a.Err != nil {
		// No response, or one cut short: a 200 whose body broke off is not proof of
		// delivery, and receivers deduplicate on the ID, so it is tried again.
		if errors.Is(a.Err, ErrBlocked) || errors.Is(a.Err, ErrRequest) {
			return GiveUp // refused before anything was sent: retrying cannot help
		}
		if p.Network == 0 {
			return Retry
		}
		return p.Network
	}
	if v, ok := p.Status[a.Status]; ok {
		return v
	}
	if v, ok := p.Class[a.Status/100]; ok {
		return v
	}
	return GiveUp
}
