package rules

import (
	"fmt"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// iacPolicies returns the literal ELB security policies a file names:
// listener ssl_policy / SslPolicy, or the ALB ingress annotation.
func iacPolicies(f *source.File) []*iacNode {
	resources := iacResources(f)
	if f.Kind == source.Kubernetes {
		return resources
	}
	out := iacCLBReferences(resources)
	for _, r := range resources {
		if !iacELBListener(r.Type) {
			continue
		}
		if v, ok := r.literal("ssl_policy", "SslPolicy"); ok {
			out = append(out, v)
		}
	}
	return out
}

// iacCheckELBWeak finds ELB security policies with a TLS 1.0 or 1.1 floor.
func iacCheckELBWeak(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for _, v := range iacPolicies(f) {
		if iacELBWeak(v.Text) {
			msg := fmt.Sprintf("security policy %s allows TLS %s", v.Text, iacELBFloor(v.Text))
			ms = append(ms, iacMatch(f, v.Line, v.Col, msg, finding.Evidence{Name: "ssl_policy", Value: v.Text}))
		}
	}
	return ms, iacParseErr(f)
}

// iacCheckELBUnknown finds ELB security policy names not in the table.
func iacCheckELBUnknown(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for _, v := range iacPolicies(f) {
		if iacELBFloor(v.Text) == "" {
			msg := fmt.Sprintf("security policy %q is not a predefined ELB security policy", v.Text)
			ms = append(ms, iacMatch(f, v.Line, v.Col, msg, finding.Evidence{Name: "ssl_policy", Value: v.Text}))
		}
	}
	return ms, iacParseErr(f)
}

// iacCheckELBMissing finds HTTPS and TLS listeners without a policy.
func iacCheckELBMissing(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for _, r := range iacResources(f) {
		if !iacELBListener(r.Type) || r.get("ssl_policy", "SslPolicy") != nil {
			continue
		}
		p, ok := r.literal("protocol", "Protocol")
		if !ok || !strings.EqualFold(p.Text, "HTTPS") && !strings.EqualFold(p.Text, "TLS") {
			continue
		}
		msg := fmt.Sprintf("%s listener has no security policy, so it gets ELBSecurityPolicy-2016-08 (TLS 1.0)", strings.ToUpper(p.Text))
		ms = append(ms, iacMatch(f, r.Line, r.Col, msg, finding.Evidence{Name: "protocol", Value: p.Text}))
	}
	return ms, iacParseErr(f)
}

// iacCheckCloudFront finds viewer certificates below TLS 1.2.
func iacCheckCloudFront(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for _, r := range iacResources(f) {
		var certs []*iacNode
		switch r.Type {
		case "aws_cloudfront_distribution":
			certs = r.all("viewer_certificate")
		case "AWS::CloudFront::Distribution":
			certs = r.get("DistributionConfig").all("ViewerCertificate")
		}
		for _, c := range certs {
			v, ok := c.literal("minimum_protocol_version", "MinimumProtocolVersion")
			if low := iacCloudFrontWeak[v.textIf(ok)]; low != "" {
				msg := fmt.Sprintf("minimum protocol version %s allows %s", v.Text, low)
				ms = append(ms, iacMatch(f, v.Line, v.Col, msg, finding.Evidence{Name: "minimum_protocol_version", Value: v.Text}))
			}
		}
	}
	return ms, iacParseErr(f)
}

// textIf returns n's text when ok, else "".
func (n *iacNode) textIf(ok bool) string {
	if !ok {
		return ""
	}
	return n.Text
}

// iacCheckAPIGateway finds API Gateway domains with TLS_1_0.
func iacCheckAPIGateway(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	for _, r := range iacResources(f) {
		var holders []*iacNode
		switch r.Type {
		case "aws_api_gateway_domain_name", "AWS::ApiGateway::DomainName":
			holders = []*iacNode{r}
		case "aws_apigatewayv2_domain_name", "AWS::ApiGatewayV2::DomainName":
			holders = r.all("domain_name_configuration", "DomainNameConfigurations")
		}
		for _, h := range holders {
			if v, ok := h.literal("security_policy", "SecurityPolicy"); ok && v.Text == "TLS_1_0" {
				ms = append(ms, iacMatch(f, v.Line, v.Col, "security policy TLS_1_0 allows TLS 1.0", finding.Evidence{Name: "security_policy", Value: v.Text}))
			}
		}
	}
	return ms, iacParseErr(f)
}

// iacSearchOptions returns the endpoint options of OpenSearch and
// Elasticsearch domains, with their domains.
func iacSearchOptions(f *source.File) (domains, opts []*iacNode) {
	for _, r := range iacResources(f) {
		if iacSearchDomain(r.Type) {
			domains = append(domains, r)
			opts = append(opts, r.get("domain_endpoint_options", "DomainEndpointOptions"))
		}
	}
	return domains, opts
}

// iacCheckSearchWeak finds domains with the TLS 1.0 policy.
func iacCheckSearchWeak(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	_, opts := iacSearchOptions(f)
	for _, o := range opts {
		if v, ok := o.literal("tls_security_policy", "TLSSecurityPolicy"); ok && v.Text == iacSearchWeak {
			ms = append(ms, iacMatch(f, v.Line, v.Col, "TLS security policy "+v.Text+" allows TLS 1.0", finding.Evidence{Name: "tls_security_policy", Value: v.Text}))
		}
	}
	return ms, iacParseErr(f)
}

// iacCheckSearchMissing finds domains that enforce HTTPS with no policy.
func iacCheckSearchMissing(f *source.File) ([]source.Match, error) {
	var ms []source.Match
	domains, opts := iacSearchOptions(f)
	for i, o := range opts {
		e, ok := o.literal("enforce_https", "EnforceHTTPS")
		if !ok || !strings.EqualFold(e.Text, "true") || o.get("tls_security_policy", "TLSSecurityPolicy") != nil {
			continue
		}
		m := iacMatch(f, domains[i].Line, domains[i].Col, "domain enforces HTTPS but sets no TLS security policy; the default has been Policy-Min-TLS-1-0-2019-07")
		m.Verdict = finding.VerdictWarn
		ms = append(ms, m)
	}
	return ms, iacParseErr(f)
}
