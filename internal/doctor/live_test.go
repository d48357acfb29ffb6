package doctor

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// TestLiveThisMachine collects this machine's facts. The CI machine is
// Debian 12 with OpenSSL 3.0 and the test peers installed; elsewhere only
// what is present is checked.
func TestLiveThisMachine(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the live expectations are for Linux")
	}
	facts, issues := Live(context.Background(), LiveOptions{})
	for _, is := range issues {
		t.Logf("issue: %v", is)
	}
	if facts.OS.Family != platform.OSLinux || facts.OS.Name == "" {
		t.Errorf("OS = %+v, want Linux with a name from os-release", facts.OS)
	}
	if facts.OpenSSL == nil || !regexp.MustCompile(`^[13]\.\d+\.\d+`).MatchString(facts.OpenSSL.Version) {
		t.Fatalf("OpenSSL = %+v, want a version", facts.OpenSSL)
	}
	if facts.OpenSSL.ConfigFile == "" {
		t.Error("no OpenSSL configuration file found")
	}
	found := map[string]platform.Runtime{}
	for _, rt := range facts.Runtimes {
		found[rt.Name] = rt
	}
	want := map[string]string{ // runtime -> setting it must report
		platform.RuntimePython: "ssl.minimum_version",
		platform.RuntimeNode:   "tls.DEFAULT_MIN_VERSION",
		platform.RuntimeJava:   "jdk.tls.disabledAlgorithms",
	}
	for name, setting := range want {
		rt, ok := found[name]
		switch {
		case !ok && os.Getenv("CI") == "true":
			t.Errorf("%s not found on the CI machine", name)
		case ok && rt.Settings[setting] == "":
			t.Errorf("%s %s: setting %s not read: %+v", name, rt.Version, setting, rt.Settings)
		}
	}
}

// TestLiveHungRuntime puts a python3 that never answers first on PATH:
// the collection gives up after the timeout and reports it.
func TestLiveHungRuntime(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses a shell script")
	}
	dir := t.TempDir()
	script := "#!/bin/sh\nsleep 30\n"
	if err := os.WriteFile(filepath.Join(dir, "python3"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	_, issues := Live(context.Background(), LiveOptions{Timeout: 300 * time.Millisecond})
	for _, is := range issues {
		if is.Source == "python3" && strings.Contains(is.Err.Error(), "no answer in 300ms") {
			return
		}
	}
	t.Errorf("issues = %v, want python3 reported as not answering", issues)
}
