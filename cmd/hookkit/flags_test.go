package main

import (
	"strings"
	"testing"
)

// Any -H argument is one header or an error, never a panic.
func FuzzHeaderFlag(f *testing.F) {
	for _, v := range []string{"Name: value", "a:b", "no colon", ": empty", "X-A:  spaced  ", "Bad Name: x", "X:"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if strings.HasPrefix(v, "@") {
			return // a file name, not a header
		}
		hf := &headerFlags{e: &env{}}
		if err := hf.Set(v); err != nil {
			return
		}
		if n := len(hf.h); n != 1 {
			t.Fatalf("%q made %d headers", v, n)
		}
	})
}
