package deliver

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"0":                             0,
		"120":                           2 * time.Minute,
		" 5 ":                           5 * time.Second,
		"Mon, 23 Nov 2026 12:01:00 GMT": time.Minute,
		"Mon, 23 Nov 2026 11:00:00 GMT": 0, // in the past: at once
	} {
		got, ok := Attempt{header: http.Header{"Retry-After": {v}}}.retryAfter(now)
		if !ok || got != want {
			t.Errorf("%q: %v %v, want %v", v, got, ok, want)
		}
	}
	for _, v := range []string{"", "-1", "soon", "1.5", "99999999999999999999"} {
		if got, ok := (Attempt{header: http.Header{"Retry-After": {v}}}).retryAfter(now); ok {
			t.Errorf("%q: accepted as %v", v, got)
		}
	}
}

// Any Retry-After is a delay that is not negative, or none.
func FuzzRetryAfter(f *testing.F) {
	for _, v := range []string{"0", "120", "Mon, 23 Nov 2026 12:01:00 GMT", "-1", "1e9", "9223372036854775807"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got, ok := Attempt{header: http.Header{"Retry-After": {v}}}.retryAfter(time.Unix(1700000000, 0))
		if ok && got < 0 {
			t.Fatalf("%q: negative delay %v", v, got)
		}
	})
}
