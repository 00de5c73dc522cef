package template

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// node is one step of the paths the template asks for: a trie, so that the scanner looks a
// key up only where some placeholder's path goes.
type node struct {
	children []child
	holes    []int // placeholders whose path ends here
}

type child struct {
	key   string
	index int // the key as an array index, or -1
	node  *node
}

func (n *node) add(segs []string, hole int) {
	for _, seg := range segs {
		var next *node
		for _, c := range n.children {
			if c.key == seg {
				next = c.node
				break
			}
		}
		if next == nil {
			next = new(node)
			n.children = append(n.children, child{key: seg, index: arrayIndex(seg), node: next})
		}
		n = next
	}
	n.holes = append(n.holes, hole)
}

// arrayIndex reads a path segment as an array index: decimal digits, no leading zero.
func arrayIndex(seg string) int {
	if seg == "" || len(seg) > 9 || (seg[0] == '0' && len(seg) > 1) {
		return -1
	}
	i, err := strconv.Atoi(seg)
	if err != nil || i < 0 {
		return -1
	}
	return i
}

// kind is the JSON type of a found value.
type kind uint8

const (
	kMissing kind = iota
	kString
	kNumber
	kLiteral // true, false or null
	kObject
	kArray
)

// span is where a placeholder's value lies in the data.
type span struct {
	start, end int
	kind       kind
}

// scanner validates the data in one pass and records the spans the trie asks for.
type scanner struct {
	data     []byte
	i        int
	depth    int
	maxDepth int
	spans    []span
	scratch  []byte // an escaped key, unescaped
}

func (s *scanner) fail(msg string) error {
	return &InputError{Offset: s.i, Msg: msg, Err: ErrInvalidInput}
}

func (s *scanner) document(root *node) error {
	s.ws()
	if err := s.value(root); err != nil {
		return err
	}
	s.ws()
	if s.i < len(s.data) {
		return s.fail("text after the JSON value")
	}
	return nil
}

func (s *scanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// value scans one value; n is the trie node for it, or nil when no placeholder wants it or
// anything inside it.
func (s *scanner) value(n *node) error {
	if s.i >= len(s.data) {
		return s.fail("expected a value, found the end")
	}
	start := s.i
	var k kind
	var err error
	switch c := s.data[s.i]; {
	case c == '{':
		k, err = kObject, s.object(n)
	case c == '[':
		k, err = kArray, s.array(n)
	case c == '"':
		k = kString
		_, err = s.str()
	case c == '-' || isDigit(c):
		k, err = kNumber, s.number()
	case c == 't':
		k, err = kLiteral, s.word("true")
	case c == 'f':
		k, err = kLiteral, s.word("false")
	case c == 'n':
		k, err = kLiteral, s.word("null")
	default:
		return s.fail("expected a value")
	}
	if err != nil {
		return err
	}
	if n != nil {
		for _, h := range n.holes {
			// A repeated key counts as its last occurrence, as encoding/json reads it.
			s.spans[h] = span{start: start, end: s.i, kind: k}
		}
	}
	return nil
}

func (s *scanner) enter() error {
	s.depth++
	if s.depth > s.maxDepth {
		return &InputError{Offset: s.i, Msg: "nested deeper than " + strconv.Itoa(s.maxDepth), Err: ErrInputTooDeep}
	}
	return nil
}

// object and array each read their own separators, rather than share a helper as the
// template parser does: the scanner is the hot path, and the call costs Render 5-8 %.
func (s *scanner) object(n *node) error {
	if err := s.enter(); err != nil {
		return err
	}
	s.i++
	s.ws()
	if s.i < len(s.data) && s.data[s.i] == '}' {
		s.i++
		s.depth--
		return nil
	}
	for {
		if s.i >= len(s.data) || s.data[s.i] != '"' {
			return s.fail("expected a string key")
		}
		keyStart := s.i + 1
		escaped, err := s.str()
		if err != nil {
			return err
		}
		var next *node
		if n != nil && len(n.children) > 0 {
			next = s.lookupKey(n, s.data[keyStart:s.i-1], escaped)
		}
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != ':' {
			return s.fail("expected ':' after an object key")
		}
		s.i++
		s.ws()
		if err := s.value(next); err != nil {
			return err
		}
		s.ws()
		if s.i >= len(s.data) {
			return s.fail("expected ',' or '}', found the end")
		}
		switch s.data[s.i] {
		case ',':
			s.i++
			s.ws()
		case '}':
			s.i++
			s.depth--
			return nil
		default:
			return s.fail("expected ',' or '}' after an object member")
		}
	}
}

func (s *scanner) lookupKey(n *node, raw []byte, escaped bool) *node {
	if escaped {
		s.scratch = unescape(s.scratch[:0], raw)
		raw = s.scratch
	}
	for _, c := range n.children {
		if string(raw) == c.key {
			return c.node
		}
	}
	return nil
}

func (s *scanner) array(n *node) error {
	if err := s.enter(); err != nil {
		return err
	}
	s.i++
	s.ws()
	if s.i < len(s.data) && s.data[s.i] == ']' {
		s.i++
		s.depth--
		return nil
	}
	for index := 0; ; index++ {
		var next *node
		if n != nil {
			for _, c := range n.children {
				if c.index == index {
					next = c.node
					break
				}
			}
		}
		if err := s.value(next); err != nil {
			return err
		}
		s.ws()
		if s.i >= len(s.data) {
			return s.fail("expected ',' or ']', found the end")
		}
		switch s.data[s.i] {
		case ',':
			s.i++
			s.ws()
		case ']':
			s.i++
			s.depth--
			return nil
		default:
			return s.fail("expected ',' or ']' after an array element")
		}
	}
}

// plain marks the bytes a string holds as they are: everything but controls, the quote,
// the backslash and the start of a multi-byte character.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str scans a string from its opening quote and reports whether it holds an escape.
func (s *scanner) str() (escaped bool, err error) {
	d := s.data
	i := s.i + 1
	for {
		for i < len(d) && plain[d[i]] {
			i++
		}
		if i >= len(d) {
			s.i = i
			return false, s.fail("string is not closed")
		}
		switch c := d[i]; {
		case c == '"':
			s.i = i + 1
			return escaped, nil
		case c == '\\':
			n, ok := escapeLen(string(d[i:min(i+6, len(d))]))
			if !ok {
				s.i = i
				return false, s.fail("invalid escape in string")
			}
			escaped = true
			i += n
		case c < 0x20:
			s.i = i
			return false, s.fail("control character in string")
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				s.i = i
				return false, s.fail("invalid UTF-8 in string")
			}
			i += size
		}
	}
}

func (s *scanner) number() error {
	d := s.data
	i := s.i
	if d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	default:
		s.i = i
		return s.fail("expected a digit")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || !isDigit(d[i]) {
			s.i = i
			return s.fail("expected a digit after the decimal point")
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || !isDigit(d[i]) {
			s.i = i
			return s.fail("expected a digit in the exponent")
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	s.i = i
	return nil
}

func (s *scanner) word(w string) error {
	if !bytes.HasPrefix(s.data[s.i:], []byte(w)) {
		return s.fail("expected " + w)
	}
	s.i += len(w)
	return nil
}
