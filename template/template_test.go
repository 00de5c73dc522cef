package template_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookkit/hookkit/template"
)

const event = `{
  "id": "evt_1",
  "big": 12345678901234567890,
  "price": 1.10,
  "tiny": -0.0e-7,
  "ok": true,
  "gone": null,
  "name": "Zoë \"Z\" O'Neil\\",
  "evil": "\"}, \"admin\": true, \"x\": \"",
  "lines": "a\nb\u2028c\u0007",
  "raw2028": "x` + "\u2028" + `y",
  "ctx": {"system.phone": "+15550100", "system": {"phone": "wrong"}},
  "items": [{"sku": "A-1", "qty": 2}, {"sku": "B-2", "qty": 0}],
  "obj": {"1": "key one", "nested": {"k": [1, "two", null]}},
  "escaped\u006bey": "found by its decoded name",
  "dup": 1, "dup": 2
}`

func render(t *testing.T, src string, data string, opts ...template.Option) (string, error) {
	t.Helper()
	tpl, err := template.Parse(src, opts...)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	out, err := tpl.Render([]byte(data))
	if err == nil && !tpl.IsText() && !json.Valid(out) {
		t.Fatalf("Render(%q) = %q: not valid JSON", src, out)
	}
	return string(out), err
}

func TestRender(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
		opts            []template.Option
	}{
		{"string as value", `{"v": <<id>>}`, `{"v": "evt_1"}`, nil},
		{"string in string", `{"v": "id=<<id>>!"}`, `{"v": "id=evt_1!"}`, nil},
		{"whitespace inside delimiters", `{"v": << id >>}`, `{"v": "evt_1"}`, nil},
		{"big number kept", `{"v": <<big>>}`, `{"v": 12345678901234567890}`, nil},
		{"big number in string", `{"v": "<<big>>"}`, `{"v": "12345678901234567890"}`, nil},
		{"trailing zero kept", `[<<price>>, "<<price>>"]`, `[1.10, "1.10"]`, nil},
		{"negative zero exponent kept", `[<<tiny>>]`, `[-0.0e-7]`, nil},
		{"true as value", `[<<ok>>]`, `[true]`, nil},
		{"true in string", `["<<ok>>"]`, `["true"]`, nil},
		{"null as value", `[<<gone>>]`, `[null]`, nil},
		{"null in string", `["<<gone>>"]`, `["null"]`, nil},
		{"missing as value", `[<<nope.nothing>>]`, `[null]`, nil},
		{"missing in string", `["<<nope>>"]`, `["null"]`, nil},
		{"quotes and backslashes escaped once", `{"v": "<<name>>"}`, `{"v": "Zoë \"Z\" O'Neil\\"}`, nil},
		{"injection stays a string", `{"v": "<<evil>>", "admin": false}`, `{"v": "\"}, \"admin\": true, \"x\": \"", "admin": false}`, nil},
		{"injection as value", `{"v": <<evil>>, "admin": false}`, `{"v": "\"}, \"admin\": true, \"x\": \"", "admin": false}`, nil},
		{"newline, U+2028 and control escapes kept", `["<<lines>>"]`, `["a\nb\u2028c\u0007"]`, nil},
		{"raw U+2028 copied", `["<<raw2028>>"]`, "[\"x\u2028y\"]", nil},
		{"array index", `[<<items.1.sku>>, <<items.0.qty>>]`, `["B-2", 2]`, nil},
		{"index past the end is missing", `[<<items.2.sku>>]`, `[null]`, nil},
		{"numeric key on an object", `[<<obj.1>>]`, `["key one"]`, nil},
		{"escaped dot", `[<<ctx.system\.phone>>]`, `["+15550100"]`, nil},
		{"unescaped dot walks", `[<<ctx.system.phone>>]`, `["wrong"]`, nil},
		{"escaped key in data", `[<<escapedkey>>]`, `["found by its decoded name"]`, nil},
		{"repeated key: the last wins", `[<<dup>>]`, `[2]`, nil},
		{"object as value", `{"o": <<obj.nested>>}`, `{"o": {"k": [1, "two", null]}}`, nil},
		{"object in string, compact and escaped", `{"o": "<<obj.nested>>"}`, `{"o": "{\"k\":[1,\"two\",null]}"}`, nil},
		{"array in string", `["<<items.0>>"]`, `["{\"sku\":\"A-1\",\"qty\":2}"]`, nil},
		{"placeholder in key", `{"<<id>>": 1, "n<<items.0.qty>>": 2}`, `{"evt_1": 1, "n2": 2}`, nil},
		{"several in one string", `["<<id>>/<<items.0.sku>>/<<ok>>"]`, `["evt_1/A-1/true"]`, nil},
		{"same path twice", `[<<id>>, "<<id>>"]`, `["evt_1", "evt_1"]`, nil},
		{"literal delimiter", `{"v": "\<<id>> is <<id>>"}`, `{"v": "<<id>> is evt_1"}`, nil},
		{"escaped backslash before placeholder", `{"v": "\\<<id>>"}`, `{"v": "\\evt_1"}`, nil},
		{"whole template is a placeholder", `<<items>>`, `[{"sku": "A-1", "qty": 2}, {"sku": "B-2", "qty": 0}]`, nil},
		{"no placeholders", ` {"a": [1, 2.5e3, "x"]} `, ` {"a": [1, 2.5e3, "x"]} `, nil},
		{"voicesense delimiters", `{"Score": "{{ items.0.qty }}"}`, `{"Score": "2"}`, []template.Option{template.Delims("{{", "}}")}},
		{"plain text", `id=<<id>>&name=<<name>>&ok=<<ok>>&o=<<obj.nested>>&n=<<gone>>&m=<<nope>>`,
			`id=evt_1&name=Zoë "Z" O'Neil\&ok=true&o={"k":[1,"two",null]}&n=null&m=null`, []template.Option{template.PlainText()}},
		{"plain text unescapes", `<x><<lines>></x>`, "<x>a\nb\u2028c\u0007</x>", []template.Option{template.PlainText()}},
		{"plain text literal delimiter", `a\<<b <<id>>`, `a<<b evt_1`, []template.Option{template.PlainText()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := render(t, tc.src, event, tc.opts...)
			if err != nil || got != tc.want {
				t.Errorf("got %s, %v\nwant %s", got, err, tc.want)
			}
		})
	}
}

