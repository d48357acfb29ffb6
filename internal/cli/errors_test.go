package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

func TestExitCode(t *testing.T) {
	usage := Usagef("bad %s", "flag")
	tests := []struct {
		name string
		err  error
		want int
	}{
		{name: "nil", err: nil, want: ExitOK},
		{name: "plain error", err: errors.New("boom"), want: ExitError},
		{name: "usage", err: usage, want: ExitUsage},
		{name: "wrapped usage", err: fmt.Errorf("scan: %w", usage), want: ExitUsage},
		{name: "hinted usage", err: WithHint(usage, "try -h"), want: ExitUsage},
		{name: "findings", err: &FindingsError{Count: 2, FailOn: "low"}, want: ExitFindings},
		{name: "wrapped findings", err: fmt.Errorf("probe: %w", &FindingsError{Count: 1, FailOn: "high"}), want: ExitFindings},
		{name: "interrupted", err: &interruptedError{err: context.Canceled}, want: ExitError},
		{name: "hinted plain", err: WithHint(errors.New("boom"), "retry"), want: ExitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExitCode(tt.err); got != tt.want {
				t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	inner := errors.New("no such file")
	tests := []struct {
		name      string
		err       error
		wantMsg   string
		wantHints []string
	}{
		{name: "usagef wraps", err: Usagef("bad input: %w", inner), wantMsg: "bad input: no such file"},
		{name: "one finding", err: &FindingsError{Count: 1, FailOn: "low"}, wantMsg: "1 finding matched --fail-on low"},
		{name: "many findings", err: &FindingsError{Count: 3, FailOn: "below-floor"}, wantMsg: "3 findings matched --fail-on below-floor"},
		{name: "hint kept", err: WithHint(inner, "check the path"), wantMsg: "no such file", wantHints: []string{"check the path"}},
		{name: "outer hint wins", err: WithHint(&UsageError{Err: inner, Hints: []string{"inner"}}, "outer"), wantMsg: "no such file", wantHints: []string{"outer"}},
		{name: "hint through wrap", err: fmt.Errorf("scan: %w", &UsageError{Err: inner, Hints: []string{"inner"}}), wantMsg: "scan: no such file", wantHints: []string{"inner"}},
		{name: "no hints", err: inner, wantMsg: "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.wantMsg {
				t.Errorf("Error() = %q, want %q", got, tt.wantMsg)
			}
			if got := errorHints(tt.err); !slices.Equal(got, tt.wantHints) {
				t.Errorf("hints = %q, want %q", got, tt.wantHints)
			}
		})
	}
	if !errors.Is(Usagef("x: %w", inner), inner) {
		t.Error("Usagef does not wrap %w")
	}
	if WithHint(nil, "x") != nil {
		t.Error("WithHint(nil) is not nil")
	}
}
