package deliver

import (
	"errors"
	"fmt"
)

// Error classes; test for them with errors.Is.
var (
	// ErrBlocked: the SSRF guard refused the target address (see BlockedError).
	ErrBlocked = errors.New("deliver: address blocked")
	// ErrRequest: the webhook cannot be sent as given: a bad URL or method, or a custom
	// header that would override one the scheme sets.
	ErrRequest = errors.New("deliver: bad webhook")
	// ErrTimeout: an attempt took longer than the per-attempt timeout.
	ErrTimeout = errors.New("deliver: attempt timed out")
	// ErrGone: the endpoint answered 410 Gone; stop sending to it.
	ErrGone = errors.New("deliver: endpoint gone")
	// ErrGaveUp: the webhook was not delivered: the policy gave up, or the schedule ran out.
	ErrGaveUp = errors.New("deliver: not delivered")
	// ErrQueueFull: the dispatcher holds as many webhooks as it may; try later, or shed load.
	ErrQueueFull = errors.New("deliver: queue full")
	// ErrClosed: the dispatcher is shutting down and takes no more webhooks.
	ErrClosed = errors.New("deliver: dispatcher closed")
	// ErrShutdown: the dispatcher shut down before the webhook was delivered.
	ErrShutdown = errors.New("deliver: shut down before delivery")
	// ErrOption: an option the Sender or Dispatcher cannot work with.
	ErrOption = errors.New("deliver: bad option")
)

// DeliveryError says why a webhook was not delivered. It matches ErrGone or ErrGaveUp, and,
// for a dispatcher that stopped, ErrShutdown.
type DeliveryError struct {
	Attempts int    // how many attempts were made
	Last     string // the last attempt's outcome, such as "503 Service Unavailable"
	Err      error  // the class
	Cause    error  // the last attempt's own error, if it had one, such as a *BlockedError
}

// Error says how many attempts were made and how the last one ended.
func (e *DeliveryError) Error() string {
	switch {
	case errors.Is(e.Err, ErrGone):
		return fmt.Sprintf("deliver: endpoint gone (%s) after %s", e.Last, attempts(e.Attempts))
	case errors.Is(e.Err, ErrShutdown):
		return fmt.Sprintf("deliver: shut down after %s; the last: %s", attempts(e.Attempts), e.Last)
	}
	return fmt.Sprintf("deliver: not delivered after %s; the last: %s", attempts(e.Attempts), e.Last)
}

// Unwrap returns the class and the last attempt's error.
func (e *DeliveryError) Unwrap() []error {
	if e.Cause != nil {
		return []error{e.Err, e.Cause}
	}
	return []error{e.Err}
}

func requestError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrRequest, fmt.Sprintf(format, args...))
}

func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
}
