package reporttest

import (
	"time"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Started is the fixed start time of every shared run.
func Started() time.Time {
	return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
}

// Empty is a scan that read nothing and found nothing.
func Empty() Case {
	return Case{
		Name: "empty",
		Run: finding.Run{
			Command:     "scan",
			ToolVersion: "(devel)",
			Floor:       "TLS 1.2",
			Started:     Started(),
		},
		Summary: finding.Summary{Unit: "files"},
	}
}

// Rich is a scan with file findings (relative and absolute paths, full and
// partial regions), target findings, both kinds of suppression, a rule seen
// only in a finding, an info rule and text that needs escaping.
func Rich() Case {
	return Case{
		Name:     "rich",
		Run:      richRun(),
		Findings: richFindings(),
		Summary: finding.Summary{
			Unit:       "files",
			Read:       120,
			Skipped:    []finding.Skip{{Reason: "binary", Count: 3}, {Reason: "too large", Count: 1}},
			Findings:   6,
			Suppressed: 2,
		},
	}
}

func richRun() finding.Run {
	return finding.Run{
		Command:     "scan",
		ToolVersion: "v1.4.0",
		Floor:       "TLS 1.2",
		Root:        "/home/dev/app",
		Rules:       richRules(),
		Started:     Started(),
	}
}

// richRules is deliberately not sorted by ID.
func richRules() []finding.Rule {
	return []finding.Rule{
		{
			ID:          "TF-PROBE-001",
			Title:       "Endpoint accepts TLS 1.0",
			Description: "The endpoint completed a handshake at a version below the floor.",
			Severity:    finding.Critical,
			Help:        "Set the endpoint's security policy to one that requires TLS 1.2 or later.",
			CWE:         "326",
		},
		{
			ID:          "TF-DOTNET-001",
			Title:       "SecurityProtocol pins TLS 1.0",
			Description: "Assigning ServicePointManager.SecurityProtocol pins the protocol versions and stops the OS from choosing TLS 1.2 or later.",
			Severity:    finding.High,
			Help:        "Remove the assignment, or set `SecurityProtocolType.SystemDefault`.",
			CWE:         "327",
			Tags:        []string{"dotnet", "security"},
			References:  []string{"https://learn.microsoft.com/en-us/dotnet/framework/network-programming/tls"},
		},
		{
			ID:       "TF-JAVA-002",
			Title:    "SSLContext requests TLSv1",
			Severity: finding.Medium,
			Help:     `Use SSLContext.getInstance("TLSv1.2") or "TLS".`,
			CWE:      "327",
			Tags:     []string{"java"},
		},
		{
			ID:       "TF-OPENSSL-003",
			Title:    "MinProtocol below TLSv1.2",
			Severity: finding.High,
		},
		{
			ID:          "TF-INFO-001",
			Title:       "Endpoint offers TLS 1.3",
			Description: "Informational: the endpoint negotiates TLS 1.3.",
			Severity:    finding.Info,
		},
	}
}

func richFindings() []finding.Finding {
	return []finding.Finding{
		{
			RuleID:   "TF-DOTNET-001",
			Severity: finding.High,
			Title:    "SecurityProtocol pins TLS 1.0",
			Message:  "src/Program.cs sets ServicePointManager.SecurityProtocol to Tls, which is TLS 1.0.",
			Location: &finding.Location{
				Path: "src/Program.cs", Line: 12, Column: 5, EndLine: 12, EndColumn: 60,
				Snippet: "ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;",
			},
			Evidence: []finding.Evidence{
				{Name: "matched", Value: "SecurityProtocolType.Tls"},
				{Name: "framework", Value: "net472"},
			},
			Remediation: "Delete the assignment on line 12; .NET 4.7+ then uses the OS default.",
			References:  []string{"https://learn.microsoft.com/en-us/dotnet/framework/network-programming/tls"},
		},
		{
			RuleID:   "TF-JAVA-002",
			Severity: finding.Medium,
			Title:    "SSLContext requests TLSv1",
			Message:  `App.java asks SSLContext for "TLSv1".`,
			Location: &finding.Location{Path: "src/main/java/App.java", Line: 40},
			Suppression: &finding.Suppression{
				Kind:          "inline",
				Justification: "test fixture for the legacy server",
			},
		},
		{
			RuleID:   "TF-PROBE-001",
			Severity: finding.Critical,
			Title:    "Endpoint accepts TLS 1.0",
			Message:  "s3.amazonaws.com:443 completed a TLS 1.0 handshake.\nThe floor is TLS 1.2.",
			Target:   "s3.amazonaws.com:443",
			Evidence: []finding.Evidence{{Name: "negotiated", Value: "TLS 1.0"}},
		},
		{
			RuleID:   "TF-EXTRA-009",
			Severity: finding.Low,
			Title:    "Comment mentions SSLv3",
			Message:  "docs/my notes.md mentions SSLv3 in a code block.",
			Location: &finding.Location{Path: "docs/my notes.md", Line: 7, Column: 3},
			Suppression: &finding.Suppression{
				Kind:          "config",
				Justification: "documentation only",
			},
		},
		{
			RuleID:   "TF-OPENSSL-003",
			Severity: finding.High,
			Title:    "MinProtocol below TLSv1.2",
			Message:  "/etc/ssl/openssl.cnf sets MinProtocol = TLSv1.",
			Location: &finding.Location{
				Path: "/etc/ssl/openssl.cnf", Line: 3,
				Snippet: "MinProtocol = TLSv1\x1b[31m",
			},
			Remediation: "Set MinProtocol = TLSv1.2.",
		},
		{
			RuleID:   "TF-INFO-001",
			Severity: finding.Info,
			Title:    "Endpoint offers TLS 1.3",
			Message:  "sts.amazonaws.com:443 negotiated TLS 1.3.",
			Target:   "sts.amazonaws.com:443",
		},
	}
}

// Mixed is a doctor run that reports every check it ran: passes (one with
// a remediation and references that the text format leaves out), a warn
// in a target and a suppressed warn in a file, an explicit fail, an
// unknown, and a finding without a verdict, which reads as a fail.
func Mixed() Case {
	return Case{
		Name:     "mixed",
		Run:      mixedRun(),
		Findings: mixedFindings(),
		Summary: finding.Summary{
			Unit:       "components",
			Read:       6,
			Skipped:    []finding.Skip{{Reason: "not installed", Count: 2}},
			Findings:   7,
			Suppressed: 1,
		},
	}
}

func mixedRun() finding.Run {
	return finding.Run{
		Command:     "doctor",
		ToolVersion: "v1.5.0",
		Floor:       "TLS 1.2",
		Rules:       mixedRules(),
		Started:     Started(),
	}
}

// mixedRules lists every rule of the run but TF-DOCTOR-006, which is made
// from its finding.
func mixedRules() []finding.Rule {
	return []finding.Rule{
		{ID: "TF-DOCTOR-001", Title: "OpenSSL defaults to TLS 1.2 or later", Severity: finding.High, CWE: "327"},
		{ID: "TF-DOCTOR-002", Title: "curl negotiates TLS 1.3", Severity: finding.Info},
		{ID: "TF-DOCTOR-003", Title: "Python follows the OpenSSL minimum", Severity: finding.Low},
		{ID: "TF-DOCTOR-004", Title: "Java enables TLS 1.0", Severity: finding.High, CWE: "327",
			Help: "Add TLSv1 and TLSv1.1 to jdk.tls.disabledAlgorithms."},
		{ID: "TF-DOCTOR-005", Title: "Node.js TLS minimum not verified", Severity: finding.Medium},
		{ID: "TF-DOCTOR-007", Title: "Unsafe legacy renegotiation allowed", Severity: finding.Medium},
	}
}

func mixedFindings() []finding.Finding {
	return []finding.Finding{
		{
			RuleID:   "TF-DOCTOR-001",
			Severity: finding.Info,
			Verdict:  finding.VerdictPass,
			Title:    "OpenSSL defaults to TLS 1.2 or later",
			Message:  "/etc/ssl/openssl.cnf sets MinProtocol = TLSv1.2 for OpenSSL 3.0.13.",
			Location: &finding.Location{Path: "/etc/ssl/openssl.cnf", Line: 52, Snippet: "MinProtocol = TLSv1.2"},
			Evidence: []finding.Evidence{
				{Name: "openssl", Value: "3.0.13"},
				{Name: "MinProtocol", Value: "TLSv1.2"},
			},
			Remediation: "Keep MinProtocol at TLSv1.2 or later.",
			References:  []string{"https://docs.openssl.org/3.0/man5/config/"},
		},
		{
			RuleID:   "TF-DOCTOR-002",
			Severity: finding.Info,
			Verdict:  finding.VerdictPass,
			Title:    "curl negotiates TLS 1.3",
			Message:  "/usr/bin/curl offers TLS 1.2 and 1.3 only.",
			Target:   "/usr/bin/curl",
			Evidence: []finding.Evidence{{Name: "ssl backend", Value: "OpenSSL/3.0.13"}},
		},
		{
			RuleID:      "TF-DOCTOR-003",
			Severity:    finding.Low,
			Verdict:     finding.VerdictWarn,
			Title:       "Python follows the OpenSSL minimum",
			Message:     "python3.12 sets no TLS minimum of its own: it keeps TLS 1.2 only while the OpenSSL configuration does.",
			Target:      "python3.12",
			Remediation: "Set SSLContext.minimum_version = TLSVersion.TLSv1_2 where the minimum must not follow the system.",
		},
		{
			RuleID:   "TF-DOCTOR-004",
			Severity: finding.High,
			Verdict:  finding.VerdictFail,
			Title:    "Java enables TLS 1.0",
			Message:  "java.security leaves TLSv1 and TLSv1.1 out of jdk.tls.disabledAlgorithms.",
			Location: &finding.Location{
				Path: "/usr/lib/jvm/java-8-openjdk/jre/lib/security/java.security", Line: 712,
				Snippet: "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES",
			},
			Evidence:    []finding.Evidence{{Name: "java.version", Value: "1.8.0_292"}},
			Remediation: "Add TLSv1, TLSv1.1 to jdk.tls.disabledAlgorithms.",
			References:  []string{"https://www.java.com/en/configure_crypto.html"},
		},
		{
			RuleID:      "TF-DOCTOR-005",
			Severity:    finding.Medium,
			Verdict:     finding.VerdictUnknown,
			Title:       "Node.js TLS minimum not verified",
			Message:     "/usr/bin/node could not be run to read its TLS minimum.",
			Target:      "/usr/bin/node",
			Evidence:    []finding.Evidence{{Name: "error", Value: "permission denied"}},
			Remediation: "Run node -p tls.DEFAULT_MIN_VERSION as a user who may run it.",
		},
		{
			RuleID:   "TF-DOCTOR-006",
			Severity: finding.High,
			Title:    "wget offers TLS 1.0",
			Message:  "/usr/bin/wget links GnuTLS 3.4.10, which offers TLS 1.0 by default.",
			Target:   "/usr/bin/wget",
		},
		{
			RuleID:   "TF-DOCTOR-007",
			Severity: finding.Medium,
			Verdict:  finding.VerdictWarn,
			Title:    "Unsafe legacy renegotiation allowed",
			Message:  "/etc/ssl/openssl.cnf sets Options = UnsafeLegacyRenegotiation.",
			Location: &finding.Location{Path: "/etc/ssl/openssl.cnf", Line: 58, Column: 1},
			Suppression: &finding.Suppression{
				Kind:          "config",
				Justification: "the payroll bridge needs it until 2025-06",
			},
		},
	}
}
