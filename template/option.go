package template

import "strings"

// Option changes how a template is parsed and rendered.
type Option func(*config)

type config struct {
	left, right string
	strict      bool
	text        bool
	maxInput    int
	maxDepth    int
}

// Defaults for the input bounds.
const (
	DefaultMaxInput = 8 << 20 // bytes of data a render reads
	DefaultMaxDepth = 512     // nested objects and arrays in the data
)

// Delims sets the placeholder delimiters; the default is "<<" and ">>". Voicesense writes
// "{{" and "}}". Parse refuses an empty delimiter, one with white space, and a left one that
// begins with a character a JSON escape uses after a backslash.
func Delims(left, right string) Option {
	return func(c *config) { c.left, c.right = left, right }
}

// Strict makes a path missing from the data an error (ErrMissing) instead of null.
func Strict() Option {
	return func(c *config) { c.strict = true }
}

// PlainText treats the template as text, not JSON: for form-encoded, XML or other bodies.
// Values are inserted as text, strings without quotes or JSON escapes, and nothing is
// escaped: the template's author answers for the body's syntax.
func PlainText() Option {
	return func(c *config) { c.text = true }
}

// MaxInput bounds the data a render reads, in bytes; the default is DefaultMaxInput.
func MaxInput(n int) Option {
	return func(c *config) { c.maxInput = n }
}

// MaxDepth bounds how deeply the data may nest objects and arrays; the default is
// DefaultMaxDepth.
func MaxDepth(n int) Option {
	return func(c *config) { c.maxDepth = n }
}

func (c *config) check() string {
	switch {
	case c.left == "" || c.right == "":
		return "delimiters must not be empty"
	case strings.ContainsAny(c.left+c.right, " \t\r\n"):
		return "delimiters must not hold white space"
	case strings.ContainsRune(`"\/bfnrtu`, rune(c.left[0])):
		return "the left delimiter must not begin with a character that may follow a backslash in JSON"
	case c.maxInput <= 0 || c.maxDepth <= 0:
		return "MaxInput and MaxDepth must be positive"
	}
	return ""
}
