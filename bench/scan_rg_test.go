package bench

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rgPatterns are, family by family, the words each tlsfloor rule starts
// from: ripgrep finds the lines that mention them, where tlsfloor then
// decides whether the value lowers the floor.
var rgPatterns = []string{
	// Go, GODEBUG, the AWS SDK for Go v2
	`MinVersion`, `MaxVersion`, `InsecureSkipVerify`, `CipherSuites`,
	`tls10server`, `tlsrsakex`, `tls3des`, `tlssha1`, `tlsmlkem`, `tlssecpmlkem`,
	`godebug`, `DefaultHTTPTransportTLSMinVersion`,
	// .NET, PowerShell, Xamarin, Unity
	`SecurityProtocol`, `SslProtocols`, `ServerCertificateValidationCallback`,
	`AndroidTlsProvider`, `NSExceptionMinimumTLSVersion`, `NSAllowsArbitraryLoads`,
	`SkipCertificateCheck`,
	// Java, Node.js, Python, Ruby, PHP
	`SSLContext\.getInstance`, `setEnabledProtocols`, `https\.protocols`, `jdk\.tls`,
	`checkServerTrusted`, `minVersion`, `maxVersion`, `secureProtocol`, `DEFAULT_MIN_VERSION`,
	`rejectUnauthorized`, `NODE_TLS_REJECT_UNAUTHORIZED`, `tls-min-v1`,
	`PROTOCOL_(SSL|TLS)`, `minimum_version`, `verify\s*=\s*False`, `_create_unverified_context`,
	`check_hostname`, `ssl_version`, `min_version`, `VERIFY_NONE`,
	`CURLOPT_SSL`, `verify_peer`, `STREAM_CRYPTO_METHOD`,
	// curl, wget, openssl in scripts
	`--tlsv1`, `--sslv3`, `--insecure`, `(?-u:\b)curl(?-u:\b).*\s-k(?-u:\b)`, `--secure-protocol`,
	`--no-check-certificate`, `-(ssl3|tls1|tls1_1)(?-u:\b)`,
	// nginx, HAProxy, Apache, openssl.cnf
	`ssl_protocols`, `ssl-min-ver`, `ssl-max-ver`, `force-(sslv3|tlsv1)`, `SSLProtocol`, `MinProtocol`,
	// Terraform, CloudFormation, Kubernetes
	`ssl_policy`, `SslPolicy`, `security_policy`, `SecurityPolicy`, `minimum_protocol_version`,
	`MinimumProtocolVersion`, `tls_security_policy`, `TLSSecurityPolicy`, `enforce_https`,
	`EnforceHTTPS`, `aws:SecureTransport`, `s3:TlsVersion`,
	// protocol names anywhere. Word boundaries are ASCII, (?-u:\b): a
	// Unicode \b keeps ripgrep off its DFA on non-ASCII text.
	`TLSv1(\.[01])?(?-u:\b)`, `SSLv[23]`,
}

// rgArgs is ripgrep's command line: the tree as tlsfloor walks it
// (.gitignore files honoured without a git repository, hidden files read,
// .git skipped, files over 10 MB skipped), one regular expression, and a
// count per file so that printing costs little.
func rgArgs(roots []string) []string {
	args := []string{"--no-config", "--hidden", "--no-require-git", "--glob", "!.git/",
		"--max-filesize", "10M", "--count", "--stats", "--no-messages",
		"-e", "(?:" + strings.Join(rgPatterns, ")|(?:") + ")"}
	return append(args, roots...)
}

// rgStats is what `rg --stats` says of a run.
type rgStats struct {
	matchedLines int
	searched     int
	bytes        int64
}

// rgStatsLine matches "N <what>" lines of --stats.
var rgStatsLine = regexp.MustCompile(`(?m)^(\d+) (matched lines|files searched|bytes searched)$`)

// parseRgStats reads the --stats block at the end of ripgrep's output.
func parseRgStats(out []byte) (rgStats, error) {
	var s rgStats
	seen := 0
	for _, m := range rgStatsLine.FindAllSubmatch(out, -1) {
		n, err := strconv.ParseInt(string(m[1]), 10, 64)
		if err != nil {
			return s, err
		}
		seen++
		switch string(m[2]) {
		case "matched lines":
			s.matchedLines = int(n)
		case "files searched":
			s.searched = int(n)
		case "bytes searched":
			s.bytes = n
		}
	}
	if seen < 3 {
		return s, fmt.Errorf("no --stats block in ripgrep's output")
	}
	return s, nil
}

// runRg runs ripgrep once. Exit status 1 means no match, not failure.
func runRg(t *testing.T, roots []string) (rgStats, time.Duration) {
	cmd := exec.Command("rg", rgArgs(roots)...)
	var out bytes.Buffer
	cmd.Stdout = &out
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) {
		t.Fatalf("rg: %v", err)
	}
	s, err := parseRgStats(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return s, d
}

// compareRipgrep times ripgrep and tlsfloor over the roots, interleaved,
// after one warm-up run of each so that both read from the page cache.
func compareRipgrep(t *testing.T, roots []string, tree treeSize) []scanRow {
	if _, err := exec.LookPath("rg"); err != nil {
		t.Log("ripgrep not installed (apt-get install -y ripgrep): skipping the throughput comparison")
		return nil
	}
	runRg(t, roots)
	runTLSFloor(t, roots)
	var rgT, tfT []time.Duration
	var st rgStats
	tfFiles, tfFindings := 0, 0
	for range reps() {
		s, d := runRg(t, roots)
		st, rgT = s, append(rgT, d)
		res, d2 := runTLSFloor(t, roots)
		tfT = append(tfT, d2)
		tfFiles, tfFindings = res.Summary.Read, len(res.Findings)
	}
	t.Logf("ripgrep runs %v; tlsfloor runs %v", rgT, tfT)
	t.Logf("ripgrep searched %d files, %.1f MB; tlsfloor checked %d files with rules (the others were opened, sniffed and skipped)",
		st.searched, float64(st.bytes)/1e6, tfFiles)
	rgS, tfS := median(rgT).Seconds(), median(tfT).Seconds()
	mb := float64(tree.bytes) / 1e6
	ratio := fmt.Sprintf("%.2f (goal >= 0.5)", rgS/tfS)
	return []scanRow{
		{tool: "ripgrep", target: "tree", files: st.searched, seconds: rgS, rate: float64(tree.files) / rgS, mbps: mb / rgS, findings: st.matchedLines},
		{tool: "tlsfloor", target: "tree", files: tfFiles, seconds: tfS, rate: float64(tree.files) / tfS, mbps: mb / tfS, findings: tfFindings, ratio: ratio},
	}
}
