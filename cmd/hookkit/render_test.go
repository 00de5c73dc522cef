package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRender(t *testing.T) {
	tpl := writeFile(t, "t.json", `{"AudioReferenceId": "{{ReferenceId}}", "Score": "{{ScoreRight.Scores.Engaged}}", "Error": "{{ErrorMessage}}"}`)
	msg := `{"ReferenceId": "8c31", "ScoreRight": {"Scores": {"Engaged": 2}}, "ErrorMessage": null}`
	want := `{"AudioReferenceId": "8c31", "Score": "2", "Error": "null"}`

	if code, out, errOut := hookkit(t, msg, nil, "render", "-template", tpl, "-delims", "{{ }}"); code != 0 || out != want {
		t.Errorf("stdin: exit %d %q %q", code, out, errOut)
	}
	input := writeFile(t, "msg.json", msg)
	if code, out, errOut := hookkit(t, "", nil, "render", "-template", tpl, "-delims", "{{ }}", input); code != 0 || out != want {
		t.Errorf("file: exit %d %q %q", code, out, errOut)
	}
	code, out, errOut := hookkit(t, `{}`, nil, "render", "-template", tpl, "-delims", "{{ }}", "-strict")
	if code != 1 || out != "" || !strings.Contains(errOut, `path "ReferenceId" is not in the input`) {
		t.Errorf("strict: exit %d %q %q", code, out, errOut)
	}
	code, out, errOut = hookkit(t, `{"ReferenceId": `, nil, "render", "-template", tpl, "-delims", "{{ }}")
	if code != 1 || out != "" || !strings.Contains(errOut, "input at byte") {
		t.Errorf("invalid input: exit %d %q %q", code, out, errOut)
	}
	text := writeFile(t, "form.txt", "ref=<<ReferenceId>>&score=<<ScoreRight.Scores.Engaged>>")
	if code, out, errOut := hookkit(t, msg, nil, "render", "-template", text, "-text"); code != 0 || out != "ref=8c31&score=2" {
		t.Errorf("text: exit %d %q %q", code, out, errOut)
	}
}

func TestRenderErrors(t *testing.T) {
	bad := writeFile(t, "bad.json", "{\n  \"a\": 1<<x>>\n}")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no template", []string{"render"}, 2, "-template is required"},
		{"bad delims", []string{"render", "-template", bad, "-delims", "{{"}, 2, "-delims takes"},
		{"bad template", []string{"render", "-template", bad}, 1, "bad.json: template: line 2, column 9"},
		{"missing template", []string{"render", "-template", "/nonexistent.json"}, 1, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := hookkit(t, `{}`, nil, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, want %d; stderr %q, want %q", code, tc.code, errOut, tc.want)
			}
		})
	}
}
