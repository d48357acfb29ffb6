package doctor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// TestFleetFixtures judges each registry-export fixture (one per Windows
// row of the seed) and snapshot, and checks the verdict of the entry the
// fixture is about.
func TestFleetFixtures(t *testing.T) {
	const (
		pass    = finding.VerdictPass
		fail    = finding.VerdictFail
		warn    = finding.VerdictWarn
		unknown = finding.VerdictUnknown
	)
	tests := []struct {
		path string
		want map[string]finding.Verdict // rule -> verdict of every finding of that rule
	}{
		{path: "winreg/testdata/win7sp1-default.reg", want: map[string]finding.Verdict{"TF-PLAT-WIN7-SCHANNEL": fail, "TF-PLAT-WIN-WINHTTP": fail}},
		{path: "winreg/testdata/win7sp1-tls12.reg", want: map[string]finding.Verdict{"TF-PLAT-WIN7-SCHANNEL": pass}},
		{path: "winreg/testdata/win7sp1-winhttp-80.reg", want: map[string]finding.Verdict{"TF-PLAT-WIN-WINHTTP": fail}},
		{path: "winreg/testdata/win7sp1-winhttp-a00.reg", want: map[string]finding.Verdict{"TF-PLAT-WIN-WINHTTP": pass}},
		{path: "winreg/testdata/srv2008r2sp1-net35.reg", want: map[string]finding.Verdict{"TF-PLAT-NETFX35-HOTFIX": unknown, "TF-PLAT-PS-DESKTOP-CLR2": fail}},
		{path: "snapshot/testdata/srv2008r2sp1-net35-kb3154518.json", want: map[string]finding.Verdict{"TF-PLAT-NETFX35-HOTFIX": pass, "TF-PLAT-WIN7-SCHANNEL": fail}},
		{path: "winreg/testdata/srv2012-net35.reg", want: map[string]finding.Verdict{"TF-PLAT-NETFX35-HOTFIX": unknown, "TF-PLAT-NETFX-REGISTRY": fail}},
		{path: "winreg/testdata/win81-net35-kb3154520.reg", want: map[string]finding.Verdict{"TF-PLAT-NETFX35-HOTFIX": pass}},
		{path: "winreg/testdata/win10-1511-net35.reg", want: map[string]finding.Verdict{"TF-PLAT-NETFX35-HOTFIX": unknown, "TF-PLAT-WIN-OS": pass}},
		{path: "winreg/testdata/srv2016-net35.reg", want: map[string]finding.Verdict{"TF-PLAT-NETFX35-HOTFIX": unknown}},
		{path: "winreg/testdata/srv2012r2-net452.reg", want: map[string]finding.Verdict{"TF-PLAT-NETFX-REGISTRY": fail}},
		{path: "winreg/testdata/srv2012r2-net452-strong.reg", want: map[string]finding.Verdict{"TF-PLAT-NETFX-REGISTRY": pass}},
		{path: "winreg/testdata/srv2019-net48.reg", want: map[string]finding.Verdict{"TF-PLAT-NETFX-VERSION": pass, "TF-PLAT-PS-DESKTOP-CLR4": pass}},
		{path: "winreg/testdata/srv2019-net48-split", want: map[string]finding.Verdict{"TF-PLAT-NETFX-VERSION": pass}},
		{path: "winreg/testdata/srv2016-tls10-client.reg", want: map[string]finding.Verdict{"TF-PLAT-WIN-SCHANNEL-LEGACY": warn, "TF-PLAT-WIN-SCHANNEL-TLS12": pass}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			off := FromPaths([]string{tt.path})
			if len(off.Unreadable) > 0 || len(off.Machines) != 1 {
				t.Fatalf("FromPaths: %d machines, unreadable %v", len(off.Machines), off.Unreadable)
			}
			got := verdicts(Judge(off.Machines[0], platform.Floor{}))
			for rule, want := range tt.want {
				if len(got[rule]) == 0 {
					t.Errorf("%s: no finding", rule)
				}
				for _, v := range got[rule] {
					if v != want {
						t.Errorf("%s = %s, want %s", rule, v, want)
					}
				}
			}
		})
	}
}

func verdicts(fs []finding.Finding) map[string][]finding.Verdict {
	m := map[string][]finding.Verdict{}
	for _, f := range fs {
		m[f.RuleID] = append(m[f.RuleID], f.Outcome())
	}
	return m
}

// TestFleetBadInput reads good and broken files together: each broken one
// is reported with its file and line, and the good ones are still judged.
func TestFleetBadInput(t *testing.T) {
	broken, _ := filepath.Glob("winreg/testdata/broken/*.reg")
	paths := append([]string{"winreg/testdata/win7sp1-default.reg", "testdata/no-such-file.reg"}, broken...)
	paths = append(paths, "snapshot/testdata/srv2008r2sp1-net35-kb3154518.json")
	off := FromPaths(paths)
	if len(off.Machines) != 2 || off.Read != 2 {
		t.Errorf("read %d files into %d machines, want 2 and 2", off.Read, len(off.Machines))
	}
	if len(off.Unreadable) != len(broken)+1 {
		t.Fatalf("unreadable = %v, want the %d broken files and the missing one", off.Unreadable, len(broken))
	}
	for _, is := range off.Unreadable[1:] {
		if !strings.Contains(is.Err.Error(), filepath.Base(is.Source)+":") {
			t.Errorf("error %q does not name the file and line", is.Err)
		}
	}
	if !os.IsNotExist(unwrapAll(off.Unreadable[0].Err)) {
		t.Errorf("missing file: %v", off.Unreadable[0].Err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return err
		}
		err = u.Unwrap()
	}
}
