package doctor

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// maxPropsLine bounds one logical line of a properties file.
const maxPropsLine = 1 << 20

// parseJavaProperties reads a java.security-style properties file
// (java.util.Properties.load): # and ! comments, key = value, key: value
// or key value, and lines continued with a trailing backslash. Escapes
// other than the continuation are kept as written, which is enough for
// the algorithm lists doctor reads.
func parseJavaProperties(name string, r io.Reader) (map[string]string, error) {
	props := map[string]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxPropsLine)
	var logical strings.Builder
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimLeft(sc.Text(), " \t\f")
		if logical.Len() == 0 && (line == "" || line[0] == '#' || line[0] == '!') {
			continue
		}
		if cont := continued(line); cont {
			logical.WriteString(line[:len(line)-1])
			if logical.Len() > maxPropsLine {
				return props, fmt.Errorf("%s:%d: continued line longer than %d bytes", name, n, maxPropsLine)
			}
			continue
		}
		logical.WriteString(line)
		key, value := splitProperty(logical.String())
		props[key] = value
		logical.Reset()
	}
	return props, sc.Err()
}

// continued reports whether a line ends in an odd number of backslashes.
func continued(line string) bool {
	n := len(line) - len(strings.TrimRight(line, `\`))
	return n%2 == 1
}

// splitProperty splits at the first unescaped =, : or whitespace.
func splitProperty(s string) (string, string) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '=', ':', ' ', '\t', '\f':
			value := strings.TrimLeft(s[i+1:], " \t\f")
			if s[i] == ' ' || s[i] == '\t' || s[i] == '\f' {
				value = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(value, "="), ":"), " \t\f")
			}
			return s[:i], value
		}
	}
	return s, ""
}
