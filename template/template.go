package template

import (
	"errors"
	"fmt"
)

// Template is a parsed body template. It is immutable: Render is safe for concurrent use.
// The zero value is not usable; make one with Parse.
type Template struct {
	parts    []part
	holes    []hole
	root     *node
	litLen   int
	strict   bool
	text     bool
	maxInput int
	maxDepth int
}

// ErrOption is an option Parse cannot work with, such as an empty delimiter.
var ErrOption = errors.New("template: bad option")

// Parse parses a template. Unless PlainText is given, src must be JSON with placeholders
// where a value goes, inside string literals, or inside object keys; Parse proves that every
// render of valid data is valid JSON. A template that is not is a *ParseError that says where
// and what was expected.
//
// A placeholder holds a path: keys separated by dots, "\." for a dot inside a key. A numeric
// key indexes an array, and is an ordinary key where the value is an object. To write the
// left delimiter as text, put a backslash before it: `\<<` is a literal "<<".
func Parse(src string, opts ...Option) (*Template, error) {
	c := config{left: "<<", right: ">>", maxInput: DefaultMaxInput, maxDepth: DefaultMaxDepth}
	for _, opt := range opts {
		opt(&c)
	}
	if msg := c.check(); msg != "" {
		return nil, fmt.Errorf("%w: %s", ErrOption, msg)
	}
	p := &parser{src: src, left: c.left, right: c.right}
	var err error
	if c.text {
		err = p.text()
	} else {
		err = p.document()
	}
	if err != nil {
		return nil, err
	}
	t := &Template{parts: p.parts, holes: p.holes, root: new(node), strict: c.strict, text: c.text,
		maxInput: c.maxInput, maxDepth: c.maxDepth}
	for i, h := range t.holes {
		t.root.add(h.segs, i)
	}
	for _, pt := range t.parts {
		t.litLen += len(pt.lit)
	}
	return t, nil
}

// Render fills the template from data, which must be one JSON value. Invalid, oversized or
// too deeply nested data is an *InputError, and a missing path under Strict or an object
// inside a key a *PathError; on any error Render returns no output at all.
//
// Values are copied from data byte for byte: numbers keep their exact text. Where a value
// goes it is inserted as JSON; inside a string it becomes string content, escaped exactly
// once (JSON null as "null", objects and arrays as their compact JSON text). A missing path
// renders as null.
func (t *Template) Render(data []byte) ([]byte, error) {
	if len(data) > t.maxInput {
		return nil, &InputError{Offset: t.maxInput, Msg: fmt.Sprintf("longer than %d bytes", t.maxInput), Err: ErrInputTooLarge}
	}
	s := scanner{data: data, maxDepth: t.maxDepth}
	if len(t.holes) > 0 {
		s.spans = make([]span, len(t.holes))
	}
	if err := s.document(t.root); err != nil {
		return nil, err
	}
	size := t.litLen
	for i, sp := range s.spans {
		if sp.kind == kMissing {
			if t.strict {
				return nil, &PathError{Path: t.holes[i].path, Err: ErrMissing}
			}
			size += len("null")
			continue
		}
		if t.holes[i].where == inKey && (sp.kind == kObject || sp.kind == kArray) {
			return nil, &PathError{Path: t.holes[i].path, Err: ErrNotScalar}
		}
		size += sp.end - sp.start
	}
	out := make([]byte, 0, size+size/16)
	for _, pt := range t.parts {
		if pt.hole < 0 {
			out = append(out, pt.lit...)
			continue
		}
		sp := s.spans[pt.hole]
		if sp.kind == kMissing {
			out = append(out, "null"...)
			continue
		}
		raw := data[sp.start:sp.end]
		switch w := t.holes[pt.hole].where; {
		case w == inValue:
			out = append(out, raw...)
		case sp.kind == kString && w == inText:
			out = unescape(out, raw[1:len(raw)-1])
		case sp.kind == kString:
			out = append(out, raw[1:len(raw)-1]...) // already escaped for a string
		case (sp.kind == kObject || sp.kind == kArray) && w == inText:
			out = appendCompact(out, raw, false)
		case sp.kind == kObject || sp.kind == kArray:
			out = appendCompact(out, raw, true)
		default:
			out = append(out, raw...) // a number, true, false or null: the same text either way
		}
	}
	return out, nil
}

// IsText reports whether the template was parsed with PlainText.
func (t *Template) IsText() bool { return t.text }
