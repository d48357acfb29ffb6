package rules

import (
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// S3 bucket policies (scan-identifiers.md 12.5): a Deny on
// aws:SecureTransport false keeps plain HTTP out, and s3:TlsVersion
// conditions keep TLS below 1.2 out. Only documents the file spells out
// are judged; a policy read from a variable or another file is not.

// iacTLSVersionKey and iacSecureTransportKey are the condition keys, as
// AWS compares them: without regard to case.
const (
	iacTLSVersionKey      = "s3:TlsVersion"
	iacSecureTransportKey = "aws:SecureTransport"
)

// iacTLSJudgement is what one s3:TlsVersion condition does to the floor.
type iacTLSJudgement int

const (
	iacTLSNeutral iacTLSJudgement = iota // says nothing about the floor
	iacTLSGuard                          // keeps TLS below 1.2 out
	iacTLSWeak                           // lets TLS below 1.2 in, or keeps TLS 1.2 out
)

// iacJudgeTLS judges a numeric s3:TlsVersion condition in a statement of
// the given effect. A Deny guards when it denies everything below 1.2;
// an Allow guards when it allows only 1.2 and up.
func iacJudgeTLS(effect, op string, v float64) iacTLSJudgement {
	deny := strings.EqualFold(effect, "Deny")
	switch {
	case op == "NumericLessThan" && deny, op == "NumericGreaterThanEquals" && !deny:
		return iacTLSJudge(v >= 1.2)
	case op == "NumericLessThanEquals" && deny, op == "NumericGreaterThan" && !deny:
		return iacTLSJudge(v >= 1.1)
	case op == "NumericGreaterThanEquals" && deny && v <= 1.2, op == "NumericGreaterThan" && deny && v < 1.2:
		return iacTLSWeak // denying TLS 1.2 and up leaves only the old versions
	case strings.HasPrefix(op, "NumericLessThan") && !deny:
		return iacTLSWeak // allowing below v
	case op == "NumericEquals" && !deny && v < 1.2:
		return iacTLSWeak
	}
	return iacTLSNeutral
}

// iacTLSJudge is a guard when ok, weak otherwise.
func iacTLSJudge(ok bool) iacTLSJudgement {
	if ok {
		return iacTLSGuard
	}
	return iacTLSWeak
}

// iacTLSCond is one judged s3:TlsVersion condition.
type iacTLSCond struct {
	iacCond
	effect  string
	version float64
	j       iacTLSJudgement
}

// iacTLSConds returns the numeric s3:TlsVersion conditions of a document.
func iacTLSConds(sts []iacStatement) []iacTLSCond {
	var out []iacTLSCond
	for _, st := range sts {
		for _, c := range st.conds {
			if !strings.EqualFold(c.key, iacTLSVersionKey) || !strings.HasPrefix(c.op, "Numeric") {
				continue
			}
			for _, v := range c.values {
				if n, ok := iacVersion(v); ok {
					out = append(out, iacTLSCond{iacCond: c, effect: st.effect, version: n, j: iacJudgeTLS(st.effect, c.op, n)})
					break
				}
			}
		}
	}
	return out
}

// iacCheckS3TLS finds policy documents whose s3:TlsVersion conditions
// let TLS below 1.2 in, with no condition that keeps it out.
func iacCheckS3TLS(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for _, doc := range iacPolicyDocs(iacResources(f)) {
		conds := iacTLSConds(doc.statements)
		if iacAnyGuard(conds) {
			continue
		}
		for _, c := range conds {
			if c.j != iacTLSWeak {
				continue
			}
			msg := fmt.Sprintf("%s statement with s3:TlsVersion %s %g lets TLS versions below 1.2 through", c.effect, c.op, c.version)
			ms = append(ms, iacMatch(f, c.line, c.col, msg,
				finding.Evidence{Name: "Effect", Value: c.effect}, finding.Evidence{Name: c.op, Value: fmt.Sprint(c.version)}))
		}
	}
	return ms, iacParseErr(f)
}

// iacAnyGuard reports whether any condition guards the floor.
func iacAnyGuard(cs []iacTLSCond) bool {
	for _, c := range cs {
		if c.j == iacTLSGuard {
			return true
		}
	}
	return false
}

// iacSecureTransport sorts the aws:SecureTransport conditions of a
// document: denials of requests without TLS, and allowances of them.
func iacSecureTransport(sts []iacStatement) (denies bool, allows []iacCond) {
	for _, st := range sts {
		for _, c := range st.conds {
			if !strings.EqualFold(c.key, iacSecureTransportKey) || !strings.HasPrefix(c.op, "Bool") {
				continue
			}
			plain := false // the condition matches requests without TLS
			for _, v := range c.values {
				plain = plain || strings.EqualFold(v, "false")
			}
			switch {
			case !plain:
			case strings.EqualFold(st.effect, "Deny"):
				denies = true
			default:
				allows = append(allows, c)
			}
		}
	}
	return denies, allows
}

// iacCheckS3SecureTransport finds bucket policies without a Deny on
// aws:SecureTransport false, and statements that allow requests without
// TLS.
func iacCheckS3SecureTransport(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for _, doc := range iacPolicyDocs(iacResources(f)) {
		denies, allows := iacSecureTransport(doc.statements)
		for _, c := range allows {
			ms = append(ms, iacMatch(f, c.line, c.col, "Allow statement with aws:SecureTransport false grants requests made without TLS",
				finding.Evidence{Name: c.op, Value: iacSecureTransportKey + " = false"}))
		}
		if !denies && len(allows) == 0 && doc.bucket && doc.complete {
			ms = append(ms, iacMatch(f, doc.res.Line, doc.res.Col,
				"bucket policy has no Deny statement on aws:SecureTransport false: the bucket accepts requests over plain HTTP",
				finding.Evidence{Name: "policy", Value: doc.res.Type}))
		}
	}
	return ms, iacParseErr(f)
}
