package verify_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
	"github.com/hookkit/hookkit/verify"
)

// echo answers with the body it was handed and the verified message's ID.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	m, ok := verify.MessageFrom(r.Context())
	body, _ := io.ReadAll(r.Body)
	if !ok || !bytes.Equal(m.Body, body) {
		http.Error(w, "no message in context", http.StatusInternalServerError)
		return
	}
	w.Header().Set("X-Seen-Id", m.ID)
	_, _ = w.Write(body)
})

func TestMiddleware(t *testing.T) {
	v, err := verify.New(schemes.Voisnap, secret, verify.WithMaxBody(64))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(v.Middleware(echo))
	defer srv.Close()

	post := func(h http.Header, body io.Reader, size int64) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL, body)
		req.ContentLength = size
		for k, vs := range h {
			req.Header[k] = vs
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	now := sign.Message{ID: "evt_9", Timestamp: time.Now(), Body: payload}

	t.Run("genuine", func(t *testing.T) {
		resp, body := post(signed(t, schemes.Voisnap, secret, now), bytes.NewReader(payload), int64(len(payload)))
		if resp.StatusCode != http.StatusOK || body != string(payload) || resp.Header.Get("X-Seen-Id") != "evt_9" {
			t.Errorf("%d %q %q", resp.StatusCode, body, resp.Header.Get("X-Seen-Id"))
		}
	})
	t.Run("tampered", func(t *testing.T) {
		resp, body := post(signed(t, schemes.Voisnap, secret, now), strings.NewReader(`{"type":"x"}`), -1)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "no signature matches") {
			t.Errorf("%d %q", resp.StatusCode, body)
		}
	})
	t.Run("unsigned", func(t *testing.T) {
		resp, body := post(http.Header{}, bytes.NewReader(payload), int64(len(payload)))
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "X-Webhook-Signature") {
			t.Errorf("%d %q", resp.StatusCode, body)
		}
	})
	t.Run("stale", func(t *testing.T) {
		old := now
		old.Timestamp = time.Now().Add(-time.Hour)
		resp, body := post(signed(t, schemes.Voisnap, secret, old), bytes.NewReader(payload), int64(len(payload)))
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "old, tolerance 300s") {
			t.Errorf("%d %q", resp.StatusCode, body)
		}
	})
	big := bytes.Repeat([]byte("a"), 65)
	t.Run("oversized with length", func(t *testing.T) {
		resp, body := post(signed(t, schemes.Voisnap, secret, sign.Message{Timestamp: time.Now(), Body: big}), bytes.NewReader(big), 65)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "larger than 64 bytes") {
			t.Errorf("%d %q", resp.StatusCode, body)
		}
	})
	t.Run("oversized chunked", func(t *testing.T) {
		resp, _ := post(signed(t, schemes.Voisnap, secret, sign.Message{Timestamp: time.Now(), Body: big}), io.MultiReader(bytes.NewReader(big)), -1)
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%d", resp.StatusCode)
		}
	})
	t.Run("exactly the limit", func(t *testing.T) {
		exact := big[:64]
		resp, body := post(signed(t, schemes.Voisnap, secret, sign.Message{Timestamp: time.Now(), Body: exact}), bytes.NewReader(exact), -1)
		if resp.StatusCode != http.StatusOK || body != string(exact) {
			t.Errorf("%d %q", resp.StatusCode, body)
		}
	})
}

type failingGuard struct{}

func (failingGuard) Remember(string, time.Time, time.Time) (bool, error) {
	return false, errors.New("store unreachable")
}

func TestMiddlewareGuardDown(t *testing.T) {
	v, _ := verify.New(schemes.Voisnap, secret, verify.WithReplayGuard(failingGuard{}))
	rec := httptest.NewRecorder()
	m := sign.Message{Timestamp: time.Now(), Body: payload}
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(payload))
	req.Header = signed(t, schemes.Voisnap, secret, m)
	v.Middleware(echo).ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", rec.Code)
	}
}

func TestMiddlewareReplay(t *testing.T) {
	v, _ := verify.New(schemes.Voisnap, secret, verify.WithReplayGuard(verify.NewMemoryGuard(0)))
	h := signed(t, schemes.Voisnap, secret, sign.Message{Timestamp: time.Now(), Body: payload})
	codes := []int{}
	for range 2 {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(payload))
		req.Header = h.Clone()
		v.Middleware(echo).ServeHTTP(rec, req)
		codes = append(codes, rec.Code)
	}
	if codes[0] != http.StatusOK || codes[1] != http.StatusUnauthorized {
		t.Errorf("codes %v, want [200 401]", codes)
	}
}

func TestMessageFromEmpty(t *testing.T) {
	if _, ok := verify.MessageFrom(httptest.NewRequest("GET", "/", nil).Context()); ok {
		t.Error("a context without a message reported one")
	}
}
