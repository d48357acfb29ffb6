package rules

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// dotnetFuzzKinds are the kinds the four families read, indexed by the
// fuzzer's first argument.
var dotnetFuzzKinds = []source.Kind{source.CSharp, source.MSBuild, source.DotNetConfig, source.PowerShell, source.UnityVersion, source.UnitySettings}

// FuzzDotnetFamilyRules checks that no checker of the four families
// panics, and that every match is on a line of the file. Seeds are the
// fixtures, each tried as every kind.
func FuzzDotnetFamilyRules(f *testing.F) {
	for _, fam := range dotnetFamilies {
		err := filepath.WalkDir(filepath.Join("testdata", fam), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			for k := range dotnetFuzzKinds {
				f.Add(uint8(k), b)
			}
			return err
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	rules := dotnetFamilyRules()
	f.Fuzz(func(t *testing.T, k uint8, content []byte) {
		file := &source.File{Path: "fuzz", Kind: dotnetFuzzKinds[int(k)%len(dotnetFuzzKinds)], Content: content}
		lines := 1 + len(dotnetUTF8(content))
		for _, r := range rules {
			ms, _ := r.New().Check(file)
			for _, m := range ms {
				if m.Line < 1 || m.Line > lines || m.Column < 1 {
					t.Fatalf("%s: match at %d:%d in %d bytes", r.ID, m.Line, m.Column, len(content))
				}
			}
		}
	})
}