// The vendor's own example: a Voicesense template rendered against its message.
func TestVoicesense(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "testdata", "vendors")
	src, err := os.ReadFile(filepath.Join(dir, "voicesense-template.json"))
	if err != nil {
		t.Skipf("shared test data not present: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "voicesense-message.json"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(dir, "voicesense-rendered.json"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := render(t, string(src), string(data), template.Delims("{{", "}}"))
	if err != nil || got != string(want) {
		t.Errorf("got %s, %v\nwant %s", got, err, want)
	}
}

func TestSurrogates(t *testing.T) {
	data := `{"pair": "\ud83d\ude00", "lone": "a\ud800b"}`
	got, err := render(t, `<<pair>> <<lone>>`, data, template.PlainText())
	if err != nil || got != "😀 a\ufffdb" {
		t.Errorf("plain text: %q %v", got, err)
	}
	got, err = render(t, `["<<pair>>", "<<lone>>"]`, data)
	if err != nil || got != `["\ud83d\ude00", "a\ud800b"]` {
		t.Errorf("json: %q %v", got, err)
	}
}

func TestStrict(t *testing.T) {
	tpl, err := template.Parse(`{"a": <<id>>, "b": "<<gone>>", "c": <<nope.x>>}`, template.Strict())
	if err != nil {
		t.Fatal(err)
	}
	out, err := tpl.Render([]byte(event))
	var pe *template.PathError
	if !errors.Is(err, template.ErrMissing) || !errors.As(err, &pe) || pe.Path != "nope.x" || out != nil {
		t.Fatalf("got %q, %v", out, err)
	}
	if !strings.Contains(err.Error(), `"nope.x"`) {
		t.Errorf("error does not name the path: %v", err)
	}
	// JSON null is present, not missing.
	tpl, _ = template.Parse(`[<<gone>>]`, template.Strict())
	if out, err := tpl.Render([]byte(event)); err != nil || string(out) != "[null]" {
		t.Errorf("null under Strict: %q %v", out, err)
	}
}

func TestNotScalarInKey(t *testing.T) {
	tpl, _ := template.Parse(`{"<<obj>>": 1}`)
	out, err := tpl.Render([]byte(event))
	if !errors.Is(err, template.ErrNotScalar) || out != nil {
		t.Errorf("got %q, %v", out, err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src         string
		opts              []template.Option
		offset, line, col int
		msg               string
	}{
		{"inside a number", `{"a": 1<<x>>}`, nil, 7, 1, 8, "inside a number or literal"},
		{"inside a literal", `[true<<x>>]`, nil, 5, 1, 6, "inside a number or literal"},
		{"bare key", `{<<k>>: 1}`, nil, 1, 1, 2, "bare key"},
		{"two values in a row", `[<<a>> <<b>>]`, nil, 7, 1, 8, "expected ',' or ']' after an array element, found a placeholder"},
		{"value after value in object", "{\n  \"a\": <<a>>\n  \"b\": 1}", nil, 17, 3, 3, "expected ',' or '}'"},
		{"unclosed placeholder", `{"a": <<x}`, nil, 6, 1, 7, `not closed with ">>"`},
		{"nested placeholder", `["<<a <<b>>"]`, nil, 2, 1, 3, "before the next"},
		{"empty placeholder", `[<< >>]`, nil, 1, 1, 2, "empty path"},
		{"empty key in path", `[<<a..b>>]`, nil, 1, 1, 2, "empty key"},
		{"bad path escape", `[<<a\b>>]`, nil, 1, 1, 2, "backslash in a path"},
		{"not JSON", `{"a": }`, nil, 6, 1, 7, "expected a value"},
		{"trailing comma", `[1,]`, nil, 3, 1, 4, "expected a value"},
		{"text after value", `{} x`, nil, 3, 1, 4, "expected the end"},
		{"unclosed string", `{"a": "b}`, nil, 6, 1, 7, "not closed"},
		{"bad escape", `["\x"]`, nil, 2, 1, 3, "invalid escape"},
		{"control character", "[\"a\tb\"]", nil, 3, 1, 4, "control character"},
		{"literal delimiter outside a string", `[\<<a>>]`, nil, 1, 1, 2, "only inside a string"},
		{"column counts characters", `{"é": 1<<x>>}`, nil, 8, 1, 8, "inside a number"},
		{"empty template", ``, nil, 0, 1, 1, "expected a value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := template.Parse(tc.src, tc.opts...)
			var pe *template.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			if pe.Offset != tc.offset || pe.Line != tc.line || pe.Column != tc.col || !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("got offset %d line %d column %d %q\nwant offset %d line %d column %d containing %q",
					pe.Offset, pe.Line, pe.Column, pe.Msg, tc.offset, tc.line, tc.col, tc.msg)
			}
		})
	}
}

