package text

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/report/reporttest"
)

// TestOptions: a command's Block lays out the findings it takes, the
// default layout the others, and Footer comes before the summary line.
func TestOptions(t *testing.T) {
	c := reporttest.Rich()
	mine := c.Findings[0].RuleID
	var buf bytes.Buffer
	h := NewWithOptions(&buf, Options{
		Block: func(f finding.Finding) (string, bool) {
			if f.RuleID != mine {
				return "", false
			}
			return "custom " + Clean(f.Target+"\x1b") + "\n", true
		},
		Footer: func() string { return "footer\n" },
	})
	if err := reporttest.Feed(h, c); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, f := range c.Findings {
		if f.RuleID == mine {
			if !strings.Contains(out, "custom "+Clean(f.Target)+`\x1b`) {
				t.Errorf("finding %s not laid out by Block:\n%s", f.RuleID, out)
			}
		} else if !strings.Contains(out, firstLine(f)) {
			t.Errorf("finding %s not in the default layout:\n%s", f.RuleID, out)
		}
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 2 || lines[len(lines)-2] != "footer" {
		t.Errorf("footer is not just before the summary line:\n%s", out)
	}
}
