package sarif

import (
	"net/url"
	"strings"
)

// artifact locates a file: a relative path becomes a URI reference under
// %SRCROOT%, an absolute one a file URI.
func artifact(path string) artifactLocation {
	if isAbs(path) {
		return artifactLocation{URI: fileURI(path)}
	}
	return artifactLocation{URI: (&url.URL{Path: path}).String(), URIBaseID: srcRoot}
}

// isAbs reports whether a slash-separated path is absolute, on Unix
// ("/etc") or on Windows ("C:/src").
func isAbs(path string) bool {
	return strings.HasPrefix(path, "/") || hasDrive(path)
}

// hasDrive reports whether path starts with a Windows drive letter, a
// colon and a slash.
func hasDrive(path string) bool {
	return len(path) >= 3 && path[1] == ':' && path[2] == '/' &&
		('a' <= path[0] && path[0] <= 'z' || 'A' <= path[0] && path[0] <= 'Z')
}

// fileURI is the file URI of an absolute slash-separated path.
func fileURI(path string) string {
	if hasDrive(path) {
		path = "/" + path
	}
	return (&url.URL{Scheme: "file", Path: path}).String()
}
