package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
)

// errUsage marks an error that is the caller's way of calling, answered with exit status 2.
var errUsage = errors.New("usage")

// newFlags makes a flag set that reports to e.stderr with the command's synopsis.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: hookkit %s %s\n\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; it returns the exit status to leave with, or -1 to go on.
func parse(fs *flag.FlagSet, args []string) int {
	switch err := fs.Parse(args); {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		return 2
	}
	return -1
}

// fail reports err and returns its exit status: 2 for usage, 1 otherwise.
func fail(e *env, fs *flag.FlagSet, err error) int {
	fmt.Fprintf(e.stderr, "hookkit %s: %v\n", fs.Name(), err)
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

// keyFlags are the -scheme and -secret every signing command takes.
type keyFlags struct {
	scheme, secret string
}

func (k *keyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&k.scheme, "scheme", "", "preset name, as 'hookkit schemes' lists them (required)")
	fs.StringVar(&k.secret, "secret", "", "the secret or key; HOOKKIT_SECRET when absent")
}

func (k *keyFlags) resolve(e *env) (sign.Scheme, string, error) {
	if k.scheme == "" {
		return nil, "", fmt.Errorf("%w: -scheme is required", errUsage)
	}
	s, ok := schemes.Lookup(k.scheme)
	if !ok {
		return nil, "", fmt.Errorf("%w: unknown scheme %q; one of: %s", errUsage, k.scheme, strings.Join(schemes.Names(), ", "))
	}
	secret := k.secret
	if secret == "" {
		secret = e.getenv("HOOKKIT_SECRET")
	}
	if secret == "" {
		return nil, "", fmt.Errorf("%w: -secret is required when HOOKKIT_SECRET is not set", errUsage)
	}
	return s, secret, nil
}

// readBody reads the body from the one FILE argument, or standard input.
func readBody(e *env, fs *flag.FlagSet) ([]byte, error) {
	switch fs.NArg() {
	case 0:
		return io.ReadAll(e.stdin)
	case 1:
		if fs.Arg(0) == "-" {
			return io.ReadAll(e.stdin)
		}
		return os.ReadFile(fs.Arg(0))
	}
	return nil, fmt.Errorf("%w: one FILE at most, got %d arguments", errUsage, fs.NArg())
}

// headerFlags collects -H "Name: value" flags; "-H @FILE" reads such lines from a file, or
// from standard input with "@-", as curl does.
type headerFlags struct {
	e *env
	h http.Header
}

func (f *headerFlags) String() string { return "" }

func (f *headerFlags) Set(v string) error {
	if f.h == nil {
		f.h = make(http.Header)
	}
	if name, ok := strings.CutPrefix(v, "@"); ok {
		return f.readFile(name)
	}
	return f.add(v)
}

func (f *headerFlags) add(line string) error {
	name, value, ok := strings.Cut(line, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.ContainsAny(name, " \t") {
		return fmt.Errorf("header %q is not \"Name: value\"", line)
	}
	f.h.Add(name, strings.TrimSpace(value))
	return nil
}

func (f *headerFlags) readFile(name string) error {
	var r io.Reader = f.e.stdin
	if name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return err
		}
		defer file.Close()
		r = file
	}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			if err := f.add(line); err != nil {
				return err
			}
		}
	}
	return sc.Err()
}
