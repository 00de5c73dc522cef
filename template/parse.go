package template

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// where a placeholder stands, which decides how its value is written.
type where uint8

const (
	inValue  where = iota // where a JSON value goes: the value's JSON text
	inString              // inside a string literal: the value as string content
	inKey                 // inside an object key: as inString, scalars only
	inText                // plain text: the value as text
)

// hole is one placeholder.
type hole struct {
	path  string   // as written, for errors
	segs  []string // the path's keys, unescaped
	where where
}

// part is a piece of the output: literal bytes, or a hole when hole >= 0.
type part struct {
	lit  []byte
	hole int
}

type parser struct {
	src         string
	i           int
	left, right string
	parts       []part
	lit         []byte
	holes       []hole
	depth       int
}

// parseError makes a ParseError at offset at.
func (p *parser) errAt(at int, format string, args ...any) error {
	line, col := 1, 1
	for _, r := range p.src[:min(at, len(p.src))] {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return &ParseError{Offset: at, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

// found describes what stands at the current offset, for messages.
func (p *parser) found() string {
	switch {
	case p.i >= len(p.src):
		return "the end of the template"
	case p.atHole():
		return "a placeholder"
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.i:])
	return fmt.Sprintf("%q", r)
}

func (p *parser) atHole() bool { return strings.HasPrefix(p.src[p.i:], p.left) }

// atEscapedDelim reports a backslash before the left delimiter: a literal delimiter.
func (p *parser) atEscapedDelim() bool {
	return p.i < len(p.src) && p.src[p.i] == '\\' && strings.HasPrefix(p.src[p.i+1:], p.left)
}

func (p *parser) flush() {
	if len(p.lit) > 0 {
		p.parts = append(p.parts, part{lit: p.lit, hole: -1})
		p.lit = nil
	}
}

// hole reads the placeholder at the current offset.
func (p *parser) hole(w where) error {
	start := p.i
	inner := p.src[p.i+len(p.left):]
	end := strings.Index(inner, p.right)
	if end < 0 {
		return p.errAt(start, "placeholder is not closed with %q", p.right)
	}
	raw := strings.TrimSpace(inner[:end])
	if strings.Contains(raw, p.left) {
		return p.errAt(start, "placeholder is not closed with %q before the next %q", p.right, p.left)
	}
	segs, err := splitPath(raw)
	if err != "" {
		return p.errAt(start, "placeholder %s%s%s: %s", p.left, raw, p.right, err)
	}
	p.flush()
	p.parts = append(p.parts, part{hole: len(p.holes)})
	p.holes = append(p.holes, hole{path: raw, segs: segs, where: w})
	p.i += len(p.left) + end + len(p.right)
	return nil
}

// splitPath splits a path at dots; "\." is a dot inside a key and "\\" a backslash.
func splitPath(path string) ([]string, string) {
	if path == "" {
		return nil, "empty path"
	}
	var segs []string
	var seg strings.Builder
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '\\':
			if i+1 == len(path) || (path[i+1] != '.' && path[i+1] != '\\') {
				return nil, `a backslash in a path escapes only "." or "\"`
			}
			i++
			seg.WriteByte(path[i])
		case '.':
			if seg.Len() == 0 {
				return nil, "empty key in path"
			}
			segs = append(segs, seg.String())
			seg.Reset()
		default:
			seg.WriteByte(c)
		}
	}
	if seg.Len() == 0 {
		return nil, "empty key in path"
	}
	return append(segs, seg.String()), ""
}

// text parses a plain-text template: placeholders and escaped delimiters, all else literal.
func (p *parser) text() error {
	for p.i < len(p.src) {
		switch {
		case p.atEscapedDelim():
			p.lit = append(p.lit, p.left...)
			p.i += 1 + len(p.left)
		case p.atHole():
			if err := p.hole(inText); err != nil {
				return err
			}
		default:
			p.lit = append(p.lit, p.src[p.i])
			p.i++
		}
	}
	p.flush()
	return nil
}

// document parses a JSON template: one value, white space around it.
func (p *parser) document() error {
	p.ws()
	if err := p.value(); err != nil {
		return err
	}
	p.ws()
	if p.i < len(p.src) {
		return p.errAt(p.i, "expected the end of the template after the JSON value, found %s", p.found())
	}
	p.flush()
	return nil
}

func (p *parser) ws() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.lit = append(p.lit, p.src[p.i])
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value() error {
	if p.atHole() {
		return p.hole(inValue)
	}
	if p.i >= len(p.src) {
		return p.errAt(p.i, "expected a value, found the end of the template")
	}
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		return p.str(inString)
	case c == '-' || ('0' <= c && c <= '9'):
		return p.scalar(p.number)
	case c == 't' || c == 'f' || c == 'n':
		return p.scalar(p.literal)
	case p.atEscapedDelim():
		return p.errAt(p.i, "a literal %q can stand only inside a string", p.left)
	}
	return p.errAt(p.i, "expected a value, found %s", p.found())
}

// scalar parses a number or literal, which a placeholder may not continue.
func (p *parser) scalar(parse func() error) error {
	if err := parse(); err != nil {
		return err
	}
	if p.atHole() {
		return p.errAt(p.i, "a placeholder cannot stand inside a number or literal; put it where a whole value goes")
	}
	return nil
}

