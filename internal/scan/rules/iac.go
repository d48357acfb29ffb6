package rules

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Sources of the infrastructure-as-code rules (scan-identifiers.md
// section 12).
const (
	iacRefELBPolicies = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html"
	iacRefCDKPolicies = "https://github.com/aws/aws-cdk/blob/066134e4b7e7b03d3199efabd8680aa1768ff4ef/packages/aws-cdk-lib/aws-elasticloadbalancingv2/lib/shared/enums.ts"
	iacRefCloudFront  = "https://github.com/awsdocs/amazon-cloudfront-developer-guide/blob/1c964d49c912371ecc1b0fa1abc3ac7cdf374803/doc_source/secure-connections-supported-viewer-protocols-ciphers.md"
	iacRefAPIGateway  = "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html"
	iacRefCheckovES   = "https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/checkov/terraform/checks/resource/aws/ElasticsearchTLSPolicy.py"
	iacRefTrivyES     = "https://github.com/aquasecurity/trivy-checks/blob/80e5382269707262f35cf893bdc0805cb72217e9/checks/cloud/aws/elasticsearch/use_secure_tls_policy.rego"
	iacRefS3TLS       = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html"
	iacRefS3Transport = "https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/checkov/terraform/checks/resource/aws/S3SecureDataTransport.py"
	iacRefCheckovCLB  = "https://github.com/bridgecrewio/checkov/blob/03d5fdad8d6154b1565799a7b1fb8070c158866f/checkov/terraform/checks/resource/aws/ELBPolicyUsesSecureProtocols.py"
	iacRefTransfer    = "https://docs.aws.amazon.com/transfer/latest/userguide/security-policies.html"
	iacRefALBIngress  = "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/"
)

// iacKinds are the files the load-balancer, CloudFront, API Gateway,
// OpenSearch and S3 rules read.
var iacKinds = kinds(source.Terraform, source.CloudFormation)

// iacRules is the infrastructure-as-code family's table: Terraform,
// CloudFormation (YAML and JSON) and Kubernetes manifests (iac*.go,
// testdata/iac).
//
// Terraform is read by a small HCL lexer (iac_terraform.go) rather than
// github.com/hashicorp/hcl/v2, which would bring go-cty, apparentlymart
// and golang.org/x/text upgrades for the few attributes these rules read.
// CloudFormation and Kubernetes are read with gopkg.in/yaml.v3, which
// keeps line numbers, reads JSON templates too, and keeps CloudFormation
// short forms (!Ref, !Sub) as tagged nodes, so they are never mistaken
// for literal values.
func iacRules() []source.Rule {
	return []source.Rule{
		{
			ID: "TF-IAC-001", Title: "Load balancer security policy allows TLS 1.0 or 1.1",
			Description: "The listener's ssl_policy / SslPolicy (or the ALB ingress ssl-policy annotation) names an ELB security policy whose minimum protocol is TLS 1.0 or TLS 1.1, such as ELBSecurityPolicy-2016-08 or ELBSecurityPolicy-TLS13-1-1-2021-06.",
			Severity:    finding.High, CWE: "327", Kinds: kinds(source.Terraform, source.CloudFormation, source.Kubernetes),
			Fix:        "use a TLS 1.2 or 1.3 policy, such as ELBSecurityPolicy-TLS13-1-2-2021-06 or ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
			References: refs(iacRefELBPolicies, iacRefCDKPolicies, iacRefALBIngress),
			New:        iacNew(iacCheckELBWeak),
		},
		{
			ID: "TF-IAC-002", Title: "HTTPS/TLS listener without a security policy",
			Description: "An HTTPS or TLS listener that names no ssl_policy / SslPolicy gets ELBSecurityPolicy-2016-08 from the API, CloudFormation and Terraform, which allows TLS 1.0.",
			Severity:    finding.High, CWE: "327", Kinds: iacKinds,
			Fix:        "set ssl_policy / SslPolicy to a TLS 1.2 or 1.3 policy, such as ELBSecurityPolicy-TLS13-1-2-2021-06",
			References: refs(iacRefELBPolicies),
			New:        iacNew(iacCheckELBMissing),
		},
		{
			ID: "TF-IAC-003", Title: "Unknown load balancer security policy",
			Description: "The ELB security policy named is not one of the predefined policies, so its protocol floor cannot be verified; a misspelt name is rejected at deploy time or hides a custom policy.",
			Severity:    finding.Medium, CWE: "327", Kinds: kinds(source.Terraform, source.CloudFormation, source.Kubernetes),
			Fix:        "name a predefined TLS 1.2 or 1.3 policy exactly, such as ELBSecurityPolicy-TLS13-1-2-2021-06",
			References: refs(iacRefELBPolicies, iacRefCDKPolicies),
			New:        iacNew(iacCheckELBUnknown),
		},
		{
			ID: "TF-IAC-004", Title: "CloudFront minimum protocol version below TLS 1.2",
			Description: "viewer_certificate minimum_protocol_version / ViewerCertificate MinimumProtocolVersion SSLv3, TLSv1, TLSv1_2016 or TLSv1.1_2016 lets viewers connect below TLS 1.2.",
			Severity:    finding.High, CWE: "327", Kinds: iacKinds,
			Fix:        "set the minimum protocol version to TLSv1.2_2021 or later",
			References: refs(iacRefCloudFront),
			New:        iacNew(iacCheckCloudFront),
		},
		{
			ID: "TF-IAC-005", Title: "API Gateway custom domain allows TLS 1.0",
			Description: "security_policy / SecurityPolicy TLS_1_0 on an API Gateway custom domain accepts TLS 1.0 and 1.1.",
			Severity:    finding.High, CWE: "327", Kinds: iacKinds,
			Fix:        "set the security policy to TLS_1_2 or a SecurityPolicy_TLS13_* policy",
			References: refs(iacRefAPIGateway),
			New:        iacNew(iacCheckAPIGateway),
		},
		{
			ID: "TF-IAC-006", Title: "OpenSearch/Elasticsearch domain TLS policy allows TLS 1.0",
			Description: "tls_security_policy / TLSSecurityPolicy Policy-Min-TLS-1-0-2019-07 lets clients reach the domain endpoint with TLS 1.0 and 1.1.",
			Severity:    finding.High, CWE: "327", Kinds: iacKinds,
			Fix:        "set the TLS security policy to Policy-Min-TLS-1-2-2019-07 or Policy-Min-TLS-1-2-PFS-2023-10",
			References: refs(iacRefCheckovES, iacRefTrivyES),
			New:        iacNew(iacCheckSearchWeak),
		},
		{
			ID: "TF-IAC-007", Title: "OpenSearch/Elasticsearch domain enforces HTTPS without a TLS policy",
			Description: "A domain with enforce_https / EnforceHTTPS but no TLS security policy gets the service default, which has been Policy-Min-TLS-1-0-2019-07; whether it still is has not been verified, so the finding is a warning.",
			Severity:    finding.Medium, CWE: "327", Kinds: iacKinds,
			Fix:        "set the TLS security policy explicitly to Policy-Min-TLS-1-2-2019-07 or Policy-Min-TLS-1-2-PFS-2023-10",
			References: refs(iacRefCheckovES, iacRefTrivyES),
			New:        iacNew(iacCheckSearchMissing),
		},
		{
			ID: "TF-IAC-008", Title: "S3 bucket policy TLS guard below TLS 1.2",
			Description: "The policy's only s3:TlsVersion condition compares against a version below 1.2 (NumericLessThan \"1.0\" denies nothing TLS 1.0 or 1.1 clients send), so the bucket accepts requests below the floor.",
			Severity:    finding.High, CWE: "327", Kinds: iacKinds,
			Fix:        "deny requests with {\"NumericLessThan\": {\"s3:TlsVersion\": \"1.2\"}}",
			References: refs(iacRefS3TLS),
			New:        iacNew(iacCheckS3TLS),
		},
		{
			ID: "TF-IAC-009", Title: "S3 bucket policy does not deny requests without TLS",
			Description: "A bucket policy with no Deny statement on {\"Bool\": {\"aws:SecureTransport\": \"false\"}}, or with an Allow on it, lets clients reach the bucket over plain HTTP; an s3:TlsVersion condition does not cover that, since plain HTTP requests carry no TLS version.",
			Severity:    finding.High, CWE: "319", Kinds: iacKinds,
			Fix:        "add a statement {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": [bucket ARN, bucket ARN/*], \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}",
			References: refs(iacRefS3TLS, iacRefS3Transport),
			New:        iacNew(iacCheckS3SecureTransport),
		},
		{
			ID: "TF-IAC-010", Title: "Classic Load Balancer SSL negotiation policy enables SSL 3.0, TLS 1.0 or TLS 1.1",
			Description: "An SSL negotiation policy (aws_load_balancer_policy, aws_lb_ssl_negotiation_policy, or a CloudFormation Policies entry of type SSLNegotiationPolicyType) with Protocol-SSLv2, Protocol-SSLv3, Protocol-TLSv1 or Protocol-TLSv1.1 set to true lets the classic load balancer accept that protocol.",
			Severity:    finding.High, CWE: "327", Kinds: iacKinds,
			Fix:        "use only Reference-Security-Policy = ELBSecurityPolicy-TLS-1-2-2017-01 (or set the old Protocol-* attributes to false), or move to an Application or Network Load Balancer with a TLS 1.2 policy",
			References: refs(iacRefCheckovCLB, iacRefELBPolicies),
			New:        iacNew(iacCheckCLBProtocols),
		},
		{
			ID: "TF-IAC-011", Title: "Classic Load Balancer HTTPS/SSL listener without an SSL negotiation policy",
			Description: "A classic load balancer HTTPS or SSL listener with no SSL negotiation policy attached in the same file gets the load balancer's default policy, which has been ELBSecurityPolicy-2016-08 (TLS 1.0). Reported as a warning: in Terraform the policy may be attached from another file.",
			Severity:    finding.Medium, CWE: "327", Kinds: iacKinds,
			Fix:        "attach an SSL negotiation policy with Reference-Security-Policy = ELBSecurityPolicy-TLS-1-2-2017-01 to the listener's port",
			References: refs(iacRefCheckovCLB, iacRefELBPolicies),
			New:        iacNew(iacCheckCLBMissing),
		},
		{
			ID: "TF-IAC-012", Title: "Unknown Transfer Family security policy",
			Description: "security_policy_name / SecurityPolicyName is not one of the Transfer Family security policies this check knows, so what the server allows cannot be judged; a misspelt name fails at deploy time, a new one should be added here.",
			Severity:    finding.Medium, CWE: "327", Kinds: iacKinds,
			Fix:        "use a listed policy such as TransferSecurityPolicy-2024-01 (aws transfer list-security-policies)",
			References: refs(iacRefTransfer),
			New:        iacNew(iacCheckTransferUnknown),
		},
		{
			ID: "TF-IAC-013", Title: "Transfer Family FTPS server on the oldest security policy",
			Description: "An FTPS server with TransferSecurityPolicy-2018-11, set or by default (CloudFormation and Terraform pick it when security_policy_name is unset; the console and API pick TransferSecurityPolicy-2024-01), uses the oldest TLS cipher list. Reported as a warning: the TLS versions each policy allows for FTPS are not recorded here.",
			Severity:    finding.Low, CWE: "327", Kinds: iacKinds,
			Fix:        "set security_policy_name / SecurityPolicyName to TransferSecurityPolicy-2024-01 or later",
			References: refs(iacRefTransfer),
			New:        iacNew(iacCheckTransferOldest),
		},
	}
}

// iacCheck is a checking function of the family.
type iacCheck func(f *source.File) ([]source.Match, error)

// Check implements source.Checker.
func (c iacCheck) Check(f *source.File) ([]source.Match, error) { return c(f) }

// iacNew returns a Rule.New for a checking function.
func iacNew(c iacCheck) func() source.Checker {
	return func() source.Checker { return c }
}

// iacELBMin maps each predefined ELB security policy, after the
// "ELBSecurityPolicy-" prefix, to its minimum TLS version
// (scan-identifiers.md 12.1: [alb], [cdk], [elb-doc], [checkov]).
var iacELBMin = map[string]string{
	// TLS 1.3 floor.
	"TLS13-1-3-2021-06": "1.3", "TLS13-1-3-FIPS-2023-04": "1.3",
	"TLS13-1-3-PQ-2025-09": "1.3", "TLS13-1-3-FIPS-PQ-2025-09": "1.3",
	// TLS 1.2 floor.
	"TLS13-1-2-2021-06": "1.2", "TLS13-1-2-Res-2021-06": "1.2",
	"TLS13-1-2-Ext1-2021-06": "1.2", "TLS13-1-2-Ext2-2021-06": "1.2",
	"FS-1-2-Res-2020-10": "1.2", "FS-1-2-Res-2019-08": "1.2", "FS-1-2-2019-08": "1.2",
	"TLS-1-2-Ext-2018-06": "1.2", "TLS-1-2-2017-01": "1.2",
	"TLS13-1-2-Res-FIPS-2023-04": "1.2", "TLS13-1-2-FIPS-2023-04": "1.2",
	"TLS13-1-2-Ext0-FIPS-2023-04": "1.2", "TLS13-1-2-Ext1-FIPS-2023-04": "1.2",
	"TLS13-1-2-Ext2-FIPS-2023-04": "1.2",
	"TLS13-1-2-PQ-2025-09":        "1.2", "TLS13-1-2-Res-PQ-2025-09": "1.2",
	"TLS13-1-2-Ext1-PQ-2025-09": "1.2", "TLS13-1-2-Ext2-PQ-2025-09": "1.2",
	"TLS13-1-2-FIPS-PQ-2025-09": "1.2", "TLS13-1-2-Res-FIPS-PQ-2025-09": "1.2",
	"TLS13-1-2-Ext0-FIPS-PQ-2025-09": "1.2", "TLS13-1-2-Ext1-FIPS-PQ-2025-09": "1.2",
	"TLS13-1-2-Ext2-FIPS-PQ-2025-09": "1.2",
	// TLS 1.1 floor.
	"TLS13-1-1-2021-06": "1.1", "FS-1-1-2019-08": "1.1", "TLS-1-1-2017-01": "1.1",
	"TLS13-1-1-FIPS-2023-04": "1.1", "TLS13-1-1-FIPS-PQ-2025-09": "1.1",
	// TLS 1.0 floor, and the classic-era policies treated as such.
	"TLS13-1-0-2021-06": "1.0", "FS-2018-06": "1.0", "2016-08": "1.0", "2015-05": "1.0",
	"TLS-1-0-2015-04": "1.0", "TLS13-1-0-FIPS-2023-04": "1.0", "TLS13-1-0-PQ-2025-09": "1.0",
	"TLS13-1-0-FIPS-PQ-2025-09": "1.0",
	"2015-03":                   "1.0", "2015-02": "1.0", "2014-10": "1.0", "2014-01": "1.0",
}

// iacELBPrefix starts every predefined ELB security policy name.
const iacELBPrefix = "ELBSecurityPolicy-"

// iacELBFloor returns the minimum TLS version of an ELB security policy
// name, or "" for a name not in the table.
func iacELBFloor(name string) string {
	rest, ok := strings.CutPrefix(name, iacELBPrefix)
	if !ok {
		return ""
	}
	return iacELBMin[rest]
}

// iacELBWeak reports whether a known policy allows TLS 1.0 or 1.1.
func iacELBWeak(name string) bool {
	f := iacELBFloor(name)
	return f == "1.0" || f == "1.1"
}

// iacCloudFrontWeak maps CloudFront minimum protocol versions below
// TLS 1.2 to the lowest protocol they allow ([cf-doc]).
var iacCloudFrontWeak = map[string]string{
	"SSLv3": "SSL 3.0", "TLSv1": "TLS 1.0", "TLSv1_2016": "TLS 1.0", "TLSv1.1_2016": "TLS 1.1",
}

// iacSearchWeak is the OpenSearch/Elasticsearch TLS policy with a TLS 1.0
// floor ([checkov], [trivy]).
const iacSearchWeak = "Policy-Min-TLS-1-0-2019-07"

// iacELBListener reports whether a Terraform or CloudFormation resource
// type is an ALB/NLB listener.
func iacELBListener(typ string) bool {
	switch typ {
	case "aws_lb_listener", "aws_alb_listener", "AWS::ElasticLoadBalancingV2::Listener":
		return true
	}
	return false
}

// iacSearchDomain reports whether a resource type is an OpenSearch or
// Elasticsearch domain.
func iacSearchDomain(typ string) bool {
	switch typ {
	case "aws_opensearch_domain", "aws_elasticsearch_domain",
		"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain":
		return true
	}
	return false
}

// iacSnippetMax bounds a snippet's length in bytes.
const iacSnippetMax = 200

// iacLine returns line n (1-based) of content, trimmed, for a snippet.
func iacLine(content []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(content, '\n')
		if j < 0 {
			return ""
		}
		content = content[j+1:]
	}
	line, _, _ := bytes.Cut(content, []byte("\n"))
	s := strings.TrimSpace(string(line))
	if len(s) > iacSnippetMax {
		s = strings.ToValidUTF8(s[:iacSnippetMax], "") + "…"
	}
	return s
}

// iacMatch builds a match at a line and column of f.
func iacMatch(f *source.File, line, col int, msg string, ev ...finding.Evidence) source.Match {
	return source.Match{Line: line, Column: col, Snippet: iacLine(f.Content, line), Message: msg, Evidence: ev}
}

// iacVersion reads a TLS version such as "1.0" or "1.2" as a number; ok
// is false for anything else.
func iacVersion(v string) (float64, bool) {
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	return n, err == nil && n > 0 && n < 10
}
