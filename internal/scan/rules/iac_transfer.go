package rules

import (
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// AWS Transfer Family servers take their SSH and TLS (FTPS) ciphers from
// a named security policy (scan-identifiers.md 12.6, [transfer-doc],
// [tfaws-issues]). For FTPS the service speaks TLS 1.2 whatever the policy
// ("We support TLS 1.2", https://docs.aws.amazon.com/transfer/latest/userguide/security-policies.html),
// so no policy is judged by its versions: a name outside the list is
// reported, and so is an FTPS server left on the oldest policy (CBC
// suites), which CloudFormation and Terraform pick when none is set.

// iacTransferPolicies are the Transfer Family security policies.
var iacTransferPolicies = map[string]bool{
	"TransferSecurityPolicy-2018-11": true, "TransferSecurityPolicy-2020-06": true,
	"TransferSecurityPolicy-FIPS-2020-06": true, "TransferSecurityPolicy-2022-03": true,
	"TransferSecurityPolicy-2023-05": true, "TransferSecurityPolicy-FIPS-2023-05": true,
	"TransferSecurityPolicy-2024-01": true, "TransferSecurityPolicy-FIPS-2024-01": true,
}

// iacTransferPQPrefix starts the post-quantum SSH policies, whose names
// carry an experimental tag and a date.
const iacTransferPQPrefix = "TransferSecurityPolicy-PQ-SSH-"

// iacTransferOldest is the oldest policy, the default of CloudFormation
// and Terraform.
const iacTransferOldest = "TransferSecurityPolicy-2018-11"

// iacTransferKnown reports whether a policy name is a known policy.
func iacTransferKnown(name string) bool {
	return iacTransferPolicies[name] || strings.HasPrefix(name, iacTransferPQPrefix) && len(name) > len(iacTransferPQPrefix)
}

// iacTransferServer is a Transfer Family server of a file.
type iacTransferServer struct {
	res    *iacNode
	policy *iacNode // nil when unset
	ftps   bool
}

// iacTransferServers returns the Transfer Family servers of a file.
func iacTransferServers(resources []*iacNode) []iacTransferServer {
	var out []iacTransferServer
	for _, r := range resources {
		var s iacTransferServer
		switch r.Type {
		case "aws_transfer_server":
			s = iacTransferServer{res: r, policy: r.get("security_policy_name")}
			for _, p := range tfListItems(r.get("protocols")) {
				s.ftps = s.ftps || p.Text == "FTPS"
			}
		case "AWS::Transfer::Server":
			s = iacTransferServer{res: r, policy: r.get("SecurityPolicyName")}
			for _, p := range r.all("Protocols") {
				s.ftps = s.ftps || p.Text == "FTPS"
			}
		default:
			continue
		}
		out = append(out, s)
	}
	return out
}

// iacCheckTransferUnknown finds security policy names not in the list.
func iacCheckTransferUnknown(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for _, s := range iacTransferServers(iacResources(f)) {
		if p := s.policy; p != nil && p.Literal && !iacTransferKnown(p.Text) {
			ms = append(ms, iacMatch(f, p.Line, p.Col, "security policy \""+p.Text+"\" is not a Transfer Family security policy this check knows; list them with aws transfer list-security-policies",
				finding.Evidence{Name: "security_policy_name", Value: p.Text}))
		}
	}
	return ms, iacParseErr(f)
}

// iacCheckTransferOldest finds FTPS servers on TransferSecurityPolicy-2018-11,
// set or by default.
func iacCheckTransferOldest(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for _, s := range iacTransferServers(iacResources(f)) {
		if !s.ftps {
			continue
		}
		var m source.Match
		switch p := s.policy; {
		case p == nil:
			m = iacMatch(f, s.res.Line, s.res.Col, "FTPS server sets no security policy, so it gets "+iacTransferOldest+", the oldest; the TLS versions it allows are not verified here")
		case p.Literal && p.Text == iacTransferOldest:
			m = iacMatch(f, p.Line, p.Col, "FTPS server uses "+iacTransferOldest+", the oldest security policy; the TLS versions it allows are not verified here")
		default:
			continue
		}
		m.Verdict = finding.VerdictWarn
		m.Evidence = []finding.Evidence{{Name: "security_policy_name", Value: iacTransferOldest}}
		ms = append(ms, m)
	}
	return ms, iacParseErr(f)
}
