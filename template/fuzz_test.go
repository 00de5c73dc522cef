package template_test

import (
	"encoding/json"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/hookkit/hookkit/template"
)

var fuzzTemplates = []string{
	`{"v": <<id>>, "s": "<<name>>", "<<ok>>": "<<obj.nested>>", "a": [<<items.1.sku>>, "<<evil>>"]}`,
	`<<items>>`,
	`["\<<x>> <<lines>>", <<big>>, "<<price>><<gone>>"]`,
	`{"k": "<<0>>", "d": <<a\.b.0>>}`,
}

// Any template Parse accepts renders valid JSON from any data Render accepts.
func FuzzParse(f *testing.F) {
	for _, src := range fuzzTemplates {
		f.Add(src, event)
	}
	for _, src := range []string{`{"a": 1<<x>>}`, `{<<k>>: 1}`, `[<<a>> <<b>>]`, `["<<a <<b>>"]`, `[<<a..b>>]`, `[\<<a>>]`} {
		f.Add(src, `{"a": 1}`)
	}
	f.Fuzz(func(t *testing.T, src, data string) {
		tpl, err := template.Parse(src)
		if err != nil {
			var pe *template.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse error is not a *ParseError: %v", err)
			}
			return
		}
		out, err := tpl.Render([]byte(data))
		if err == nil && !json.Valid(out) {
			t.Fatalf("template %q on %q rendered invalid JSON %q", src, data, out)
		}
	})
}

// Render accepts exactly the valid JSON, and what it renders from it is valid JSON.
func FuzzRender(f *testing.F) {
	for _, data := range []string{event, `{}`, `[]`, `"x"`, `{"a":[1,{"b":null}]}`, `{"a": 1} x`, `{'a': 1}`, "\xff", `{"a":"\ud800"}`, `[[[[[]]]]]`} {
		f.Add(data)
	}
	tpls := make([]*template.Template, len(fuzzTemplates))
	for i, src := range fuzzTemplates {
		tpls[i] = mustParse(f, src)
	}
	f.Fuzz(func(t *testing.T, data string) {
		for _, tpl := range tpls {
			out, err := tpl.Render([]byte(data))
			valid := json.Valid([]byte(data)) && utf8.ValidString(data)
			switch {
			case err == nil && !valid:
				t.Fatalf("accepted invalid JSON %q", data)
			case err == nil && !json.Valid(out):
				t.Fatalf("rendered invalid JSON %q from %q", out, data)
			case err != nil && valid && !errors.Is(err, template.ErrInputTooDeep) && !errors.Is(err, template.ErrNotScalar):
				t.Fatalf("refused valid JSON %q: %v", data, err)
			case err != nil && out != nil:
				t.Fatalf("partial output %q with %v", out, err)
			}
		}
	})
}

func mustParse(tb testing.TB, src string, opts ...template.Option) *template.Template {
	tb.Helper()
	tpl, err := template.Parse(src, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return tpl
}
