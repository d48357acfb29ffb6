package opensslconf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSystemDefault(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		app     string
		want    SystemDefault
		wantErr string
	}{
		{name: "debian 12 sets no floor", file: "debian12.cnf", app: "openssl_conf", want: SystemDefault{}},
		{name: "rhel crypto-policies include", file: "rhel/openssl.cnf", app: "openssl_conf", want: SystemDefault{
			Section: "crypto_policy", MinProtocol: "TLSv1.2", MaxProtocol: "TLSv1.3",
			CipherString: "@SECLEVEL=2:kEECDH:kRSA:kEDH:kPSK:kDHEPSK:kECDHEPSK:kRSAPSK:-aDSS:-3DES:!DES:!RC4:!RC2:!IDEA:-SEED:!eNULL:!aNULL:!MD5:-SHA384:-CAMELLIA:-ARIA:-AESCCM8",
		}},
		{name: "lowered by hand", file: "lowered.cnf", app: "openssl_conf", want: SystemDefault{Section: "system_default_sect", MinProtocol: "TLSv1", CipherString: "DEFAULT:@SECLEVEL=1"}},
		{name: "node reads its own section", file: "lowered.cnf", app: "nodejs_conf", want: SystemDefault{Section: "node_default", MinProtocol: "TLSv1.2"}},
		{name: "header without bracket", file: "broken-header.cnf", wantErr: "broken-header.cnf:2: section header"},
		{name: "line without equals", file: "broken-line.cnf", wantErr: "broken-line.cnf:2: line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseFile(filepath.Join("testdata", tt.file))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.SystemDefault(tt.app); got != tt.want {
				t.Errorf("SystemDefault(%q) =\n%+v\nwant\n%+v", tt.app, got, tt.want)
			}
		})
	}
}

func TestIncludeDepthBounded(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.cnf")
	if err := os.WriteFile(loop, []byte(".include "+loop+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseFile(loop); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("self-include: error = %v, want the depth limit", err)
	}
}

func TestFilesListed(t *testing.T) {
	c, err := ParseFile(filepath.Join("testdata", "rhel", "openssl.cnf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Files) != 2 || !strings.HasSuffix(c.Files[1], "opensslcnf.config") {
		t.Errorf("Files = %q, want the main file and the back-end", c.Files)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"debian12.cnf", "lowered.cnf", "rhel/openssl.cnf", "broken-header.cnf"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, ".include") {
			return // the fuzzer must not read arbitrary files
		}
		c, err := Parse("fuzz.cnf", strings.NewReader(s))
		if err != nil {
			return
		}
		c.SystemDefault("openssl_conf")
	})
}
