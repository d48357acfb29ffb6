package rules

import (
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Classic Load Balancers take their TLS settings from SSL negotiation
// policies, separate from the listener: in Terraform an
// aws_load_balancer_policy (policy_type_name SSLNegotiationPolicyType,
// policy_attribute blocks) or an aws_lb_ssl_negotiation_policy (attribute
// blocks), attached to a listener port; in CloudFormation the Policies of
// the AWS::ElasticLoadBalancing::LoadBalancer, named by a listener's
// PolicyNames. An attribute is either Reference-Security-Policy, naming a
// predefined policy (judged by TF-IAC-001 and TF-IAC-003), or
// Protocol-<version> = true (scan-identifiers.md 12.1, [checkov], [kics]).

// iacSSLNegotiation is the policy type of SSL negotiation policies.
const iacSSLNegotiation = "SSLNegotiationPolicyType"

// iacReferencePolicy names the predefined policy an SSL negotiation
// policy starts from.
const iacReferencePolicy = "Reference-Security-Policy"

// iacCLBProtocols are the protocol attributes below TLS 1.2.
var iacCLBProtocols = map[string]string{
	"Protocol-SSLv2": "SSL 2.0", "Protocol-SSLv3": "SSL 3.0", "Protocol-TLSv1": "TLS 1.0", "Protocol-TLSv1.1": "TLS 1.1",
}

// iacAttr is one name/value attribute of an SSL negotiation policy.
type iacAttr struct {
	name, value *iacNode
}

// iacCLBPolicies returns the attributes of each SSL negotiation policy of
// a file, by policy.
func iacCLBPolicies(resources []*iacNode) [][]iacAttr {
	var out [][]iacAttr
	for _, r := range resources {
		switch r.Type {
		case "aws_load_balancer_policy":
			if t, ok := r.literal("policy_type_name"); ok && t.Text != iacSSLNegotiation {
				continue
			}
			out = append(out, iacAttrs(r.all("policy_attribute"), "name", "value"))
		case "aws_lb_ssl_negotiation_policy":
			out = append(out, iacAttrs(r.all("attribute"), "name", "value"))
		case "AWS::ElasticLoadBalancing::LoadBalancer":
			for _, p := range r.all("Policies") {
				if t, ok := p.literal("PolicyType"); ok && t.Text == iacSSLNegotiation {
					out = append(out, iacAttrs(p.all("Attributes"), "Name", "Value"))
				}
			}
		}
	}
	return out
}

// iacAttrs reads name/value blocks with literal names.
func iacAttrs(blocks []*iacNode, nameKey, valueKey string) []iacAttr {
	var out []iacAttr
	for _, b := range blocks {
		if n, ok := b.literal(nameKey); ok {
			out = append(out, iacAttr{name: n, value: b.get(valueKey)})
		}
	}
	return out
}

// iacCLBReferences returns the literal Reference-Security-Policy values
// of a file's SSL negotiation policies.
func iacCLBReferences(resources []*iacNode) []*iacNode {
	var out []*iacNode
	for _, attrs := range iacCLBPolicies(resources) {
		for _, a := range attrs {
			if a.name.Text == iacReferencePolicy && a.value != nil && a.value.Literal {
				out = append(out, a.value)
			}
		}
	}
	return out
}

// iacCheckCLBProtocols finds SSL negotiation policies that turn on a
// protocol below TLS 1.2.
func iacCheckCLBProtocols(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for _, attrs := range iacCLBPolicies(iacResources(f)) {
		for _, a := range attrs {
			proto, bad := iacCLBProtocols[a.name.Text]
			if !bad || a.value == nil || !a.value.Literal || !strings.EqualFold(a.value.Text, "true") {
				continue
			}
			msg := fmt.Sprintf("SSL negotiation policy sets %s = true: the classic load balancer accepts %s", a.name.Text, proto)
			ms = append(ms, iacMatch(f, a.name.Line, a.name.Col, msg, finding.Evidence{Name: a.name.Text, Value: a.value.Text}))
		}
	}
	return ms, iacParseErr(f)
}

// iacCheckCLBMissing finds classic load balancer HTTPS and SSL listeners
// with no SSL negotiation policy for their port in the file. Terraform
// attaches policies from other resources, possibly in other files, so a
// match is a warning there; so it is in CloudFormation, where the
// default policy of classic load balancers is not recorded here.
func iacCheckCLBMissing(f *source.File) ([]source.Match, error) {
	resources := iacResources(f)
	var ms []source.Match
	for _, r := range resources {
		var ports []*iacNode
		switch r.Type {
		case "aws_elb":
			ports = tfCLBUncovered(r, resources)
		case "AWS::ElasticLoadBalancing::LoadBalancer":
			ports = cfnCLBUncovered(r)
		}
		for _, p := range ports {
			m := iacMatch(f, p.Line, p.Col, "classic load balancer "+p.Text+" listener has no SSL negotiation policy here: it gets the default policy, which has allowed TLS 1.0 (ELBSecurityPolicy-2016-08)",
				finding.Evidence{Name: "protocol", Value: p.Text})
			m.Verdict = finding.VerdictWarn
			ms = append(ms, m)
		}
	}
	return ms, iacParseErr(f)
}

// iacCLBSecure reports whether a listener protocol is HTTPS or SSL.
func iacCLBSecure(p *iacNode, ok bool) bool {
	return ok && (strings.EqualFold(p.Text, "HTTPS") || strings.EqualFold(p.Text, "SSL"))
}

// tfCLBUncovered returns the protocol nodes of an aws_elb's HTTPS and SSL
// listeners that no policy attachment of the file covers. When the file
// attaches a policy to a load balancer it cannot name, nothing is
// returned: that one may be this.
func tfCLBUncovered(elb *iacNode, resources []*iacNode) []*iacNode {
	var out []*iacNode
	for _, l := range elb.all("listener") {
		p, ok := l.literal("lb_protocol")
		if !iacCLBSecure(p, ok) {
			continue
		}
		port, _ := l.literal("lb_port")
		covered, unknown := tfCLBAttached(elb, port, resources)
		if unknown {
			return nil
		}
		if !covered {
			out = append(out, p)
		}
	}
	return out
}

// tfCLBAttached reports whether a policy attachment of the file covers
// port of elb, and whether one names a load balancer not in the file.
func tfCLBAttached(elb, port *iacNode, resources []*iacNode) (covered, unknown bool) {
	for _, r := range resources {
		var lb, lbPort *iacNode
		switch r.Type {
		case "aws_load_balancer_listener_policy":
			lb, lbPort = r.get("load_balancer_name"), r.get("load_balancer_port")
		case "aws_lb_ssl_negotiation_policy":
			lb, lbPort = r.get("load_balancer"), r.get("lb_port")
		default:
			continue
		}
		switch target := tfCLBTarget(lb, resources); {
		case target == nil:
			unknown = true
		case target == elb && (port == nil || lbPort == nil || !lbPort.Literal || lbPort.Text == port.Text):
			covered = true
		}
	}
	return covered, unknown
}

// tfCLBTarget returns the aws_elb of the file that a load_balancer value
// names: aws_elb.NAME.name, .id or .arn, or the literal name.
func tfCLBTarget(v *iacNode, resources []*iacNode) *iacNode {
	if v == nil {
		return nil
	}
	for _, r := range resources {
		if r.Type != "aws_elb" || r.Data {
			continue
		}
		if strings.HasPrefix(v.Text, "aws_elb."+r.Name+".") {
			return r
		}
		if n, ok := r.literal("name"); ok && v.Literal && v.Text == n.Text {
			return r
		}
	}
	return nil
}

// cfnCLBUncovered returns the protocol nodes of a CloudFormation classic
// load balancer's HTTPS and SSL listeners without an SSL negotiation
// policy among their PolicyNames. A name that is not one of the
// resource's literal Policies (a reference, a predefined policy) counts
// as a policy.
func cfnCLBUncovered(r *iacNode) []*iacNode {
	kinds := map[string]bool{} // literal policy name -> is SSL negotiation
	for _, p := range r.all("Policies") {
		name, ok := p.literal("PolicyName")
		t, _ := p.literal("PolicyType")
		if ok {
			kinds[name.Text] = t != nil && t.Text == iacSSLNegotiation
		}
	}
	var out []*iacNode
	for _, l := range r.all("Listeners") {
		p, ok := l.literal("Protocol")
		if !iacCLBSecure(p, ok) {
			continue
		}
		covered := false
		for _, n := range l.all("PolicyNames") {
			ssl, known := kinds[n.Text]
			covered = covered || !n.Literal || !known || ssl
		}
		if !covered {
			out = append(out, p)
		}
	}
	return out
}
