package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v4"

	"github.com/hookkit/hookkit/deliver"
)

func runSend(e *env, args []string) int {
	fs := newFlags(e, "send", `-scheme S -secret K -url URL [-X PUT] [-H "Name: value"] ... [-retries N] [-timeout D] [FILE]`)
	var keys keyFlags
	keys.register(fs)
	target := fs.String("url", "", "where to send the webhook (required); loopback and private addresses are allowed")
	method := fs.String("X", "POST", "the method: POST or PUT")
	headers := &headerFlags{e: e}
	fs.Var(headers, "H", `a custom header, "Name: value"; repeat it, or "@FILE" for one per line`)
	retries := fs.Int("retries", 3, "how many times to retry after the first attempt")
	delay := fs.Duration("delay", time.Second, "the wait before the first retry; each later wait doubles, up to a minute")
	timeout := fs.Duration("timeout", deliver.DefaultTimeout, "how long one attempt may take")
	id := fs.String("id", "", "message ID; a new UUID when absent")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	s, secret, err := keys.resolve(e)
	if err != nil {
		return fail(e, fs, err)
	}
	switch {
	case *target == "":
		return fail(e, fs, fmt.Errorf("%w: -url is required", errUsage))
	case *retries < 0 || *delay < 0 || *timeout <= 0:
		return fail(e, fs, fmt.Errorf("%w: -retries and -delay must not be negative, -timeout must be positive", errUsage))
	}
	body, err := readBody(e, fs)
	if err != nil {
		return fail(e, fs, err)
	}
	delays := make([]time.Duration, *retries)
	for i := range delays {
		delays[i] = min(*delay<<i, time.Minute)
	}
	sender, err := deliver.NewSender(s, secret,
		deliver.AllowPrivateNetworks(), // the user typed the URL: it is theirs to reach
		deliver.WithTimeout(*timeout),
		deliver.WithBackOff(func() backoff.BackOff { return deliver.Fixed(delays...) }),
		deliver.OnAttempt(func(_ deliver.Webhook, a deliver.Attempt) {
			line := fmt.Sprintf("attempt %d: %s in %s", a.Number, a.Outcome(), a.Duration.Round(time.Millisecond))
			switch a.Verdict {
			case deliver.Retry:
				line += fmt.Sprintf("; retrying in %s", a.Delay)
			default:
				line += "; " + a.Verdict.String()
			}
			fmt.Fprintln(e.stdout, line)
		}))
	if err != nil {
		return fail(e, fs, fmt.Errorf("%w: %v", errUsage, err))
	}
	res, err := sender.Send(e.ctx, deliver.Webhook{URL: *target, Method: strings.ToUpper(*method), ID: *id, Header: headers.h, Body: body})
	if errors.Is(err, deliver.ErrRequest) {
		return fail(e, fs, fmt.Errorf("%w: %v", errUsage, err))
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "hookkit send: %v\n", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "delivered %s\n", res.ID)
	return 0
}
