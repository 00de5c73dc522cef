package faultserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
)

// Fault answers one request.
type Fault func(w http.ResponseWriter, r *http.Request)

// Request is what the server was sent.
type Request struct {
	Method string
	Header http.Header
	Body   []byte
	At     time.Time
}

// Server answers requests with its script of faults, in order, then with its fallback.
// It is safe for concurrent use.
type Server struct {
	*httptest.Server
	mu       sync.Mutex
	script   []Fault
	fallback Fault
	requests []Request
}

// New starts a server that answers with faults in order, then 200 OK.
func New(faults ...Fault) *Server {
	s := &Server{script: faults, fallback: Status(http.StatusOK)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Always makes f the answer once the script is spent.
func (s *Server) Always(f Fault) *Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fallback = f
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Header: r.Header.Clone(), Body: body, At: time.Now()})
	f := s.fallback
	if len(s.script) > 0 {
		f, s.script = s.script[0], s.script[1:]
	}
	s.mu.Unlock()
	f(w, r)
}

// Requests returns what the server has been sent so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Status answers with code, and headers given as name, value pairs.
func Status(code int, header ...string) Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		_, _ = io.WriteString(w, strconv.Itoa(code)+" "+http.StatusText(code))
	}
}

// RetryAfter answers with code and a Retry-After of seconds.
func RetryAfter(code, seconds int) Fault {
	return Status(code, "Retry-After", strconv.Itoa(seconds))
}

// Hang answers nothing for d, or until the client goes away.
func Hang(d time.Duration) Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
		}
	}
}

// Reset sends the start of a response and then closes the connection.
func Reset() Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")
		_ = buf.Flush()
		_ = conn.Close()
	}
}

// Redirect answers 302 with a Location.
func Redirect(to string) Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, to, http.StatusFound)
	}
}

// Body answers with code and a body of n bytes.
func Body(code, n int) Fault {
	return func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(code)
		chunk := make([]byte, 4096)
		for n > 0 {
			k := min(n, len(chunk))
			if _, err := w.Write(chunk[:k]); err != nil {
				return
			}
			n -= k
		}
	}
}
