package cli

import (
	"context"
	"io"
	"slices"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/doctor"
	"github.com/tlsfloor/tlsfloor/internal/doctor/snapshot"
	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// runFrom judges machines read from files: each machine's checks, then
// its verdict; files that could not be read are reported, not dropped.
func (df *doctorFlags) runFrom(env *Env, paths []string) error {
	off := doctor.FromPaths(paths)
	var fs []finding.Finding
	for _, m := range off.Machines {
		checks := doctor.Judge(m, df.floor())
		fs = append(append(fs, checks...), doctor.MachineVerdict(m.Name, checks))
	}
	for _, is := range off.Unreadable {
		env.Warningf("%v", is.Err)
		fs = append(fs, doctor.Unread(is))
	}
	summary := finding.Summary{Unit: "files", Read: off.Read, Findings: len(fs)}
	if n := len(off.Unreadable); n > 0 {
		summary.Skipped = []finding.Skip{{Reason: "unreadable", Count: n}}
	}
	return df.report.Report(env, func(h finding.Handler) error {
		return emit(h, df.newRun(), slices.Values(fs), summary)
	})
}

// runCollect writes this machine's facts as a snapshot to -o or standard
// output. Facts that could not be read are left out of it (unknown) and
// named on standard error.
func (df *doctorFlags) runCollect(ctx context.Context, env *Env) error {
	facts, issues := doctor.Live(ctx, doctor.LiveOptions{Timeout: df.timeout, Binaries: df.binaries})
	for _, is := range issues {
		env.Warningf("not collected: %v", is)
	}
	out, err := openOutput(env.Stdout, df.report.Output)
	if err != nil {
		return err
	}
	defer out.abort()
	snap := snapshot.Snapshot{Collected: time.Now().UTC(), Host: facts.Host, Facts: facts}
	if err := snapshot.Write(io.Writer(out), snap); err != nil {
		return err
	}
	return out.commit()
}
