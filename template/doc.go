// Package template renders webhook bodies from templates such as
//
//	{"AudioReferenceId": "<<ReferenceId>>", "Score": <<ScoreRight.Scores.Engaged>>}
//
// against an event's raw JSON. It knows where each placeholder stands (where a value goes,
// inside a string, inside a key), so a value can never break out of its place: whatever the
// event holds, the body is valid JSON with the template's structure.
//
//	t, err := template.Parse(src, template.Delims("{{", "}}"))
//	if err != nil { ... }          // a *template.ParseError: line, column, what was expected
//	body, err := t.Render(event)   // event is raw JSON; body is valid JSON
//
// One pass over the event validates it and finds the placeholders' values, which are copied
// byte for byte: a number is never parsed into a float64. A Template is immutable and safe
// for concurrent use.
package template
