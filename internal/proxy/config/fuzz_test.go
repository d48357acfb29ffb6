package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// FuzzParse checks that Parse never panics, that every error it returns
// is an *Error naming the file, and that a file it accepts holds only
// values the flags would accept too.
func FuzzParse(f *testing.F) {
	addSeeds(f, "testdata/good/*.yaml", "testdata/bad/*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.yaml", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.yaml" || e.Line < 0 {
				t.Fatalf("error %v (%T) is not an *Error for fuzz.yaml", err, err)
			}
			return
		}
		checkAccepted(t, cfg)
	})
}

func checkAccepted(t *testing.T, cfg *File) {
	t.Helper()
	if err := CheckAddr(cfg.Listen); err != nil {
		t.Fatalf("accepted listen %q: %v", cfg.Listen, err)
	}
	if cfg.Metrics != "" {
		if err := CheckAddr(cfg.Metrics); err != nil {
			t.Fatalf("accepted metrics %q: %v", cfg.Metrics, err)
		}
	}
	if cfg.Mode != proxy.Enforce && cfg.Mode != proxy.Audit {
		t.Fatalf("accepted mode %d", cfg.Mode)
	}
	if _, err := ParseFloor(cfg.Floor.String()); err != nil {
		t.Fatalf("accepted floor %q", cfg.Floor)
	}
	if cfg.Allow != nil && len(cfg.Allow) == 0 {
		t.Fatal("accepted an empty allow list")
	}
	for _, p := range cfg.Allow {
		if _, err := proxy.ParsePattern(p.String()); err != nil {
			t.Fatalf("accepted pattern %v: %v", p, err)
		}
	}
	if err := cfg.TLS.check(); err != nil {
		t.Fatalf("accepted tls files %+v: %v", cfg.TLS, err)
	}
	l := cfg.Limits
	if cfg.DrainTimeout < 0 || l.MaxConns < 0 || l.HeaderTimeout < 0 || l.HelloTimeout < 0 || l.IdleTimeout < 0 || l.DialTimeout < 0 {
		t.Fatalf("accepted negative limits: %+v, drain %v", l, cfg.DrainTimeout)
	}
	cfg.Warnings()
}

// FuzzParseUsers checks that ParseUsers never panics and that what it
// accepts has non-empty names without colons and non-empty passwords.
func FuzzParseUsers(f *testing.F) {
	addSeeds(f, "testdata/good/users.txt", "testdata/users/*.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		users, err := ParseUsers("users.txt", data)
		if err != nil {
			return
		}
		for name, pw := range users {
			if name == "" || pw == "" || strings.Contains(name, ":") {
				t.Fatalf("accepted user %q with password %q", name, pw)
			}
		}
	})
}

// addSeeds adds the files matching each glob as seeds.
func addSeeds(f *testing.F, globs ...string) {
	n := 0
	for _, g := range globs {
		names, err := filepath.Glob(g)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
			n++
		}
	}
	if n == 0 {
		f.Fatalf("no seeds in %q", globs)
	}
}
