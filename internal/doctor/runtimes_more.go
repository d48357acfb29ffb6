package doctor

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

var javaPropRE = regexp.MustCompile(`(?m)^\s*(java\.version|java\.home)\s*=\s*(.+?)\s*$`)

// javaOptionVars are the variables the JVM reads extra options from.
var javaOptionVars = []string{"JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"}

// javaTLSProps are system properties that choose TLS versions when given
// as -D options (jdk.tls.client.protocols, https.protocols) or point at a
// java.security override (java.security.properties).
var javaTLSProps = []string{"jdk.tls.client.protocols", "https.protocols", "java.security.properties"}

func parseJava(c *collector, out string) (platform.Runtime, error) {
	props := map[string]string{}
	for _, m := range javaPropRE.FindAllStringSubmatch(out, -1) {
		props[m[1]] = m[2]
	}
	if props["java.version"] == "" {
		return platform.Runtime{}, fmt.Errorf("no java.version in the output of -XshowSettings:properties")
	}
	s := c.envSettings(javaOptionVars...)
	c.javaOptionProps(s)
	if err := c.readJavaSecurity(props["java.home"], s); err != nil {
		c.issue("java.security", err)
	}
	return platform.Runtime{Version: props["java.version"], Settings: s}, nil
}

// javaOptionProps copies -Dprop=value options for javaTLSProps out of the
// option variables.
func (c *collector) javaOptionProps(s map[string]string) {
	for _, v := range javaOptionVars {
		for _, opt := range strings.Fields(c.getenv(v)) {
			for _, p := range javaTLSProps {
				if val, ok := strings.CutPrefix(opt, "-D"+p+"="); ok {
					s[p] = val
				}
			}
		}
	}
}

// readJavaSecurity reads jdk.tls.disabledAlgorithms from the JDK's
// java.security (conf/security on 9+, lib/security on 8).
func (c *collector) readJavaSecurity(home string, s map[string]string) error {
	for _, rel := range []string{"conf/security/java.security", "lib/security/java.security", "jre/lib/security/java.security"} {
		path := filepath.Join(home, rel)
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		defer f.Close()
		props, err := parseJavaProperties(path, f)
		if err != nil {
			return err
		}
		s["java.security"] = path
		s["jdk.tls.disabledAlgorithms"] = props["jdk.tls.disabledAlgorithms"]
		return nil
	}
	return fmt.Errorf("no java.security under %s", home)
}

var dotnetRuntimeRE = regexp.MustCompile(`(?m)^Microsoft\.NETCore\.App (\S+)`)

// parseDotNet reports the newest .NET runtime installed.
func parseDotNet(_ *collector, out string) (platform.Runtime, error) {
	ms := dotnetRuntimeRE.FindAllStringSubmatch(out, -1)
	if ms == nil {
		return platform.Runtime{}, fmt.Errorf("no Microsoft.NETCore.App runtime listed")
	}
	newest := ms[0][1]
	for _, m := range ms[1:] {
		if platform.CompareVersions(m[1], newest) > 0 {
			newest = m[1]
		}
	}
	return platform.Runtime{Version: newest}, nil
}

// pwshScript prints the version and edition, one per line.
const pwshScript = `$PSVersionTable.PSVersion.ToString(); $PSVersionTable.PSEdition`

var pwshRE = regexp.MustCompile(`^(\d+\.\d+\S*)\s+(Desktop|Core)\s*$`)

func parsePwsh(_ *collector, out string) (platform.Runtime, error) {
	m := pwshRE.FindStringSubmatch(strings.TrimSpace(out))
	if m == nil {
		return platform.Runtime{}, fmt.Errorf("unreadable output %q", firstLine(out))
	}
	return platform.Runtime{Version: m[1], Settings: map[string]string{"PSEdition": m[2]}}, nil
}

var awsCLIRE = regexp.MustCompile(`aws-cli/(\S+)(?:\s+Python/(\S+))?`)

func parseAWSCLI(_ *collector, out string) (platform.Runtime, error) {
	m := awsCLIRE.FindStringSubmatch(out)
	if m == nil {
		return platform.Runtime{}, fmt.Errorf("no version in %q", firstLine(out))
	}
	return platform.Runtime{Version: m[1], Settings: map[string]string{"Python": m[2]}}, nil
}

var curlRE = regexp.MustCompile(`^curl (\S+).*?\s((?:OpenSSL|LibreSSL|BoringSSL|GnuTLS|Schannel|SecureTransport|wolfSSL|mbedTLS|rustls)[^\s]*)`)

func parseCurl(_ *collector, out string) (platform.Runtime, error) {
	m := curlRE.FindStringSubmatch(firstLine(out))
	if m == nil {
		return platform.Runtime{}, fmt.Errorf("no version and TLS library in %q", firstLine(out))
	}
	return platform.Runtime{Version: m[1], Settings: map[string]string{"tls_library": m[2]}}, nil
}
