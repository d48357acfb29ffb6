package scan

import (
	"bytes"
	"strings"
)

// pattern is one line of a .gitignore file, or one --exclude glob, as
// gitignore(5) defines it.
type pattern struct {
	// segs are the slash-separated parts; "**" stands for any number of
	// directories.
	segs []string
	// negate is a leading "!": a match re-includes the path.
	negate bool
	// dirOnly is a trailing "/": only directories match.
	dirOnly bool
	// stars counts the "**" segments.
	stars int
}

// parseIgnore reads the patterns of a .gitignore file. Blank lines and
// comments ("#") are skipped; "\#" and "\!" start patterns with those
// characters; trailing spaces are dropped unless escaped with "\".
func parseIgnore(content []byte) []pattern {
	var out []pattern
	for _, line := range bytes.Split(content, []byte("\n")) {
		if p, ok := parsePattern(string(bytes.TrimSuffix(line, []byte("\r")))); ok {
			out = append(out, p)
		}
	}
	return out
}

// parsePattern compiles one line; ok is false for blank lines and
// comments.
func parsePattern(line string) (pattern, bool) {
	line = trimTrailingSpace(line)
	if line == "" || line[0] == '#' {
		return pattern{}, false
	}
	var p pattern
	if line[0] == '!' {
		p.negate, line = true, line[1:]
	} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		p.dirOnly, line = true, strings.TrimRight(line, "/")
	}
	if line == "" {
		return pattern{}, false
	}
	// A slash at the start or in the middle anchors the pattern to the
	// directory of the .gitignore; otherwise it matches at any depth.
	anchored := strings.Contains(line, "/")
	line = strings.TrimPrefix(line, "/")
	segs := strings.Split(line, "/")
	if !anchored {
		segs = append([]string{"**"}, segs...)
	}
	for _, s := range segs {
		if s == "**" && len(p.segs) > 0 && p.segs[len(p.segs)-1] == "**" {
			continue // "**/**" is "**"
		}
		p.segs = append(p.segs, s)
		p.stars += boolInt(s == "**")
	}
	return p, true
}

// boolInt is 1 for true.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// trimTrailingSpace drops trailing spaces that are not escaped with a
// backslash, and the backslash of an escaped one.
func trimTrailingSpace(s string) string {
	end := len(s)
	for end > 0 && s[end-1] == ' ' {
		if end >= 2 && s[end-2] == '\\' {
			return s[:end-2] + s[end-1:]
		}
		end--
	}
	return s[:end]
}

// match reports whether the slash-separated path (relative to the
// directory of the pattern's file) matches.
func (p pattern) match(path string, isDir bool) bool {
	if p.dirOnly && !isDir {
		return false
	}
	segs := strings.Split(path, "/")
	if p.stars > 1 {
		return matchSegsTable(p.segs, segs)
	}
	return matchSegs(p.segs, segs)
}

// matchSegs matches pattern segments against path segments. A "**"
// segment matches zero or more path segments, except at the end of the
// pattern, where it matches one or more ("abc/**" is everything inside
// abc, not abc itself).
func matchSegs(pat, path []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			return matchDoubleStar(pat[1:], path)
		}
		if len(path) == 0 || !matchSegment(pat[0], path[0]) {
			return false
		}
		pat, path = pat[1:], path[1:]
	}
	return len(path) == 0
}

// matchDoubleStar matches the rest of a pattern after a "**" segment.
func matchDoubleStar(rest, path []string) bool {
	if len(rest) == 0 {
		return len(path) > 0
	}
	for i := 0; i <= len(path); i++ {
		if matchSegs(rest, path[i:]) {
			return true
		}
	}
	return false
}

// matchSegsTable is matchSegs for patterns with several "**" segments,
// which backtracking would take exponential time on: ok[i][j] says
// whether pat[i:] matches path[j:].
func matchSegsTable(pat, path []string) bool {
	n := len(path)
	next := make([]bool, n+1)
	next[n] = true // the empty pattern matches the empty path
	for i := len(pat) - 1; i >= 0; i-- {
		cur := make([]bool, n+1)
		for j := n; j >= 0; j-- {
			switch {
			case pat[i] == "**" && i == len(pat)-1:
				cur[j] = j < n
			case pat[i] == "**":
				cur[j] = next[j] || j < n && cur[j+1]
			default:
				cur[j] = j < n && next[j+1] && matchSegment(pat[i], path[j])
			}
		}
		next = cur
	}
	return next[0]
}

