package handshake

import (
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// driver knows how to run one TLS client against a lab server with the
// client's default TLS settings, trusting the lab CA and verifying the
// server's certificate.
type driver struct {
	// name selects the driver in Options.Clients.
	name string
	// bin is the executable looked up on PATH.
	bin string
	// versionArgs make the client print its version on its first line.
	versionArgs []string
	// unsupported says why the driver cannot prove anything on goos, or "".
	unsupported func(goos string) string
	// command is the invocation that connects to t.
	command func(t target) invocation
	// account reads the client's own account of the connection from its
	// output; nil when the client gives none.
	account func(out string) account
}

// target is one lab server as a client sees it.
type target struct {
	host, port string
	caFile     string // PEM of the lab CA
	dir        string // the run's temporary directory, holding the probes
	timeout    time.Duration
}

// url is the server's HTTPS URL.
func (t target) url() string { return "https://" + t.host + ":" + t.port + "/" }

// seconds is the timeout in whole seconds, at least one.
func (t target) seconds() string { return strconv.Itoa(max(1, int(t.timeout/time.Second))) }

// invocation is one client command line.
type invocation struct {
	args  []string // after the executable
	env   []string // added to the client environment
	stdin string
}

// httpGet is the request the raw-socket clients send.
func httpGet(host string) string {
	return "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"
}

// drivers is the registry of client drivers, in report order. Adding a
// client is one entry here.
func drivers() []driver {
	return []driver{
		{name: "curl", bin: "curl", versionArgs: []string{"--version"}, command: curlCommand, account: curlAccount},
		{name: "openssl", bin: "openssl", versionArgs: []string{"version"}, command: opensslCommand, account: opensslAccount},
		{name: "python3", bin: "python3", versionArgs: []string{"-c", pythonVersion}, command: scriptCommand("probe.py"), account: probeAccount},
		{name: "node", bin: "node", versionArgs: []string{"-p", nodeVersion}, command: scriptCommand("probe.js"), account: probeAccount},
		{name: "java", bin: "java", versionArgs: []string{"-version"}, command: scriptCommand("TlsProbe.java"), account: probeAccount},
		{name: "aws", bin: "aws", versionArgs: []string{"--version"}, command: awsCommand},
		{name: "pwsh", bin: "pwsh", versionArgs: []string{"--version"}, unsupported: pwshUnsupported, command: pwshCommand},
		{name: "dotnet", bin: "dotnet", versionArgs: []string{"--version"}, unsupported: dotnetUnsupported},
	}
}

const (
	pythonVersion = "import ssl, sys; print('Python', sys.version.split()[0], '/', ssl.OPENSSL_VERSION)"
	nodeVersion   = "'Node.js ' + process.version + ' / OpenSSL ' + process.versions.openssl"
)

// curlCommand fetches the URL with curl's defaults (~/.curlrc included);
// -v prints the negotiated version and suite.
func curlCommand(t target) invocation {
	return invocation{args: []string{"-sS", "-v", "-o", os.DevNull, "-w", "%{http_code}\n",
		"--cacert", t.caFile, "--max-time", t.seconds(), t.url()}}
}

// opensslCommand runs s_client with its defaults, failing on any
// certificate verification error, including a wrong IP address.
func opensslCommand(t target) invocation {
	return invocation{
		args: []string{"s_client", "-connect", t.host + ":" + t.port, "-CAfile", t.caFile,
			"-verify_return_error", "-verify_ip", t.host, "-brief"},
		stdin: httpGet(t.host),
	}
}

// scriptCommand runs one of the embedded probes: python3 probe.py,
// node probe.js, or java TlsProbe.java (single-file source launch).
func scriptCommand(file string) func(t target) invocation {
	return func(t target) invocation {
		return invocation{args: []string{filepath.Join(t.dir, file), t.caFile, t.host, t.port}}
	}
}

// awsCommand calls STS through the lab server with dummy credentials and
// no config or credential file, so nothing real can leak. Any HTTP answer
// means the TLS handshake succeeded; the server records which version.
func awsCommand(t target) invocation {
	missing := filepath.Join(t.dir, "no-such-aws-file")
	return invocation{
		args: []string{"--endpoint-url", t.url(), "--region", "us-east-1",
			"--cli-connect-timeout", t.seconds(), "--cli-read-timeout", t.seconds(), "sts", "get-caller-identity"},
		env: []string{"AWS_CA_BUNDLE=" + t.caFile, "AWS_CONFIG_FILE=" + missing,
			"AWS_SHARED_CREDENTIALS_FILE=" + missing, "AWS_EC2_METADATA_DISABLED=true",
			"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
			"AWS_MAX_ATTEMPTS=1", "AWS_RETRY_MODE=standard", "AWS_PAGER="},
	}
}

// pwshCommand runs Invoke-WebRequest. On Linux, .NET builds its trust store
// from OpenSSL's default locations, which SSL_CERT_FILE and SSL_CERT_DIR
// replace; certificate checks stay on.
func pwshCommand(t target) invocation {
	script := "$ProgressPreference = 'SilentlyContinue'; " +
		"$r = Invoke-WebRequest -UseBasicParsing -TimeoutSec " + t.seconds() + " -Uri '" + t.url() + "'; " +
		"'status ' + $r.StatusCode"
	return invocation{
		args: []string{"-NoLogo", "-NoProfile", "-NonInteractive", "-Command", script},
		env:  []string{"SSL_CERT_FILE=" + t.caFile, "SSL_CERT_DIR=" + filepath.Join(t.dir, "no-cert-dir")},
	}
}

// pwshUnsupported: only on Linux can the lab CA be trusted without
// installing it in a system store; skipping verification proves nothing.
func pwshUnsupported(goos string) string {
	if goos == "linux" {
		return ""
	}
	return "cannot verify trust: on " + goos + " PowerShell trusts only the system certificate store, " +
		"and the lab will not install its CA there nor skip certificate checks"
}

// dotnetUnsupported: a .NET probe needs a project built before it runs.
func dotnetUnsupported(string) string {
	return "not supported yet: a .NET probe needs a project (or a .NET 10 file-based app) " +
		"built before it can run; pwsh covers .NET's TLS stack where it is installed"
}