func TestBadOptions(t *testing.T) {
	for _, opts := range [][]template.Option{
		{template.Delims("", ">>")}, {template.Delims("< <", ">>")}, {template.Delims(`\{`, "}")},
		{template.Delims("u{", "}")}, {template.MaxInput(0)}, {template.MaxDepth(-1)},
	} {
		if _, err := template.Parse(`[]`, opts...); !errors.Is(err, template.ErrOption) {
			t.Errorf("got %v, want ErrOption", err)
		}
	}
}

func TestInvalidInput(t *testing.T) {
	tpl, _ := template.Parse(`{"v": <<a>>}`, template.MaxInput(64), template.MaxDepth(3))
	for _, tc := range []struct {
		name, data string
		want       error
	}{
		{"empty", ``, template.ErrInvalidInput},
		{"truncated", `{"a": [1, 2`, template.ErrInvalidInput},
		{"trailing garbage", `{"a": 1} x`, template.ErrInvalidInput},
		{"single quotes", `{'a': 1}`, template.ErrInvalidInput},
		{"leading zero", `{"a": 01}`, template.ErrInvalidInput},
		{"NaN", `{"a": NaN}`, template.ErrInvalidInput},
		{"invalid UTF-8", "{\"a\": \"\xff\"}", template.ErrInvalidInput},
		{"raw control character", "{\"a\": \"\x01\"}", template.ErrInvalidInput},
		{"byte order mark", "\ufeff{}", template.ErrInvalidInput},
		{"too deep", `{"a": [[[1]]]}`, template.ErrInputTooDeep},
		{"too large", `{"a": "` + strings.Repeat("x", 64) + `"}`, template.ErrInputTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := tpl.Render([]byte(tc.data))
			var ie *template.InputError
			if !errors.Is(err, tc.want) || !errors.As(err, &ie) || out != nil {
				t.Errorf("got %q, %v; want %v", out, err, tc.want)
			}
		})
	}
}