// matchSegment matches one path segment against one pattern segment with
// wildmatch rules: "*" any run of characters, "?" one character, "[...]"
// a class ("!" or "^" negates it, "a-z" ranges), "\x" the character x.
// On a mismatch it backtracks to the last "*", which then takes one more
// character: linear in practice, quadratic at worst.
func matchSegment(pat, name string) bool {
	px, nx := 0, 0
	starP, starN := -1, -1
	for nx < len(name) {
		if px < len(pat) && pat[px] == '*' {
			starP, starN = px, nx
			px++
			continue
		}
		if px < len(pat) {
			if w := matchOne(pat[px:], name[nx]); w > 0 {
				px, nx = px+w, nx+1
				continue
			}
		}
		if starP < 0 {
			return false
		}
		starN++
		px, nx = starP+1, starN
	}
	for px < len(pat) && pat[px] == '*' {
		px++
	}
	return px == len(pat)
}

// matchOne matches c against the pattern element that starts pat (not
// "*") and returns the element's width, or 0 when c does not match.
func matchOne(pat string, c byte) int {
	switch pat[0] {
	case '?':
		return 1
	case '[':
		ok, width, valid := matchClass(pat, c)
		switch {
		case valid && ok:
			return width
		case !valid && c == '[':
			return 1
		}
		return 0
	case '\\':
		if len(pat) > 1 && pat[1] == c {
			return 2
		}
		return 0
	}
	if pat[0] == c {
		return 1
	}
	return 0
}

// matchClass matches c against the class that starts pat ("[...]").
// width is the length of the class in pat; valid is false when the class
// is not closed, and then "[" is an ordinary character.
func matchClass(pat string, c byte) (ok bool, width int, valid bool) {
	i := 1
	negate := i < len(pat) && (pat[i] == '!' || pat[i] == '^')
	if negate {
		i++
	}
	first := true
	for i < len(pat) {
		if pat[i] == ']' && !first {
			return ok != negate, i + 1, true
		}
		first = false
		lo := pat[i]
		if lo == '\\' && i+1 < len(pat) {
			i++
			lo = pat[i]
		}
		hi := lo
		if i+2 < len(pat) && pat[i+1] == '-' && pat[i+2] != ']' {
			hi = pat[i+2]
			i += 2
		}
		if lo <= c && c <= hi {
			ok = true
		}
		i++
	}
	return false, 0, false
}

// ignoreFile is the patterns of one .gitignore file and the directory it
// sits in, relative to the walk root ("" for the root).
type ignoreFile struct {
	dir      string
	patterns []pattern
}

// ignoreStack holds the .gitignore files that apply to a directory: the
// root's first, the deepest last.
type ignoreStack []ignoreFile

// ignored reports whether the root-relative path is ignored. Deeper files
// override shallower ones, and within a file the last matching pattern
// wins; a negated pattern re-includes.
func (s ignoreStack) ignored(rel string, isDir bool) bool {
	ignored := false
	for _, f := range s {
		sub, ok := under(rel, f.dir)
		if !ok {
			continue
		}
		for _, p := range f.patterns {
			if p.match(sub, isDir) {
				ignored = !p.negate
			}
		}
	}
	return ignored
}

// under returns rel relative to dir, and whether rel is inside dir.
func under(rel, dir string) (string, bool) {
	if dir == "" {
		return rel, true
	}
	if strings.HasPrefix(rel, dir+"/") {
		return rel[len(dir)+1:], true
	}
	return "", false
}

// excludeSet is the --exclude globs, in gitignore syntax, matched against
// root-relative paths.
type excludeSet []pattern

// newExcludeSet compiles globs; empty globs are dropped.
func newExcludeSet(globs []string) excludeSet {
	var s excludeSet
	for _, g := range globs {
		if p, ok := parsePattern(strings.TrimPrefix(g, "./")); ok {
			s = append(s, p)
		}
	}
	return s
}

// excluded reports whether rel is excluded; the last matching glob wins,
// so "!glob" re-includes.
func (s excludeSet) excluded(rel string, isDir bool) bool {
	return ignoreStack{{patterns: s}}.ignored(rel, isDir)
}
