package platform

import (
	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Status is the verdict of one entry on one set of facts.
type Status int

const (
	// Unknown means the facts needed to judge are missing: say what to
	// check instead, never pass.
	Unknown Status = iota
	// Pass means the requirement is met.
	Pass
	// Warn means the requirement is met only by default or partly, or a
	// setting weakens it without breaking it.
	Warn
	// Fail means the stack cannot reach, or is not held to, the floor.
	Fail
)

// String returns "unknown", "pass", "warn" or "fail".
func (s Status) String() string {
	return [...]string{"unknown", "pass", "warn", "fail"}[s]
}

// Entry is one row of the knowledge base: a platform under a condition,
// what it needs for the floor, and what to do when it is missing.
type Entry struct {
	// ID is stable and used in findings as the rule ID: "TF-PLAT-...".
	ID string
	// Title is the entry in one line, used as the finding and rule title.
	Title string
	// Platform names the stack: "Windows", ".NET Framework", "OpenSSL".
	Platform string
	// Condition says when the entry applies, in words.
	Condition string
	// Requirement says what the floor needs there.
	Requirement string
	// Remediation says exactly what to do when the requirement is not met.
	Remediation string
	// Sources are URLs of the documents the entry is taken from.
	Sources []string
	// Severity is the severity of a failure.
	Severity finding.Severity
	// MinFloor is the lowest floor (tls.VersionTLS12, tls.VersionTLS13) the
	// entry is judged for; entries about TLS 1.3 support are skipped when
	// the floor is TLS 1.2.
	MinFloor uint16
	// PostQuantum marks entries about hybrid post-quantum key exchange:
	// they are judged only when the floor asks for post-quantum.
	PostQuantum bool

	// judge returns nil when the entry does not apply to the facts, else
	// one result per subject it judged. Results need only Status, Subject,
	// Message and Evidence; Evaluate fills in Entry.
	judge func(f *Facts, fl Floor) []Result
}

// Result is one entry's verdict on one subject.
type Result struct {
	// Entry is the row that judged.
	Entry *Entry
	// Status is the verdict.
	Status Status
	// Subject names what was judged: "Windows Server 2008 R2 SP1 (build
	// 7601)", "python3 3.11.7 at /usr/bin/python3".
	Subject string
	// Message says what was found, naming the values read.
	Message string
	// Evidence lists the facts the verdict rests on.
	Evidence []finding.Evidence
}
