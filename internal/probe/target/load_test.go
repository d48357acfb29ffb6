package target

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

func TestFromReader(t *testing.T) {
	input := "\ufeff# fleet\n" +
		"example.com\r\n" +
		"\n" +
		"   # indented comment\n" +
		"smtp://mail.example:25   # the relay\n" +
		"http://plain.example\n" +
		"https://example.org/#frag\n" +
		strings.Repeat("x", MaxLineLength+10) + "\n" +
		"bad host\n" +
		"[::1]:8443"
	targets, errs := FromReader("targets.txt", strings.NewReader(input))
	want := []Target{
		{Host: "example.com", Port: 443, Input: "example.com", Place: "targets.txt:2"},
		{Host: "mail.example", Port: 25, StartTLS: SMTP, Input: "smtp://mail.example:25", Place: "targets.txt:5"},
		{Host: "example.org", Port: 443, Input: "https://example.org/#frag", Place: "targets.txt:7"},
		{Host: "::1", Port: 8443, Input: "[::1]:8443", Place: "targets.txt:10"},
	}
	if len(targets) != len(want) {
		t.Fatalf("got %d targets %+v, want %d", len(targets), targets, len(want))
	}
	for i := range want {
		if targets[i] != want[i] {
			t.Errorf("target %d = %+v, want %+v", i, targets[i], want[i])
		}
	}
	wantErrs := []string{
		`targets.txt:6: target "http://plain.example": plain http`,
		"targets.txt:8: line is longer than 4096 bytes",
		`targets.txt:9: target "bad host": holds white space`,
	}
	checkErrors(t, errs, wantErrs)
}

// checkErrors fails unless errs are *ParseError values whose messages
// start with want, in order.
func checkErrors(t *testing.T, errs []error, want []string) {
	t.Helper()
	if len(errs) != len(want) {
		t.Fatalf("got %d errors %v, want %d", len(errs), errs, len(want))
	}
	for i, err := range errs {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("error %d (%v) is not a *ParseError", i, err)
		}
		if !strings.HasPrefix(err.Error(), want[i]) {
			t.Errorf("error %d = %q, want prefix %q", i, err, want[i])
		}
	}
}

func TestFromArgs(t *testing.T) {
	stdin := strings.NewReader("stdin.example\nnot valid!\n")
	targets, errs := FromArgs([]string{"a.example", "-", "http://b.example", "[::1]"}, stdin)
	places := []string{"argument 1", "stdin:1", "argument 4"}
	if len(targets) != len(places) {
		t.Fatalf("got targets %+v, want %d", targets, len(places))
	}
	for i, p := range places {
		if targets[i].Place != p {
			t.Errorf("target %d place = %q, want %q", i, targets[i].Place, p)
		}
	}
	checkErrors(t, errs, []string{`stdin:2: target "not valid!"`, `argument 3: target "http://b.example"`})
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "targets.txt")
	if err := os.WriteFile(file, []byte("f.example\nf.example:99999\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")
	targets, errs := Load([]string{file, missing, "-"}, []string{"arg.example"}, strings.NewReader("in.example"))
	var got []string
	for _, tg := range targets {
		got = append(got, tg.Place+"="+tg.Host)
	}
	want := file + ":1=f.example stdin:1=in.example argument 1=arg.example"
	if strings.Join(got, " ") != want {
		t.Errorf("targets = %v, want %s", got, want)
	}
	if len(errs) != 2 || !strings.HasPrefix(errs[0].Error(), file+":2: ") || !errors.Is(errs[1], os.ErrNotExist) {
		t.Errorf("errors = %v, want a bad port at %s:2 and a missing file", errs, file)
	}
}

func TestFromReaderReadError(t *testing.T) {
	r := iotest.TimeoutReader(strings.NewReader(strings.Repeat("a.example\n", 1000)))
	targets, errs := FromReader("pipe", r)
	if len(targets) == 0 || len(errs) != 1 || !errors.Is(errs[0], iotest.ErrTimeout) {
		t.Errorf("got %d targets and errors %v, want some targets and the read error", len(targets), errs)
	}
}

func TestFromReaderNil(t *testing.T) {
	if targets, errs := FromReader("stdin", nil); targets != nil || errs != nil {
		t.Errorf("FromReader(nil) = %v, %v, want nothing", targets, errs)
	}
}

func TestStripComment(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{name: "whole line", line: "# c", want: ""},
		{name: "indented", line: "\t# c", want: ""},
		{name: "trailing", line: "a.example # c", want: "a.example"},
		{name: "trailing tab", line: "a.example\t#c", want: "a.example"},
		{name: "fragment", line: "https://a.example/#x", want: "https://a.example/#x"},
		{name: "two words then comment", line: "a b # c", want: "a b # c"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := stripComment(tc.line); got != tc.want {
				t.Errorf("stripComment(%q) = %q, want %q", tc.line, got, tc.want)
			}
		})
	}
}
