package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hookkit runs the command in process with the given standard input and environment.
func hookkit(t *testing.T, stdin string, environ map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{ctx: context.Background(), stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: func(k string) string { return environ[k] }}
	code = run(e, args)
	return code, out.String(), errOut.String()
}

// The Standard Webhooks specification's published vector.
const (
	swSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	swBody   = `{"test": 2432232314}`
)

func TestSchemes(t *testing.T) {
	code, out, _ := hookkit(t, "", nil, "schemes")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 12 {
		t.Fatalf("exit %d, %d lines:\n%s", code, len(lines), out)
	}
	if f := strings.Fields(lines[8]); len(f) != 3 || f[0] != "standard-webhooks" || f[1] != "webhook-signature" || f[2] != "{id}.{ts}.{body}" {
		t.Errorf("standard-webhooks line: %q", lines[8])
	}
}

func TestSignKnownAnswer(t *testing.T) {
	code, out, errOut := hookkit(t, swBody, nil, "sign", "-scheme", "standard-webhooks", "-secret", swSecret,
		"-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "-timestamp", "1614265330")
	want := "Webhook-Id: msg_p5jXN8AQM9LWM0D4loKWxJek\n" +
		"Webhook-Signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\n" +
		"Webhook-Timestamp: 1614265330\n"
	if code != 0 || out != want {
		t.Errorf("exit %d %s\ngot:\n%s\nwant:\n%s", code, errOut, out, want)
	}
}

func TestSignThenVerify(t *testing.T) {
	dir := t.TempDir()
	bodyFile := filepath.Join(dir, "body.json")
	if err := os.WriteFile(bodyFile, []byte(`{"hello":"world"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	secretEnv := map[string]string{"HOOKKIT_SECRET": "cli-secret"}
	for _, scheme := range []string{"voisnap", "stripe", "slack", "github", "StandardWebhooks"} {
		t.Run(scheme, func(t *testing.T) {
			secret := "cli-secret"
			if scheme == "StandardWebhooks" {
				secret = swSecret
			}
			code, headers, errOut := hookkit(t, "", nil, "sign", "-scheme", scheme, "-secret", secret, bodyFile)
			if code != 0 {
				t.Fatalf("sign: exit %d: %s", code, errOut)
			}
			// Headers on standard input, body from the file.
			code, out, errOut := hookkit(t, headers, nil, "verify", "-scheme", scheme, "-secret", secret, "-H", "@-", bodyFile)
			if code != 0 || out != "ok\n" {
				t.Fatalf("verify: exit %d %q %q", code, out, errOut)
			}
			// Headers as flags, body on standard input, secret from the environment.
			args := []string{"verify", "-scheme", scheme}
			for _, line := range strings.Split(strings.TrimSpace(headers), "\n") {
				args = append(args, "-H", line)
			}
			env := secretEnv
			if scheme == "StandardWebhooks" {
				env = map[string]string{"HOOKKIT_SECRET": swSecret}
			}
			if code, out, errOut := hookkit(t, `{"hello":"world"}`, env, args...); code != 0 || out != "ok\n" {
				t.Fatalf("verify from flags: exit %d %q %q", code, out, errOut)
			}
			code, out, errOut = hookkit(t, `{"hello":"w0rld"}`, env, args...)
			if code != 1 || out != "" || !strings.Contains(errOut, "no signature matches the body") {
				t.Errorf("tampered: exit %d %q %q", code, out, errOut)
			}
		})
	}
}

func TestVerifyClock(t *testing.T) {
	args := []string{"verify", "-scheme", "standard-webhooks", "-secret", swSecret,
		"-H", "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek", "-H", "webhook-timestamp: 1614265330",
		"-H", "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}
	if code, out, errOut := hookkit(t, swBody, nil, append(args, "-now", "1614265340")...); code != 0 || out != "ok\n" {
		t.Errorf("in time: exit %d %q %q", code, out, errOut)
	}
	code, _, errOut := hookkit(t, swBody, nil, append(args, "-now", "1614265942")...)
	if code != 1 || strings.TrimSpace(errOut) != "verify: timestamp 612s old, tolerance 300s" {
		t.Errorf("stale: exit %d %q", code, errOut)
	}
	if code, _, errOut := hookkit(t, swBody, nil, append(args, "-now", "1614265942", "-tolerance", "15m")...); code != 0 {
		t.Errorf("wider tolerance: exit %d %q", code, errOut)
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		code int
		want string
	}{
		{"no command", nil, nil, 2, "usage: hookkit <command>"},
		{"help", []string{"-h"}, nil, 0, "usage: hookkit <command>"},
		{"unknown command", []string{"frobnicate"}, nil, 2, `unknown command "frobnicate"`},
		{"sign help", []string{"sign", "-h"}, nil, 0, "usage: hookkit sign -scheme S"},
		{"verify help", []string{"verify", "-h"}, nil, 0, "-tolerance"},
		{"no scheme", []string{"sign", "-secret", "k"}, nil, 2, "-scheme is required"},
		{"unknown scheme", []string{"sign", "-scheme", "gitlab", "-secret", "k"}, nil, 2, `unknown scheme "gitlab"`},
		{"no secret", []string{"sign", "-scheme", "github"}, nil, 2, "HOOKKIT_SECRET"},
		{"bad flag", []string{"sign", "-nope"}, nil, 2, "flag provided but not defined"},
		{"two files", []string{"sign", "-scheme", "github", "-secret", "k", "a", "b"}, nil, 2, "one FILE at most"},
		{"bad header", []string{"verify", "-scheme", "github", "-secret", "k", "-H", "no colon"}, nil, 2, "not \"Name: value\""},
		{"no headers", []string{"verify", "-scheme", "github", "-secret", "k"}, nil, 2, "no -H headers"},
		{"undecodable secret", []string{"verify", "-scheme", "standard-webhooks", "-secret", "whsec_***", "-H", "a: b"}, nil, 2, "not base64"},
		{"missing file", []string{"sign", "-scheme", "github", "-secret", "k", "/nonexistent/body"}, nil, 1, "no such file"},
		{"schemes with arguments", []string{"schemes", "extra"}, nil, 2, "no arguments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := hookkit(t, "", tc.env, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant it to contain %q", code, tc.code, errOut, tc.want)
			}
		})
	}
}

// The secret never reaches the output of a failing command.
func TestNoSecretInErrors(t *testing.T) {
	secret := "whsec_c2VjcmV0LWRvLW5vdC1wcmludA=="
	code, out, errOut := hookkit(t, "body", nil, "verify", "-scheme", "standard-webhooks", "-secret", secret,
		"-H", "webhook-id: a", "-H", "webhook-timestamp: 1", "-H", "webhook-signature: v1,AAAA")
	if code != 1 || strings.Contains(out+errOut, "c2VjcmV0LWRvLW5vdC1wcmludA") {
		t.Errorf("exit %d, output %q %q", code, out, errOut)
	}
}
