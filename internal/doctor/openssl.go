package doctor

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/doctor/opensslconf"
	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// cryptoPolicyPath holds the RHEL/Fedora crypto-policy name
// (update-crypto-policies(8)).
const cryptoPolicyPath = "/etc/crypto-policies/config"

var (
	opensslVersionRE = regexp.MustCompile(`^(?:OpenSSL|LibreSSL)\s+(\S+)`)
	opensslDirRE     = regexp.MustCompile(`OPENSSLDIR:\s*"([^"]*)"`)
)

// collectOpenSSL reads the system OpenSSL's version, its configuration
// file and the floor that file sets.
func (c *collector) collectOpenSSL(ctx context.Context) {
	_, out, err := c.output(ctx, "openssl", "version", "-v", "-d")
	if errors.Is(err, errNotFound) && c.facts.OS.Family == platform.OSWindows {
		return // Windows uses Schannel; OpenSSL is an application's own
	}
	if err != nil {
		c.issue("openssl", err)
		return
	}
	m := opensslVersionRE.FindStringSubmatch(firstLine(out))
	if m == nil {
		c.issue("openssl", errors.New("cannot read a version from "+firstLine(out)))
		return
	}
	ossl := &platform.OpenSSL{Version: m[1]}
	c.facts.OpenSSL = ossl
	ossl.ConfigFile = c.opensslConfigFile(out)
	c.readOpenSSLConfig(ossl)
	ossl.CryptoPolicy = readCryptoPolicy()
}

// opensslConfigFile is OPENSSL_CONF, else OPENSSLDIR/openssl.cnf, with
// OPENSSLDIR read from the output of "openssl version -v -d".
func (c *collector) opensslConfigFile(versionOut string) string {
	if f := c.getenv("OPENSSL_CONF"); f != "" {
		return f
	}
	if m := opensslDirRE.FindStringSubmatch(versionOut); m != nil {
		return filepath.Join(m[1], "openssl.cnf")
	}
	c.issue("openssl version -d", errors.New("no OPENSSLDIR in "+strings.TrimSpace(versionOut)))
	return ""
}

func (c *collector) readOpenSSLConfig(ossl *platform.OpenSSL) {
	if ossl.ConfigFile == "" {
		return
	}
	conf, err := opensslconf.ParseFile(ossl.ConfigFile)
	if err != nil {
		c.issue(ossl.ConfigFile, err)
		return
	}
	sd := conf.SystemDefault("openssl_conf")
	ossl.MinProtocol, ossl.CipherString = sd.MinProtocol, sd.CipherString
}

// readCryptoPolicy returns the crypto-policy name, "" where there is none.
func readCryptoPolicy() string {
	b, err := os.ReadFile(cryptoPolicyPath)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			return line
		}
	}
	return ""
}
