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
