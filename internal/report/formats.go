// Package report maps output format names to their handlers. Each format is
// its own package under internal/report; this package only lists them.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/csv"
	"github.com/tlsfloor/tlsfloor/internal/report/html"
	"github.com/tlsfloor/tlsfloor/internal/report/jsonout"
	"github.com/tlsfloor/tlsfloor/internal/report/sarif"
	"github.com/tlsfloor/tlsfloor/internal/report/text"
)

// Format is one output format.
type Format struct {
	// Name is what --format takes: "text", "json", "sarif", "csv", "html".
	Name string
	// Description is one line for usage text.
	Description string
	// Machine is true for formats meant for programs rather than people.
	// Commands exit 0 on findings in machine formats unless --fail-on
	// asks otherwise.
	Machine bool
	// New returns a handler that writes the format to w.
	New func(w io.Writer) finding.Handler
}

// formats lists every format, the default first.
var formats = []Format{
	{
		Name:        "text",
		Description: "findings for people, as they are found, then a summary",
		New:         func(w io.Writer) finding.Handler { return text.New(w) },
	},
	{
		Name:        "json",
		Description: "the versioned JSON document (schema tlsfloor.<command>/v1)",
		Machine:     true,
		New:         func(w io.Writer) finding.Handler { return jsonout.New(w) },
	},
	{
		Name:        "sarif",
		Description: "SARIF 2.1.0, for GitHub code scanning",
		Machine:     true,
		New:         func(w io.Writer) finding.Handler { return sarif.New(w) },
	},
	{
		Name:        "csv",
		Description: "one row per finding, without the summary",
		Machine:     true,
		New:         func(w io.Writer) finding.Handler { return csv.New(w) },
	},
	{
		Name:        "html",
		Description: "one self-contained page for people: summary, findings, and a command's charts",
		New:         func(w io.Writer) finding.Handler { return html.New(w) },
	},
}

// Lookup returns the format called name.
func Lookup(name string) (Format, error) {
	for _, f := range formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(Names(), ", "))
}

// Names lists the format names, the default first.
func Names() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}
