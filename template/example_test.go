package template_test

import (
	"errors"
	"fmt"

	"github.com/hookkit/hookkit/template"
)

func ExampleParse() {
	t, err := template.Parse(`{"AudioReferenceId": "{{ReferenceId}}", "Score": "{{ScoreRight.Scores.Engaged}}", "Error": "{{ErrorMessage}}"}`,
		template.Delims("{{", "}}"))
	if err != nil {
		fmt.Println(err)
		return
	}
	body, err := t.Render([]byte(`{"ReferenceId": "8c31", "ScoreRight": {"Scores": {"Engaged": 2}}, "ErrorMessage": null}`))
	fmt.Println(string(body), err)
	// Output: {"AudioReferenceId": "8c31", "Score": "2", "Error": "null"} <nil>
}

// A value can never change the body's structure, and numbers keep their exact text.
func ExampleTemplate_Render() {
	t, _ := template.Parse(`{"note": "<<note>>", "amount": <<amount>>, "admin": false}`)
	body, _ := t.Render([]byte(`{"note": "\"}, \"admin\": true, \"x\": \"", "amount": 12345678901234567890.10}`))
	fmt.Println(string(body))
	// Output: {"note": "\"}, \"admin\": true, \"x\": \"", "amount": 12345678901234567890.10, "admin": false}
}

func ExampleParseError() {
	_, err := template.Parse("{\n  \"amount\": 1<<cents>>\n}")
	var pe *template.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Column)
	}
	fmt.Println(err)
	// Output:
	// 2 14
	// template: line 2, column 14: a placeholder cannot stand inside a number or literal; put it where a whole value goes
}

func ExampleStrict() {
	t, _ := template.Parse(`{"user": <<user.id>>}`, template.Strict())
	_, err := t.Render([]byte(`{"account": 7}`))
	fmt.Println(errors.Is(err, template.ErrMissing), err)
	// Output: true template: path "user.id" is not in the input
}
