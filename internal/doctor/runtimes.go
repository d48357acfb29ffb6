package doctor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// probe reads one runtime's version and TLS settings by running it.
type probe struct {
	name  string // platform.Runtime* constant
	bin   string // program looked up on PATH
	args  []string
	parse func(c *collector, out string) (platform.Runtime, error)
}

// probes lists the runtimes doctor looks for, in report order.
var probes = []probe{
	{name: platform.RuntimeGo, bin: "go", args: []string{"version"}, parse: parseGoVersion},
	{name: platform.RuntimeJava, bin: "java", args: []string{"-XshowSettings:properties", "-version"}, parse: parseJava},
	{name: platform.RuntimePython, bin: "python3", args: []string{"-c", pythonScript}, parse: parsePython},
	{name: platform.RuntimeNode, bin: "node", args: []string{"-p", nodeScript}, parse: parseNode},
	{name: platform.RuntimeDotNet, bin: "dotnet", args: []string{"--list-runtimes"}, parse: parseDotNet},
	{name: platform.RuntimePowerShell, bin: "pwsh", args: []string{"-NoProfile", "-NonInteractive", "-Command", pwshScript}, parse: parsePwsh},
	{name: platform.RuntimeAWSCLI, bin: "aws", args: []string{"--version"}, parse: parseAWSCLI},
	{name: platform.RuntimeCurl, bin: "curl", args: []string{"--version"}, parse: parseCurl},
}

// collectRuntimes runs every probe whose program is on PATH. A program
// that is absent is not an issue; one that fails or hangs is.
func (c *collector) collectRuntimes(ctx context.Context) {
	for _, p := range probes {
		path, out, err := c.output(ctx, p.bin, p.args...)
		if errors.Is(err, errNotFound) {
			continue
		}
		if err != nil {
			c.issue(p.bin, err)
			continue
		}
		rt, err := p.parse(c, out)
		if err != nil {
			c.issue(p.bin, fmt.Errorf("%s: %w", path, err))
			continue
		}
		rt.Name, rt.Path = p.name, path
		c.facts.Runtimes = append(c.facts.Runtimes, rt)
	}
}

var goVersionRE = regexp.MustCompile(`go version go(\S+)`)

func parseGoVersion(c *collector, out string) (platform.Runtime, error) {
	m := goVersionRE.FindStringSubmatch(out)
	if m == nil {
		return platform.Runtime{}, fmt.Errorf("no version in %q", firstLine(out))
	}
	return platform.Runtime{Version: m[1], Settings: c.envSettings("GODEBUG")}, nil
}

// envSettings returns the named variables that are set.
func (c *collector) envSettings(keys ...string) map[string]string {
	s := map[string]string{}
	for _, k := range keys {
		if v := c.getenv(k); v != "" {
			s[k] = v
		}
	}
	return s
}

// pythonScript prints what the default client context allows, the
// context botocore's urllib3 starts from.
const pythonScript = `import json, ssl, sys
c = ssl.create_default_context()
print(json.dumps({"version": "%d.%d.%d" % sys.version_info[:3], "openssl": ssl.OPENSSL_VERSION,
  "minimum_version": c.minimum_version.name, "security_level": getattr(c, "security_level", None)}))`

func parsePython(_ *collector, out string) (platform.Runtime, error) {
	var v struct {
		Version        string `json:"version"`
		OpenSSL        string `json:"openssl"`
		MinimumVersion string `json:"minimum_version"`
		SecurityLevel  *int   `json:"security_level"`
	}
	if err := decodeLastLine(out, &v); err != nil {
		return platform.Runtime{}, err
	}
	s := map[string]string{"ssl.minimum_version": v.MinimumVersion, "ssl.OPENSSL_VERSION": v.OpenSSL}
	if v.SecurityLevel != nil {
		s["ssl.security_level"] = fmt.Sprint(*v.SecurityLevel)
	}
	return platform.Runtime{Version: v.Version, Settings: s}, nil
}

// nodeScript prints the defaults every tls.connect starts from, after
// NODE_OPTIONS and openssl.cnf have been applied.
const nodeScript = `JSON.stringify({version: process.version.slice(1), min: require("tls").DEFAULT_MIN_VERSION, max: require("tls").DEFAULT_MAX_VERSION, openssl: process.versions.openssl})`

func parseNode(c *collector, out string) (platform.Runtime, error) {
	var v struct{ Version, Min, Max, OpenSSL string }
	if err := decodeLastLine(out, &v); err != nil {
		return platform.Runtime{}, err
	}
	s := c.envSettings("NODE_OPTIONS", "NODE_EXTRA_CA_CERTS")
	s["tls.DEFAULT_MIN_VERSION"], s["tls.DEFAULT_MAX_VERSION"], s["process.versions.openssl"] = v.Min, v.Max, v.OpenSSL
	return platform.Runtime{Version: v.Version, Settings: s}, nil
}

func decodeLastLine(out string, v any) error {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), v); err != nil {
		return fmt.Errorf("unreadable output %q: %w", firstLine(out), err)
	}
	return nil
}
