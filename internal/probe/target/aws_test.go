package target

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// hosts returns the host names of names.
func hosts(names []AWSName) []string {
	var out []string
	for _, n := range names {
		out = append(out, n.Host)
	}
	return out
}

func TestExpandAWS(t *testing.T) {
	tests := []struct {
		name string
		opts AWSOptions
		want []string
	}{
		{
			name: "default forms",
			opts: AWSOptions{Services: []string{"s3", "sts", "kms"}, Regions: []string{"us-east-1", "eu-west-1"}},
			want: []string{
				"s3.us-east-1.amazonaws.com", "s3-fips.us-east-1.amazonaws.com", "s3.dualstack.us-east-1.amazonaws.com",
				"s3.eu-west-1.amazonaws.com", "s3-fips.eu-west-1.amazonaws.com", "s3.dualstack.eu-west-1.amazonaws.com",
				"sts.us-east-1.amazonaws.com", "sts-fips.us-east-1.amazonaws.com", "sts.us-east-1.api.aws",
				"sts.eu-west-1.amazonaws.com", "sts-fips.eu-west-1.amazonaws.com", "sts.eu-west-1.api.aws",
				"kms.us-east-1.amazonaws.com", "kms-fips.us-east-1.amazonaws.com", "kms.us-east-1.api.aws",
				"kms.eu-west-1.amazonaws.com", "kms-fips.eu-west-1.amazonaws.com", "kms.eu-west-1.api.aws",
			},
		},
		{
			name: "fips dual-stack only",
			opts: AWSOptions{Services: []string{"S3", "kms"}, Regions: []string{"us-west-2"}, Forms: FIPSDualStack},
			want: []string{"s3-fips.dualstack.us-west-2.amazonaws.com", "kms-fips.us-west-2.api.aws"},
		},
		{
			name: "govcloud sts fips is regional",
			opts: AWSOptions{Services: []string{"sts"}, Regions: []string{"us-gov-west-1"}, Partition: "aws-us-gov"},
			want: []string{"sts.us-gov-west-1.amazonaws.com", "sts.us-gov-west-1.api.aws"},
		},
		{
			name: "china",
			opts: AWSOptions{Services: []string{"s3", "kms"}, Regions: []string{"cn-north-1"}, Partition: "aws-cn"},
			want: []string{
				"s3.cn-north-1.amazonaws.com.cn", "s3-fips.cn-north-1.amazonaws.com.cn", "s3.dualstack.cn-north-1.amazonaws.com.cn",
				"kms.cn-north-1.amazonaws.com.cn", "kms-fips.cn-north-1.amazonaws.com.cn", "kms.cn-north-1.api.amazonwebservices.com.cn",
			},
		},
		{
			name: "eusc",
			opts: AWSOptions{Services: []string{"sts"}, Regions: []string{"eusc-de-east-1"}, Partition: "aws-eusc", Forms: Regional | DualStack},
			want: []string{"sts.eusc-de-east-1.amazonaws.eu", "sts.eusc-de-east-1.api.amazonwebservices.eu"},
		},
		{
			name: "duplicates dropped",
			opts: AWSOptions{Services: []string{"sts", "sts"}, Regions: []string{"us-east-1", "US-EAST-1"}, Forms: Regional},
			want: []string{"sts.us-east-1.amazonaws.com"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			names, err := ExpandAWS(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := hosts(names); !slices.Equal(got, tc.want) {
				t.Errorf("names:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestExpandAWSRules(t *testing.T) {
	names, err := ExpandAWS(AWSOptions{Services: []string{"s3", "sts"}, Regions: []string{"us-gov-east-1"}, Partition: "aws-us-gov", Forms: FIPS | DualStack})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, n := range names {
		got[n.Host] = n.Form.String() + " " + n.Rule
	}
	want := map[string]string{
		"s3-fips.us-gov-east-1.amazonaws.com":      "fips generic",
		"s3.dualstack.us-gov-east-1.amazonaws.com": "dualstack s3: dualstack label",
		"sts.us-gov-east-1.amazonaws.com":          "fips sts: aws-us-gov FIPS is the regional name",
		"sts.us-gov-east-1.api.aws":                "dualstack generic",
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for h, w := range want {
		if got[h] != w {
			t.Errorf("%s: got %q, want %q", h, got[h], w)
		}
	}
}

func TestExpandAWSAllRegions(t *testing.T) {
	p, err := LookupPartition("aws")
	if err != nil {
		t.Fatal(err)
	}
	names, err := ExpandAWS(AWSOptions{Services: []string{"sts"}, Regions: []string{"all"}, Forms: Regional})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(p.Regions)-1 {
		t.Errorf("got %d names, want one per region but aws-global (%d)", len(names), len(p.Regions)-1)
	}
	for _, n := range names {
		if strings.Contains(n.Host, "global") {
			t.Errorf("all regions includes %s", n.Host)
		}
	}
}

func TestExpandAWSErrors(t *testing.T) {
	tests := []struct {
		name string
		opts AWSOptions
		want []string
	}{
		{name: "typo", opts: AWSOptions{Services: []string{"s3"}, Regions: []string{"us-est-1"}}, want: []string{`unknown aws region "us-est-1" in partition aws (did you mean us-east-1`}},
		{name: "prefix", opts: AWSOptions{Services: []string{"s3"}, Regions: []string{"eu-central"}}, want: []string{"did you mean eu-central-1, eu-central-2"}},
		{name: "other partition", opts: AWSOptions{Services: []string{"s3"}, Regions: []string{"cn-north-1"}}, want: []string{`"cn-north-1" is in partition aws-cn, not aws: choose --aws-partition aws-cn`}},
		{name: "not yet listed", opts: AWSOptions{Services: []string{"s3"}, Regions: []string{"us-east-9"}}, want: []string{"did you mean us-east-1", "newer than the embedded table", "v1.48.0"}},
		{name: "global", opts: AWSOptions{Services: []string{"s3"}, Regions: []string{"aws-global"}}, want: []string{"global pseudo-region"}},
		{name: "fips region", opts: AWSOptions{Services: []string{"s3"}, Regions: []string{"fips-us-east-1"}}, want: []string{"give the plain region"}},
		{name: "several", opts: AWSOptions{Services: []string{"s3", "b@d"}, Regions: []string{"xx-1", "us-east-1", "zz"}}, want: []string{`aws service "b@d"`, `unknown aws region "xx-1"`, `unknown aws region "zz"`}},
		{name: "no service", opts: AWSOptions{Regions: []string{"us-east-1"}}, want: []string{"no aws service given"}},
		{name: "no region", opts: AWSOptions{Services: []string{"s3"}}, want: []string{"no aws region given"}},
		{name: "partition", opts: AWSOptions{Services: []string{"s3"}, Regions: []string{"us-east-1"}, Partition: "aws-mars"}, want: []string{`unknown aws partition "aws-mars" (known: aws, aws-cn, `}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ExpandAWS(tc.opts)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestPartitionTable(t *testing.T) {
	parts, err := Partitions()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range parts {
		ids = append(ids, p.ID)
		if p.Defaults.DNSSuffix == "" || len(p.Regions) == 0 {
			t.Errorf("partition %s has no DNS suffix or no region", p.ID)
		}
		for _, r := range p.Regions {
			if !r.Global() && !p.RegionRegex.MatchString(r.Name) {
				t.Errorf("region %s does not match partition %s's pattern", r.Name, p.ID)
			}
		}
	}
	for _, id := range []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"} {
		if !slices.Contains(ids, id) {
			t.Errorf("partition %s missing from %v", id, ids)
		}
	}
}

func TestParsePartitionsOverrides(t *testing.T) {
	doc := `{"partitions":[{"id":"p","outputs":{"dnsSuffix":"example","dualStackDnsSuffix":"ds.example","supportsFIPS":true,"supportsDualStack":false},
		"regionRegex":"^x-\\w+-\\d+$","regions":{"x-a-1":{"description":"A"},"x-b-1":{"dnsSuffix":"b.example","supportsDualStack":true}}}]}`
	parts, err := parsePartitions([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := hosts(expand(parts[0], []string{"svc"}, parts[0].Regions, DefaultForms))
	want := []string{"svc.x-a-1.example", "svc-fips.x-a-1.example", "svc.x-b-1.b.example", "svc-fips.x-b-1.b.example", "svc.x-b-1.ds.example"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := parsePartitions([]byte(`{"partitions":[{"id":"p","regionRegex":"("}]}`)); err == nil {
		t.Error("a bad region pattern parsed")
	}
}

func TestAWSTargetsResolveWithFake(t *testing.T) {
	targets, err := AWSTargets(AWSOptions{Services: SplitList("s3, kms"), Regions: SplitList("eu-west-1"), Forms: Regional | FIPS})
	if err != nil {
		t.Fatal(err)
	}
	res := &fakeResolver{addrs: map[string][]string{"s3.eu-west-1.amazonaws.com": {"192.0.2.10"}}}
	eps, errs := Resolve(context.Background(), targets, ResolveOptions{Resolver: res, Parallel: 1})
	wantAsked := []string{"ip s3.eu-west-1.amazonaws.com", "ip s3-fips.eu-west-1.amazonaws.com", "ip kms.eu-west-1.amazonaws.com", "ip kms-fips.eu-west-1.amazonaws.com"}
	if !slices.Equal(res.asked, wantAsked) {
		t.Errorf("asked %q, want %q", res.asked, wantAsked)
	}
	if len(eps) != 1 || eps[0].Name != "s3.eu-west-1.amazonaws.com" || eps[0].Port != 443 {
		t.Errorf("endpoints = %+v", eps)
	}
	if len(errs) != 3 || !strings.HasPrefix(errs[0].Error(), "--aws-service s3 --aws-region eu-west-1 (fips): resolve s3-fips.eu-west-1.amazonaws.com") {
		t.Errorf("errors = %v", errs)
	}
}

func TestParseForms(t *testing.T) {
	tests := []struct {
		name, input string
		want        Form
		wantErr     bool
	}{
		{name: "one", input: "fips", want: FIPS},
		{name: "several", input: "Regional, dualstack", want: Regional | DualStack},
		{name: "all", input: "all", want: Regional | FIPS | DualStack | FIPSDualStack},
		{name: "unknown", input: "fips,ipv6", wantErr: true},
		{name: "empty", input: " , ", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseForms(tc.input)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("ParseForms(%q) = %v, %v; want %v, error %v", tc.input, got, err, tc.want, tc.wantErr)
			}
		})
	}
}
