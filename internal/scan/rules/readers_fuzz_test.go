package rules

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// The readers of project files must not panic on any input, must place
// everything they return inside the file, and must say where they
// stopped: an error, when there is one, is a *syntaxError whose line is
// in the file (the scan's note adds the file's name).

// checkSyntaxError fails unless err is nil or a *syntaxError placed on
// one of the file's lines.
func checkSyntaxError(t *testing.T, err error, lines int) {
	t.Helper()
	if err == nil {
		return
	}
	var se *syntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error %q (%T) is not a syntax error", err, err)
	}
	if se.line < 1 || se.line > lines || se.col < 0 {
		t.Fatalf("error %q placed at %d:%d, outside %d lines", err, se.line, se.col, lines)
	}
	if !strings.Contains(err.Error(), "line ") {
		t.Fatalf("error %q names no line", err)
	}
}

// checkNodes fails when a node of the tree is outside the file.
func checkNodes(t *testing.T, nodes []*iacNode, lines int) {
	t.Helper()
	var walk func(n *iacNode, depth int)
	walk = func(n *iacNode, depth int) {
		if n == nil || depth > 100 {
			return
		}
		if n.Line > lines || n.Line < 0 || n.KeyLine > lines {
			t.Fatalf("node %q at line %d (key %d) outside %d lines", n.Text, n.Line, n.KeyLine, lines)
		}
		for _, vs := range n.Fields {
			for _, v := range vs {
				walk(v, depth+1)
			}
		}
		for _, it := range n.Items {
			walk(it, depth+1)
		}
	}
	for _, n := range nodes {
		walk(n, 0)
	}
}

// addSeeds adds every file under the testdata directories whose names
// match one of the globs, and the malformed seeds, to the fuzz corpus.
func addSeeds(f *testing.F, globs ...string) {
	f.Helper()
	dirs := []string{"testdata"}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			for _, g := range globs {
				if ok, _ := filepath.Match(g, d.Name()); ok {
					content, err := os.ReadFile(p)
					if err != nil {
						return err
					}
					f.Add(content)
					break
				}
			}
			return nil
		})
		if err != nil {
			f.Fatal(err)
		}
	}
}

// checkRules runs the rules of kind on content and checks their matches
// and errors.
func checkRules(t *testing.T, kind source.Kind, content []byte) {
	t.Helper()
	lines := lineCount(content)
	for _, r := range All() {
		if !kindIn(kind, r.Kinds) {
			continue
		}
		f := &source.File{Path: "fuzz", Kind: kind, Content: content}
		ms, err := r.New().Check(f)
		checkSyntaxError(t, err, lines)
		for _, m := range ms {
			if m.Line < 1 || m.Line > lines || m.Column < 0 {
				t.Fatalf("%s: match at %d:%d outside %d lines", r.ID, m.Line, m.Column, lines)
			}
		}
	}
}

