package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hookkit/hookkit/verify"
)

func runListen(e *env, args []string) int {
	fs := newFlags(e, "listen", "-addr HOST:PORT -scheme S -secret K [-status CODE]")
	var keys keyFlags
	keys.register(fs)
	addr := fs.String("addr", "", `where to listen, such as "127.0.0.1:8080" (required; port 0 picks one)`)
	status := fs.Int("status", http.StatusOK, "the status to answer verified webhooks with; others get 401")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	s, secret, err := keys.resolve(e)
	if err != nil {
		return fail(e, fs, err)
	}
	switch {
	case *addr == "":
		return fail(e, fs, fmt.Errorf("%w: -addr is required", errUsage))
	case *status < 100 || *status > 999:
		return fail(e, fs, fmt.Errorf("%w: -status %d is not an HTTP status", errUsage, *status))
	}
	v, err := verify.New(s, secret)
	if err != nil {
		return fail(e, fs, fmt.Errorf("%w: %v", errUsage, err))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(e, fs, err)
	}
	l := &listener{out: e.stdout, v: v, status: *status}
	srv := &http.Server{Handler: l, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(e.stdout, "listening on http://%s for %s webhooks; interrupt to stop\n", ln.Addr(), s.Name())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case <-e.ctx.Done():
		_ = srv.Close()
		<-served
		return 0
	case err := <-served:
		return fail(e, fs, err)
	}
}

// listener prints each request it receives with the verifier's verdict.
type listener struct {
	mu     sync.Mutex // one request's block at a time
	out    io.Writer
	v      *verify.Verifier
	status int
}

func (l *listener) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, verify.DefaultMaxBody+1))
	var verdict string
	code := l.status
	switch {
	case err != nil:
		verdict, code = "rejected: reading the body failed", http.StatusBadRequest
	case len(body) > verify.DefaultMaxBody:
		verdict, code = "rejected: "+(&verify.TooLargeError{Limit: verify.DefaultMaxBody}).Error(), http.StatusRequestEntityTooLarge
	default:
		if m, err := l.v.Verify(r.Header, body); err != nil {
			verdict, code = "rejected: "+err.Error(), http.StatusUnauthorized
		} else {
			verdict = "ok"
			if m.ID != "" {
				verdict += ", id " + m.ID
			}
			if !m.Timestamp.IsZero() {
				verdict += fmt.Sprintf(", signed %s ago", time.Since(m.Timestamp).Round(time.Second))
			}
		}
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "--- %s %s from %s at %s\n", r.Method, r.URL.RequestURI(), r.RemoteAddr, time.Now().Format(time.TimeOnly))
	names := make([]string, 0, len(r.Header))
	for name := range r.Header {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, value := range r.Header[name] {
			fmt.Fprintf(&b, "%s: %s\n", name, value)
		}
	}
	b.WriteByte('\n')
	if err := json.Indent(&b, body, "", "  "); err != nil {
		b.Write(body) // not JSON: as it came
	}
	if len(body) > 0 && !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "verdict: %s; answered %d\n", verdict, code)
	l.mu.Lock()
	_, _ = l.out.Write(b.Bytes())
	l.mu.Unlock()

	if reason, rejected := strings.CutPrefix(verdict, "rejected: "); rejected {
		http.Error(w, reason, code)
		return
	}
	w.WriteHeader(code)
}
