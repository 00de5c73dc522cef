package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/hookkit/hookkit/schemes"
	"github.com/hookkit/hookkit/sign"
)

func runSchemes(e *env, args []string) int {
	fs := newFlags(e, "schemes", "")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		return fail(e, fs, fmt.Errorf("%w: no arguments expected", errUsage))
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, name := range schemes.Names() {
		s, _ := schemes.Lookup(name)
		header, signed := "?", "?"
		if d, ok := s.(sign.Describer); ok {
			header, signed = d.SignatureHeader(), d.SignedBytes()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", name, header, signed)
	}
	if err := tw.Flush(); err != nil {
		return fail(e, fs, err)
	}
	return 0
}
