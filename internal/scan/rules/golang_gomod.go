package rules

import (
	"bytes"
	"strconv"
	"strings"
)

// goMod is what the Go rules read from a go.mod or go.work file.
type goMod struct {
	// goLine is the version of the go directive, with its place; version
	// is "" when the file has none.
	goLine modEntry
	// godebug holds the godebug settings, from single lines and blocks,
	// in order.
	godebug []godebugSetting
}

// modEntry is a directive argument and where it starts.
type modEntry struct {
	version      string
	line, column int
}

// parseGoMod reads the go line and the godebug settings. It is lenient:
// lines it does not understand are skipped, as the rest of the file is
// none of its business. The error reports a block left open, or a ")"
// closing none; what was read is returned with it.
func parseGoMod(content []byte) (goMod, error) {
	var m goMod
	var bad error
	block, blockLine := "", 0
	for i, raw := range bytes.Split(content, []byte("\n")) {
		line := string(raw)
		if c := strings.Index(line, "//"); c >= 0 {
			line = line[:c]
		}
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
		case block != "":
			if fields[0] == ")" {
				block = ""
			} else if block == "godebug" {
				m.addGodebug(line, i+1, firstField(line))
			}
		case fields[0] == ")" && bad == nil:
			bad = &syntaxError{format: "go.mod", line: i + 1, msg: "unexpected )"}
		case len(fields) == 2 && fields[1] == "(":
			block, blockLine = fields[0], i+1
		case len(fields) == 1 && strings.HasSuffix(fields[0], "("):
			block, blockLine = strings.TrimSuffix(fields[0], "("), i+1
		case fields[0] == "go" && len(fields) >= 2:
			m.goLine = modEntry{version: fields[1], line: i + 1, column: afterKeyword(line, "go") + 1}
		case fields[0] == "godebug" && len(fields) >= 2:
			m.addGodebug(line, i+1, afterKeyword(line, "godebug"))
		}
	}
	if block != "" && bad == nil {
		bad = &syntaxError{format: "go.mod", line: blockLine, msg: block + " ( block not closed"}
	}
	return m, bad
}

// afterKeyword is the byte offset of the first argument after the
// keyword that starts line.
func afterKeyword(line, keyword string) int {
	i := firstField(line) + len(keyword)
	return i + firstField(line[i:])
}

// firstField is the byte offset of the first non-blank character.
func firstField(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t"))
}

// addGodebug adds the settings of line that start at offset.
func (m *goMod) addGodebug(line string, n, offset int) {
	m.godebug = append(m.godebug, parseGodebugList(line[offset:], n, offset+1)...)
}

// godebugSources gives each godebug setting as a source of its own.
func (m goMod) godebugSources() []godebugSource {
	srcs := make([]godebugSource, 0, len(m.godebug))
	for _, s := range m.godebug {
		srcs = append(srcs, godebugSource{where: "godebug", settings: []godebugSetting{s}})
	}
	return srcs
}

// defaultVersion returns the godebug default=goX.Y setting, if any.
func (m goMod) defaultVersion() (godebugSetting, bool) {
	var found godebugSetting
	ok := false
	for _, s := range m.godebug {
		if s.key == "default" {
			found, ok = s, true
		}
	}
	return found, ok
}

// goVersion is a Go release as major and minor numbers.
type goVersion struct{ major, minor int }

// parseGoVersion reads "1.21", "1.21.3", "1.21rc1" or "go1.21".
func parseGoVersion(s string) (goVersion, bool) {
	majorText, rest, _ := strings.Cut(strings.TrimPrefix(s, "go"), ".")
	major, err := strconv.Atoi(leadingDigits(majorText))
	if err != nil {
		return goVersion{}, false
	}
	minor, _ := strconv.Atoi(leadingDigits(rest))
	return goVersion{major: major, minor: minor}, true
}

// leadingDigits returns the digits s starts with.
func leadingDigits(s string) string {
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	return s[:end]
}

// before reports whether v is an earlier release than major.minor.
func (v goVersion) before(major, minor int) bool {
	return v.major < major || v.major == major && v.minor < minor
}

// String spells the version as "1.21".
func (v goVersion) String() string {
	return strconv.Itoa(v.major) + "." + strconv.Itoa(v.minor)
}
