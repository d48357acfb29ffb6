package platform

import (
	"strings"
	"unicode"
)

// CompareVersions compares two dotted version strings numerically and
// returns -1, 0 or +1. It accepts the forms the stacks print: "1.0.1e"
// (OpenSSL letter releases sort after "1.0.1"), "8u292" (Java 8 updates),
// "17.0.15", "2018.2.0f1" (Unity), "1.26.8"; a leading non-numeric prefix
// such as "v" or "go" is ignored, and missing trailing parts count as zero
// ("1.0" equals "1.0.0").
//
// A version is split into runs of digits and runs of letters; anything
// else separates. Runs compare pairwise: numbers numerically, words
// alphabetically (case-insensitively), a number above a word. When one
// version has parts left over, it is the greater unless those parts are
// zeros or start with a pre-release word ("alpha", "beta", "rc", "pre",
// "preview", "dev", "ea", "snapshot"), which make it the lesser.
func CompareVersions(a, b string) int {
	ta, tb := versionParts(a), versionParts(b)
	for i := 0; i < len(ta) || i < len(tb); i++ {
		switch {
		case i >= len(ta):
			return -tailSign(tb[i:])
		case i >= len(tb):
			return tailSign(ta[i:])
		}
		if c := ta[i].compare(tb[i]); c != 0 {
			return c
		}
	}
	return 0
}

// versionPart is a run of digits (num) or of letters (word).
type versionPart struct {
	num  string // digits without leading zeros; "" with word set
	word string // lower-case letters
}

// versionParts splits a version into parts, dropping any prefix before
// the first digit.
func versionParts(s string) []versionPart {
	s = strings.TrimLeftFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsDigit(r) })
	var parts []versionPart
	for s != "" {
		r := rune(s[0])
		n := strings.IndexFunc(s, func(c rune) bool { return kind(c) != kind(r) })
		if n < 0 {
			n = len(s)
		}
		switch kind(r) {
		case 'd':
			parts = append(parts, versionPart{num: strings.TrimLeft(s[:n], "0")})
		case 'a':
			parts = append(parts, versionPart{word: s[:n]})
		}
		s = s[n:]
	}
	return parts
}

// kind classes a rune as a digit ('d'), a letter ('a') or a separator.
func kind(r rune) byte {
	switch {
	case r >= '0' && r <= '9':
		return 'd'
	case r >= 'a' && r <= 'z':
		return 'a'
	}
	return '.'
}

// compare orders two parts.
func (p versionPart) compare(q versionPart) int {
	switch {
	case p.word == "" && q.word == "":
		if len(p.num) != len(q.num) {
			return sign(len(p.num) - len(q.num))
		}
		return strings.Compare(p.num, q.num)
	case p.word != "" && q.word != "":
		return strings.Compare(p.word, q.word)
	case p.word == "":
		return 1
	}
	return -1
}

// preRelease lists the words that mark a version before its release.
var preRelease = map[string]bool{"alpha": true, "beta": true, "rc": true, "pre": true, "preview": true, "dev": true, "ea": true, "snapshot": true}

// tailSign says how the parts one version has beyond the other rank it.
func tailSign(tail []versionPart) int {
	for _, p := range tail {
		switch {
		case p.word != "" && preRelease[p.word]:
			return -1
		case p.word != "" || p.num != "":
			return 1
		}
	}
	return 0
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// atLeast reports whether version v is min or later. An empty v is not.
func atLeast(v, min string) bool {
	return v != "" && CompareVersions(v, min) >= 0
}

// netFrameworkReleases maps the lowest NDP\v4\Full Release value of each
// .NET Framework 4.5+ version, highest first (ms-release; compare with >=).
var netFrameworkReleases = []struct {
	release int
	version string
}{
	{533320, "4.8.1"}, {528040, "4.8"}, {461808, "4.7.2"}, {461308, "4.7.1"},
	{460798, "4.7"}, {394802, "4.6.2"}, {394254, "4.6.1"}, {393295, "4.6"},
	{379893, "4.5.2"}, {378675, "4.5.1"}, {378389, "4.5"},
}

// NetFrameworkVersion returns the .NET Framework version a Release value
// of HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full stands for:
// "4.8" for 528040 through 533319, and so on; "" below 378389 (4.5).
// Source: https://learn.microsoft.com/dotnet/framework/install/how-to-determine-which-versions-are-installed
func NetFrameworkVersion(release int) string {
	for _, r := range netFrameworkReleases {
		if release >= r.release {
			return r.version
		}
	}
	return ""
}
