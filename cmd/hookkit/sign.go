package main

import (
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/google/uuid"

	"github.com/hookkit/hookkit/sign"
)

func runSign(e *env, args []string) int {
	fs := newFlags(e, "sign", "-scheme S -secret K [-id ID] [-timestamp UNIX] [FILE]")
	var keys keyFlags
	keys.register(fs)
	id := fs.String("id", "", "message ID; a new UUID when absent")
	ts := fs.Int64("timestamp", 0, "Unix seconds to sign at; now when absent")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	s, secret, err := keys.resolve(e)
	if err != nil {
		return fail(e, fs, err)
	}
	body, err := readBody(e, fs)
	if err != nil {
		return fail(e, fs, err)
	}
	m := sign.Message{ID: *id, Timestamp: time.Now(), Body: body}
	if m.ID == "" {
		m.ID = uuid.NewString()
	}
	if *ts != 0 {
		m.Timestamp = time.Unix(*ts, 0)
	}
	h := make(http.Header)
	if err := s.Sign(h, secret, m); err != nil {
		return fail(e, fs, err)
	}
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, v := range h[name] {
			fmt.Fprintf(e.stdout, "%s: %s\n", name, v)
		}
	}
	return 0
}
