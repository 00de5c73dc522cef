package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/hookkit/hookkit/template"
)

func runRender(e *env, args []string) int {
	fs := newFlags(e, "render", `-template FILE [-delims "{{ }}"] [-strict] [-text] [FILE]`)
	file := fs.String("template", "", "the template file (required)")
	delims := fs.String("delims", "", `the placeholder delimiters, left and right separated by a space; "<< >>" when absent`)
	strict := fs.Bool("strict", false, "a path missing from the input is an error instead of null")
	text := fs.Bool("text", false, "the template is plain text, not JSON")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if *file == "" {
		return fail(e, fs, fmt.Errorf("%w: -template is required", errUsage))
	}
	var opts []template.Option
	if *delims != "" {
		left, right, ok := strings.Cut(strings.TrimSpace(*delims), " ")
		if !ok || strings.TrimSpace(right) == "" {
			return fail(e, fs, fmt.Errorf("%w: -delims takes the left and right delimiters separated by a space, such as \"{{ }}\"", errUsage))
		}
		opts = append(opts, template.Delims(left, strings.TrimSpace(right)))
	}
	if *strict {
		opts = append(opts, template.Strict())
	}
	if *text {
		opts = append(opts, template.PlainText())
	}
	src, err := os.ReadFile(*file)
	if err != nil {
		return fail(e, fs, err)
	}
	t, err := template.Parse(string(src), opts...)
	if err != nil {
		return fail(e, fs, fmt.Errorf("%s: %w", *file, err))
	}
	data, err := readBody(e, fs)
	if err != nil {
		return fail(e, fs, err)
	}
	out, err := t.Render(data)
	if err != nil {
		return fail(e, fs, err)
	}
	if _, err := e.stdout.Write(out); err != nil {
		return fail(e, fs, err)
	}
	return 0
}
