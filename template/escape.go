package template

import (
	"unicode/utf16"
	"unicode/utf8"
)

// appendCompact appends valid JSON text without its insignificant white space; with quote,
// it also escapes the text to stand inside a JSON string.
func appendCompact(dst, raw []byte, quote bool) []byte {
	inString := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case inString && c == '\\':
			// An escape inside a string: both bytes are content.
			if quote {
				dst = append(dst, '\\', '\\')
			} else {
				dst = append(dst, c)
			}
			i++
			c = raw[i]
			if quote && (c == '\\' || c == '"') {
				dst = append(dst, '\\')
			}
			dst = append(dst, c)
			continue
		case c == '"':
			inString = !inString
		case !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			continue
		}
		if quote && c == '"' {
			dst = append(dst, '\\')
		}
		dst = append(dst, c)
	}
	return dst
}

// unescape appends the text that the content of a valid JSON string stands for. A lone
// surrogate becomes U+FFFD, as encoding/json decodes it.
func unescape(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			dst = append(dst, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := hex4(s[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) {
				r2 := utf8.RuneError
				if i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					r2 = hex4(s[i+3 : i+7])
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			dst = utf8.AppendRune(dst, r)
		default: // '"', '\\', '/'
			dst = append(dst, s[i])
		}
	}
	return dst
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b {
		r <<= 4
		switch {
		case '0' <= c && c <= '9':
			r |= rune(c - '0')
		case 'a' <= c && c <= 'f':
			r |= rune(c - 'a' + 10)
		case 'A' <= c && c <= 'F':
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}
