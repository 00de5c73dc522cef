package main

import (
	"fmt"
	"time"

	"github.com/hookkit/hookkit/verify"
)

func runVerify(e *env, args []string) int {
	fs := newFlags(e, "verify", `-scheme S -secret K -H "Name: value" ... [-tolerance 5m] [-now UNIX] [FILE]`)
	var keys keyFlags
	keys.register(fs)
	headers := &headerFlags{e: e}
	fs.Var(headers, "H", `a request header, "Name: value"; repeat it, or "@FILE" ("@-": standard input) for one per line`)
	tolerance := fs.Duration("tolerance", verify.DefaultTolerance, "how far the signed timestamp may lie from now")
	now := fs.Int64("now", 0, "Unix seconds to verify at; the clock when absent")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	s, secret, err := keys.resolve(e)
	if err != nil {
		return fail(e, fs, err)
	}
	if headers.h == nil {
		return fail(e, fs, fmt.Errorf("%w: no -H headers given", errUsage))
	}
	v, err := verify.New(s, secret, verify.WithTolerance(*tolerance))
	if err != nil {
		return fail(e, fs, fmt.Errorf("%w: %v", errUsage, err))
	}
	body, err := readBody(e, fs)
	if err != nil {
		return fail(e, fs, err)
	}
	at := time.Now()
	if *now != 0 {
		at = time.Unix(*now, 0)
	}
	if _, err := v.VerifyAt(headers.h, body, at); err != nil {
		fmt.Fprintln(e.stderr, err)
		return 1
	}
	fmt.Fprintln(e.stdout, "ok")
	return 0
}
