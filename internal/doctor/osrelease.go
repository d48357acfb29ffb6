package doctor

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// parseOSRelease reads os-release(5) assignments: KEY=value, values
// optionally in shell quotes, # comments. A line that is not an
// assignment is an error naming the file and line.
func parseOSRelease(name string, r io.Reader) (map[string]string, error) {
	vars := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || key == "" {
			return vars, fmt.Errorf("%s:%d: not KEY=value: %q", name, n, line)
		}
		vars[key] = unquoteShell(value)
	}
	return vars, sc.Err()
}

func unquoteShell(v string) string {
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return v[1 : len(v)-1]
	}
	if u, err := strconv.Unquote(v); err == nil && strings.HasPrefix(v, `"`) {
		return u
	}
	return v
}
