package template

import (
	"errors"
	"fmt"
)

// Classes of render failure; test for them with errors.Is.
var (
	// ErrInvalidInput: the data is not valid JSON (RFC 8259, UTF-8).
	ErrInvalidInput = errors.New("template: invalid input JSON")
	// ErrInputTooLarge: the data is longer than MaxInput allows.
	ErrInputTooLarge = errors.New("template: input too large")
	// ErrInputTooDeep: the data nests deeper than MaxDepth allows.
	ErrInputTooDeep = errors.New("template: input nested too deep")
	// ErrMissing: with Strict, a placeholder's path is not in the data.
	ErrMissing = errors.New("template: path missing")
	// ErrNotScalar: a placeholder inside an object key found an object or array.
	ErrNotScalar = errors.New("template: object or array inside a key")
)

// ParseError is a template that cannot be parsed. Offset is in bytes from the start of the
// template; Line and Column count from 1, Column in characters.
type ParseError struct {
	Offset, Line, Column int
	Msg                  string // what was expected, and what was found
}

// Error locates the problem and says what was expected.
func (e *ParseError) Error() string {
	return fmt.Sprintf("template: line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// InputError is data a template cannot be rendered against. It matches ErrInvalidInput,
// ErrInputTooLarge or ErrInputTooDeep.
type InputError struct {
	Offset int    // where in the data the problem lies
	Msg    string // what is wrong there
	Err    error  // the class
}

// Error says where the data went wrong.
func (e *InputError) Error() string {
	return fmt.Sprintf("template: input at byte %d: %s", e.Offset, e.Msg)
}

// Unwrap returns the class.
func (e *InputError) Unwrap() error { return e.Err }

// PathError is a placeholder that could not be filled. It matches ErrMissing or ErrNotScalar.
type PathError struct {
	Path string // the path as the template wrote it
	Err  error
}

// Error names the path.
func (e *PathError) Error() string {
	if errors.Is(e.Err, ErrMissing) {
		return fmt.Sprintf("template: path %q is not in the input", e.Path)
	}
	return fmt.Sprintf("template: path %q is an object or array, and a key takes only a string, number, boolean or null", e.Path)
}

// Unwrap returns the class.
func (e *PathError) Unwrap() error { return e.Err }
