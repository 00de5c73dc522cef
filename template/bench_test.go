package template_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	texttemplate "text/template"
)

// benchEvent is a 10 KiB event: a header, then many line items, as a call-analysis webhook
// carries them.
var benchEvent = func() []byte {
	var b strings.Builder
	b.WriteString(`{"type": "analysis.completed", "id": "evt_8f2c", "created": 1700000000, "data": {"conversationId": "c_81", "durationSeconds": 312.5, "items": [`)
	for i := 0; b.Len() < 10<<10-200; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"sku": "SKU-%04d", "qty": %d, "price": %d.%02d, "note": "line \"%d\" ok", "tags": ["a", "b"]}`, i, i%7, i, i%100, i)
	}
	b.WriteString(`], "agent": {"name": "Zoë", "team": "north"}, "score": {"engaged": 2, "calm": 0.875}}}`)
	return []byte(b.String())
}()

const benchSrc = `{"event": <<type>>, "conversation": "<<data.conversationId>>", "agent": <<data.agent.name>>, "engaged": <<data.score.engaged>>, "item": <<data.items.40.sku>>}`

func BenchmarkRender(b *testing.B) {
	tpl := mustParse(b, benchSrc)
	b.SetBytes(int64(len(benchEvent)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := tpl.Render(benchEvent); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJSONValid is the baseline: validating the same event with encoding/json, without
// finding anything in it.
func BenchmarkJSONValid(b *testing.B) {
	b.SetBytes(int64(len(benchEvent)))
	b.ReportAllocs()
	for range b.N {
		if !json.Valid(benchEvent) {
			b.Fatal("invalid")
		}
	}
}

// BenchmarkStdlibTemplate is what one writes without this package: decode into a map, then
// execute a text/template that encodes each value as JSON.
func BenchmarkStdlibTemplate(b *testing.B) {
	tpl := texttemplate.Must(texttemplate.New("body").Funcs(texttemplate.FuncMap{
		"json": func(v any) (string, error) { out, err := json.Marshal(v); return string(out), err },
	}).Parse(`{"event": {{json .type}}, "conversation": {{json .data.conversationId}}, "agent": {{json .data.agent.name}}, "engaged": {{json .data.score.engaged}}, "item": {{json (index .data.items 40).sku}}}`))
	want, err := mustParse(b, benchSrc).Render(benchEvent)
	if err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	render := func() {
		var data map[string]any
		if err := json.Unmarshal(benchEvent, &data); err != nil {
			b.Fatal(err)
		}
		out.Reset()
		if err := tpl.Execute(&out, data); err != nil {
			b.Fatal(err)
		}
	}
	render()
	if out.String() != string(want) {
		b.Fatalf("the two renderers disagree:\n%s\n%s", out.Bytes(), want)
	}
	b.SetBytes(int64(len(benchEvent)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		render()
	}
}
