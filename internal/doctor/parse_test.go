package doctor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

func TestParseOSRelease(t *testing.T) {
	in := "# comment\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME='Debian GNU/Linux'\nVERSION_ID=\"12\"\nID=debian\n\n"
	got, err := parseOSRelease("os-release", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"PRETTY_NAME": "Debian GNU/Linux 12 (bookworm)", "NAME": "Debian GNU/Linux", "VERSION_ID": "12", "ID": "debian"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseOSRelease (-want +got):\n%s", diff)
	}
	_, err = parseOSRelease("os-release", strings.NewReader("ID=debian\ngarbage line\n"))
	if err == nil || !strings.Contains(err.Error(), "os-release:2:") {
		t.Errorf("error = %v, want one naming os-release:2", err)
	}
}

func TestParseJavaProperties(t *testing.T) {
	got, err := parseJavaProperties("java.security", strings.NewReader(`# comment
! other comment
jdk.tls.disabledAlgorithms=SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, \
    MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, \
    ECDH
key2 : value two
key3 value3
emptykey
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"jdk.tls.disabledAlgorithms": "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH",
		"key2":                       "value two",
		"key3":                       "value3",
		"emptykey":                   "",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseJavaProperties (-want +got):\n%s", diff)
	}
}

func TestRuntimeParsers(t *testing.T) {
	c := &collector{opts: LiveOptions{Env: []string{"NODE_OPTIONS=--tls-min-v1.0", "JAVA_TOOL_OPTIONS=-Djdk.tls.client.protocols=TLSv1,TLSv1.2 -Xmx1g", "GODEBUG=tls10server=1"}}}
	tests := []struct {
		name  string
		parse func(*collector, string) (platformRuntime, error)
		out   string
		want  platformRuntime
	}{
		{name: "go", parse: parseGoVersion, out: "go version go1.26.8 linux/amd64\n",
			want: platformRuntime{Version: "1.26.8", Settings: map[string]string{"GODEBUG": "tls10server=1"}}},
		{name: "python", parse: parsePython, out: `{"version": "3.11.7", "openssl": "OpenSSL 3.0.19 27 Jan 2026", "minimum_version": "TLSv1_2", "security_level": 2}` + "\n",
			want: platformRuntime{Version: "3.11.7", Settings: map[string]string{"ssl.minimum_version": "TLSv1_2", "ssl.OPENSSL_VERSION": "OpenSSL 3.0.19 27 Jan 2026", "ssl.security_level": "2"}}},
		{name: "node", parse: parseNode, out: `{"version":"20.20.2","min":"TLSv1","max":"TLSv1.3","openssl":"3.0.19"}` + "\n",
			want: platformRuntime{Version: "20.20.2", Settings: map[string]string{"NODE_OPTIONS": "--tls-min-v1.0", "tls.DEFAULT_MIN_VERSION": "TLSv1", "tls.DEFAULT_MAX_VERSION": "TLSv1.3", "process.versions.openssl": "3.0.19"}}},
		{name: "dotnet", parse: parseDotNet, out: "Microsoft.AspNetCore.App 8.0.1 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]\nMicrosoft.NETCore.App 6.0.25 [/usr/share/dotnet]\nMicrosoft.NETCore.App 8.0.1 [/usr/share/dotnet]\n",
			want: platformRuntime{Version: "8.0.1"}},
		{name: "pwsh", parse: parsePwsh, out: "7.4.1\r\nCore\r\n",
			want: platformRuntime{Version: "7.4.1", Settings: map[string]string{"PSEdition": "Core"}}},
		{name: "aws", parse: parseAWSCLI, out: "aws-cli/2.15.10 Python/3.11.6 Linux/6.1.0 exe/x86_64.debian.12 prompt/off\n",
			want: platformRuntime{Version: "2.15.10", Settings: map[string]string{"Python": "3.11.6"}}},
		{name: "curl", parse: parseCurl, out: "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.19 zlib/1.2.13 brotli/1.0.9\nRelease-Date: 2023-02-20\n",
			want: platformRuntime{Version: "7.88.1", Settings: map[string]string{"tls_library": "OpenSSL/3.0.19"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.parse(c, tt.out)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpEmptyMap); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	for _, bad := range []struct {
		name  string
		parse func(*collector, string) (platformRuntime, error)
	}{{"go", parseGoVersion}, {"python", parsePython}, {"node", parseNode}, {"dotnet", parseDotNet}, {"pwsh", parsePwsh}, {"aws", parseAWSCLI}, {"curl", parseCurl}} {
		if _, err := bad.parse(c, "command not understood\n"); err == nil {
			t.Errorf("%s: no error for garbage output", bad.name)
		}
	}
}

func TestJavaOptionProps(t *testing.T) {
	c := &collector{opts: LiveOptions{Env: []string{"JAVA_TOOL_OPTIONS=-Djdk.tls.client.protocols=TLSv1,TLSv1.2 -Xmx1g", "_JAVA_OPTIONS=-Dhttps.protocols=TLSv1.1"}}}
	s := map[string]string{}
	c.javaOptionProps(s)
	want := map[string]string{"jdk.tls.client.protocols": "TLSv1,TLSv1.2", "https.protocols": "TLSv1.1"}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func FuzzParseJavaProperties(f *testing.F) {
	addSeeds(f, "java.security")
	f.Fuzz(func(t *testing.T, s string) {
		parseJavaProperties("fuzz", strings.NewReader(s))
	})
}

func FuzzParseOSRelease(f *testing.F) {
	addSeeds(f, "os-release")
	f.Fuzz(func(t *testing.T, s string) {
		parseOSRelease("fuzz", strings.NewReader(s))
	})
}

// addSeeds adds every testdata file whose name starts with prefix.
func addSeeds(f *testing.F, prefix string) {
	matches, err := filepath.Glob(filepath.Join("testdata", prefix+"*"))
	if err != nil || len(matches) == 0 {
		f.Fatalf("no seeds testdata/%s*: %v", prefix, err)
	}
	for _, m := range matches {
		b, err := os.ReadFile(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

type platformRuntime = platform.Runtime

// cmpEmptyMap treats a nil and an empty Settings map alike.
var cmpEmptyMap = cmpopts.EquateEmpty()
