package doctor

import (
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/doctor/handshake"
	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// RuleHandshake is the rule of doctor --handshake's findings.
const RuleHandshake = "TF-DOCTOR-HANDSHAKE"

// handshakeRule describes RuleHandshake, for SARIF.
var handshakeRule = finding.Rule{
	ID: RuleHandshake, Title: "What the client really negotiates", Severity: finding.High, CWE: "327",
	Description: "doctor --handshake drove the client, with its default settings and this environment, against local servers limited to TLS 1.0, 1.1, 1.2, 1.3 and a post-quantum hybrid group, and recorded what each handshake negotiated.",
	Help:        "A client that negotiates TLS 1.0 or 1.1 lets a server below the floor through: raise its minimum (see the client's remediation), or the system's (openssl.cnf MinProtocol = TLSv1.2).",
}

// clientFixes says how to raise each client's floor.
var clientFixes = map[string]string{
	"curl":    "curl takes its floor from OpenSSL: set MinProtocol = TLSv1.2 in the openssl.cnf system_default section, or pass --tlsv1.2 in every invocation.",
	"openssl": "openssl s_client takes its floor from openssl.cnf: set MinProtocol = TLSv1.2 in the system_default section, or pass -tls1_2 / -min_protocol TLSv1.2.",
	"python3": "Keep ssl.create_default_context() (minimum TLS 1.2); remove code that lowers SSLContext.minimum_version, and set MinProtocol = TLSv1.2 in openssl.cnf.",
	"node":    "Remove --tls-min-v1.0/--tls-min-v1.1 from NODE_OPTIONS and code that lowers tls.DEFAULT_MIN_VERSION or minVersion.",
	"java":    "Keep TLSv1 and TLSv1.1 in jdk.tls.disabledAlgorithms (java.security) and out of jdk.tls.client.protocols / https.protocols.",
	"aws":     "The AWS CLI uses Python's ssl module: see python3, and set MinProtocol = TLSv1.2 in openssl.cnf.",
}

// ProofFindings turns a handshake report into one finding per client
// found on the machine.
func ProofFindings(r *handshake.Report, postQuantumFloor bool) []finding.Finding {
	var fs []finding.Finding
	for _, j := range handshake.Judge(r, postQuantumFloor) {
		fs = append(fs, proofFinding(clientOf(r, j.Client), j))
	}
	return fs
}

func clientOf(r *handshake.Report, name string) handshake.ClientResult {
	for _, c := range r.Clients {
		if c.Name == name {
			return c
		}
	}
	return handshake.ClientResult{Name: name}
}

func proofFinding(c handshake.ClientResult, j handshake.Judgement) finding.Finding {
	f := finding.Finding{
		RuleID: RuleHandshake, Verdict: j.Verdict, Severity: proofSeverity(j.Verdict),
		Title:   "What " + c.Name + " really negotiates",
		Target:  fmt.Sprintf("%s at %s", c.Name, c.Path),
		Message: strings.Join(j.Reasons, "; "),
	}
	if c.Version != "" {
		f.Evidence = append(f.Evidence, finding.Evidence{Name: "version", Value: c.Version})
	}
	for _, a := range c.Results {
		f.Evidence = append(f.Evidence, finding.Evidence{Name: a.Server, Value: strings.TrimPrefix(a.String(), a.Server+": ")})
	}
	if j.Verdict != finding.VerdictPass {
		f.Remediation = clientFixes[c.Name]
	}
	return f
}

func proofSeverity(v finding.Verdict) finding.Severity {
	switch v {
	case finding.VerdictFail:
		return finding.High
	case finding.VerdictWarn:
		return finding.Medium
	case finding.VerdictUnknown:
		return finding.Low
	}
	return finding.Info
}