// open reads the bracket that starts an object or array, and reports whether close follows
// at once: an empty one.
func (p *parser) open(close byte) (empty bool, err error) {
	p.depth++
	if p.depth > DefaultMaxDepth {
		return false, p.errAt(p.i, "template nests deeper than %d", DefaultMaxDepth)
	}
	p.lit = append(p.lit, p.src[p.i])
	p.i++
	p.ws()
	if p.i < len(p.src) && p.src[p.i] == close {
		p.lit = append(p.lit, close)
		p.i++
		p.depth--
		return true, nil
	}
	return false, nil
}

func (p *parser) object() error {
	if empty, err := p.open('}'); empty || err != nil {
		return err
	}
	for {
		switch {
		case p.atHole():
			return p.errAt(p.i, `a placeholder cannot stand as a bare key; write it inside quotes: "%s...%s"`, p.left, p.right)
		case p.i >= len(p.src) || p.src[p.i] != '"':
			return p.errAt(p.i, "expected a string key, found %s", p.found())
		}
		if err := p.str(inKey); err != nil {
			return err
		}
		p.ws()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			return p.errAt(p.i, "expected ':' after an object key, found %s", p.found())
		}
		p.lit = append(p.lit, ':')
		p.i++
		p.ws()
		if err := p.value(); err != nil {
			return err
		}
		if end, err := p.next('}', "an object member"); end || err != nil {
			return err
		}
	}
}

// next reads what follows a member or element: a comma to go on, or close to end the object
// or array, which it reports.
func (p *parser) next(close byte, after string) (end bool, err error) {
	p.ws()
	if p.i >= len(p.src) {
		return false, p.errAt(p.i, "expected ',' or '%c' after %s, found the end of the template", close, after)
	}
	switch p.src[p.i] {
	case ',':
		p.lit = append(p.lit, ',')
		p.i++
		p.ws()
		return false, nil
	case close:
		p.lit = append(p.lit, close)
		p.i++
		p.depth--
		return true, nil
	}
	return false, p.errAt(p.i, "expected ',' or '%c' after %s, found %s", close, after, p.found())
}

func (p *parser) array() error {
	if empty, err := p.open(']'); empty || err != nil {
		return err
	}
	for {
		if err := p.value(); err != nil {
			return err
		}
		if end, err := p.next(']', "an array element"); end || err != nil {
			return err
		}
	}
}

// str parses a string literal; placeholders inside it become string content.
func (p *parser) str(w where) error {
	start := p.i
	p.lit = append(p.lit, '"')
	p.i++
	for {
		if p.i >= len(p.src) {
			return p.errAt(start, "string is not closed")
		}
		c := p.src[p.i]
		switch {
		case c == '"':
			p.lit = append(p.lit, '"')
			p.i++
			return nil
		case p.atEscapedDelim():
			p.lit = append(p.lit, p.left...)
			p.i += 1 + len(p.left)
		case c == '\\':
			n, ok := escapeLen(p.src[p.i:])
			if !ok {
				return p.errAt(p.i, `invalid escape in string; a JSON escape is \" \\ \/ \b \f \n \r \t or \uXXXX`)
			}
			p.lit = append(p.lit, p.src[p.i:p.i+n]...)
			p.i += n
		case p.atHole():
			if err := p.hole(w); err != nil {
				return err
			}
		case c < 0x20:
			return p.errAt(p.i, "control character %q in string; escape it", c)
		case c < utf8.RuneSelf:
			p.lit = append(p.lit, c)
			p.i++
		default:
			r, size := utf8.DecodeRuneInString(p.src[p.i:])
			if r == utf8.RuneError && size == 1 {
				return p.errAt(p.i, "invalid UTF-8 in string")
			}
			p.lit = append(p.lit, p.src[p.i:p.i+size]...)
			p.i += size
		}
	}
}

// escapeLen returns the length of the JSON escape at the start of s.
func escapeLen(s string) (int, bool) {
	if len(s) < 2 {
		return 0, false
	}
	switch s[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, true
	case 'u':
		if len(s) < 6 {
			return 0, false
		}
		for _, c := range []byte(s[2:6]) {
			if !isHex(c) {
				return 0, false
			}
		}
		return 6, true
	}
	return 0, false
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func (p *parser) number() error {
	start := p.i
	s := p.src
	i := p.i
	if s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	default:
		return p.errAt(i, "expected a digit in number")
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || !isDigit(s[i]) {
			return p.errAt(i, "expected a digit after the decimal point")
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || !isDigit(s[i]) {
			return p.errAt(i, "expected a digit in the exponent")
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	p.lit = append(p.lit, s[start:i]...)
	p.i = i
	return nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (p *parser) literal() error {
	for _, word := range []string{"true", "false", "null"} {
		if strings.HasPrefix(p.src[p.i:], word) {
			p.lit = append(p.lit, word...)
			p.i += len(word)
			return nil
		}
	}
	return p.errAt(p.i, "expected true, false or null, found %s", p.found())
}
