package template_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookkit/hookkit/template"
)

// The public JSON parsing test suite, when ../shared is present: every document a parser must
// accept passes through a placeholder unchanged, and every document it must reject is refused
// with the typed error.
func TestJSONTestSuite(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "testdata", "JSONTestSuite", "test_parsing")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Skip("JSONTestSuite not present in ../shared/testdata")
	}
	through, err := template.Parse(`{"v": <<doc>>}`)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := template.Parse(`[<<0>>]`)
	if err != nil {
		t.Fatal(err)
	}
	var accepted, refused int
	for _, file := range files {
		name := filepath.Base(file)
		doc, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasPrefix(name, "y_"):
			wrapped := append(append([]byte(`{"doc": `), doc...), '}')
			out, err := through.Render(wrapped)
			if err != nil {
				t.Errorf("%s: refused: %v", name, err)
				continue
			}
			var want, got bytes.Buffer
			if err := json.Compact(&want, append(append([]byte(`{"v":`), doc...), '}')); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if err := json.Compact(&got, out); err != nil || got.String() != want.String() {
				t.Errorf("%s: got %s, want %s (%v)", name, got.Bytes(), want.Bytes(), err)
			}
			accepted++
		case strings.HasPrefix(name, "n_"):
			out, err := direct.Render(doc)
			var ie *template.InputError
			if !errors.As(err, &ie) || out != nil {
				t.Errorf("%s: accepted %q, %v", name, out, err)
			}
			refused++
		}
	}
	t.Logf("%d documents accepted through a placeholder, %d refused", accepted, refused)
}
