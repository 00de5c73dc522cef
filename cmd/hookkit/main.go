package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
)

// env is what a command may touch, so that tests can run one in process.
type env struct {
	ctx            context.Context // cancelled on interrupt
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command struct {
	summary string
	run     func(e *env, args []string) int
}

var commands = map[string]command{
	"schemes": {"list the presets: name, signature header, signed bytes", runSchemes},
	"sign":    {"print the signature headers for a body", runSign},
	"verify":  {"check a body against its headers", runVerify},
	"render":  {"fill a body template from JSON", runRender},
	"send":    {"sign and send a webhook, with retries", runSend},
	"listen":  {"receive webhooks locally, printing each with its verdict", runListen},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(&env{ctx: ctx, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "hookkit: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return 2
	}
	return cmd.run(e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: hookkit <command> [flags]")
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'hookkit <command> -h' for its flags. -secret may be left out when HOOKKIT_SECRET is set.")
}
