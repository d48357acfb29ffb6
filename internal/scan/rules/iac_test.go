package rules

import (
	"slices"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// iacJSONTemplate is a CloudFormation template in JSON, indented with
// tabs; JSON cannot carry the fixtures' comment markers, so its findings
// are listed in TestIacCloudFormationJSON.
const iacJSONTemplate = `{
	"AWSTemplateFormatVersion": "2010-09-09",
	"Resources": {
		"Weak": {
			"Type": "AWS::ElasticLoadBalancingV2::Listener",
			"Properties": {"Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-FS-2018-06"}
		},
		"Missing": {
			"Type": "AWS::ElasticLoadBalancingV2::Listener",
			"Properties": {"Protocol": "TLS", "Port": 443}
		},
		"Good": {
			"Type": "AWS::ElasticLoadBalancingV2::Listener",
			"Properties": {"Protocol": "HTTPS", "SslPolicy": {"Ref": "Policy"}}
		},
		"Api": {
			"Type": "AWS::ApiGateway::DomainName",
			"Properties": {"SecurityPolicy": "TLS_1_0"}
		},
		"Bucket": {
			"Type": "AWS::S3::BucketPolicy",
			"Properties": {"PolicyDocument": {"Statement": [{"Effect": "Deny",
				"Condition": {"NumericLessThan": {"s3:TlsVersion": "1.0"}}}]}}
		}
	}
}
`

// TestIacCloudFormationJSON checks the family's rules on a JSON template.
func TestIacCloudFormationJSON(t *testing.T) {
	want := map[string][]int{
		"TF-IAC-001": {6}, "TF-IAC-002": {8}, "TF-IAC-003": nil,
		"TF-IAC-005": {18}, "TF-IAC-008": {23}, "TF-IAC-009": {20},
	}
	for _, r := range iacRules() {
		exp, ok := want[r.ID]
		if !ok {
			continue
		}
		f := &source.File{Path: "template.json", Kind: source.CloudFormation, Content: []byte(iacJSONTemplate)}
		ms, err := r.New().Check(f)
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, m := range ms {
			got = append(got, m.Line)
		}
		if !slices.Equal(got, exp) {
			t.Errorf("%s: lines %v, want %v", r.ID, got, exp)
		}
	}
}

// TestIacShortFormsAreNotLiteral checks that yaml.v3 keeps CloudFormation
// short forms as tags, so !Sub and !Ref values are not read as names.
func TestIacShortFormsAreNotLiteral(t *testing.T) {
	src := "Resources:\n  L:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      Protocol: HTTPS\n      SslPolicy: !Sub 'ELBSecurityPolicy-${Suffix}'\n"
	rs, err := cfnResources([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("%d resources, want 1", len(rs))
	}
	if v := rs[0].get("SslPolicy"); v == nil || v.Literal {
		t.Errorf("SslPolicy %+v: want a non-literal node", v)
	}
}