// kindIn reports whether k is among ks.
func kindIn(k source.Kind, ks []source.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// FuzzTerraformReader reads arbitrary HCL.
func FuzzTerraformReader(f *testing.F) {
	addSeeds(f, "*.tf")
	f.Add([]byte("resource \"a\" \"b\" {\n  x = <<EOT\n  y\n"))
	f.Add([]byte("}\n/* x"))
	f.Fuzz(func(t *testing.T, content []byte) {
		res, err := tfResources(content)
		lines := lineCount(content)
		checkSyntaxError(t, err, lines)
		checkNodes(t, res, lines)
		for _, r := range res {
			if p := r.get("policy"); p != nil {
				tfParseValue(p.Toks)
			}
		}
		checkRules(t, source.Terraform, content)
	})
}

// FuzzCloudFormationReader reads arbitrary YAML and JSON templates.
func FuzzCloudFormationReader(f *testing.F) {
	addSeeds(f, "*.yaml", "*.json")
	f.Add([]byte(iacJSONTemplate))
	f.Add([]byte("Resources:\n  A: &x\n    Type: AWS::S3::BucketPolicy\n  B: *x\n"))
	f.Fuzz(func(t *testing.T, content []byte) {
		res, err := cfnResources(content)
		lines := lineCount(content)
		checkSyntaxError(t, err, lines)
		checkNodes(t, res, lines)
		checkRules(t, source.CloudFormation, content)
	})
}

// FuzzKubernetesReader reads arbitrary manifests.
func FuzzKubernetesReader(f *testing.F) {
	addSeeds(f, "*.yaml")
	f.Fuzz(func(t *testing.T, content []byte) {
		res, err := k8sSSLPolicies(content)
		lines := lineCount(content)
		checkSyntaxError(t, err, lines)
		checkNodes(t, res, lines)
		checkRules(t, source.Kubernetes, content)
	})
}

// FuzzXMLReader reads arbitrary project and configuration files.
func FuzzXMLReader(f *testing.F) {
	addSeeds(f, "*.csproj", "*.vbproj", "*.fsproj", "*.props", "*.config")
	f.Add([]byte("\xff\xfe<\x00a\x00>\x00"))
	f.Fuzz(func(t *testing.T, content []byte) {
		x, err := dotnetParseXML(content)
		lines := lineCount(dotnetUTF8(content))
		checkSyntaxError(t, err, lines)
		for _, e := range x.elems {
			if e.line < 1 || e.line > lines || e.textLine < 1 || e.textLine > lines {
				t.Fatalf("element %s at %d (text %d) outside %d lines", e.name, e.line, e.textLine, lines)
			}
		}
		checkRules(t, source.MSBuild, content)
		checkRules(t, source.DotNetConfig, content)
	})
}

// FuzzUnityReader reads arbitrary ProjectVersion.txt and
// ProjectSettings.asset files, text or binary.
func FuzzUnityReader(f *testing.F) {
	addSeeds(f, "ProjectVersion.txt", "ProjectSettings.asset")
	f.Add([]byte("m_EditorVersion: \n"))
	f.Fuzz(func(t *testing.T, content []byte) {
		lines := lineCount(content)
		for _, l := range unityLines(content) {
			if l.line < 1 || l.line > lines || l.col < 1 {
				t.Fatalf("line %+v outside %d lines", l, lines)
			}
		}
		checkRules(t, source.UnityVersion, content)
		checkRules(t, source.UnitySettings, content)
	})
}

// TestReaderErrors checks where each reader says a malformed file stops.
// yaml.v3 names the line where the mapping or sequence it could not
// finish starts.
func TestReaderErrors(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "malformed")
	read := func(name string) []byte {
		content, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return content
	}
	tests := []struct {
		file   string
		read   func([]byte) error
		line   int
		format string
	}{
		{"unclosed.tf", func(b []byte) error { _, err := tfResources(b); return err }, 3, "HCL"},
		{"template.yaml", func(b []byte) error { _, err := cfnResources(b); return err }, 3, "YAML"},
		{"template.json", func(b []byte) error { _, err := cfnResources(b); return err }, 2, "YAML"},
		{"ingress.yaml", func(b []byte) error { _, err := k8sSSLPolicies(b); return err }, 4, "YAML"},
		{"broken.csproj", func(b []byte) error { _, err := dotnetParseXML(b); return err }, 5, "XML"},
		{"app.config", func(b []byte) error { _, err := dotnetParseXML(b); return err }, 6, "XML"},
		{"go.mod.txt", func(b []byte) error { _, err := parseGoMod(b); return err }, 5, "go.mod"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			err := tt.read(read(tt.file))
			var se *syntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v, want a syntax error", err)
			}
			if se.line != tt.line || se.format != tt.format {
				t.Errorf("%s at line %d, want %s at line %d (%v)", se.format, se.line, tt.format, tt.line, err)
			}
		})
	}
}
