package target

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Form is a kind of AWS endpoint name; forms combine as a bit set.
type Form int

// The endpoint name forms.
const (
	// Regional is service.region.dnsSuffix.
	Regional Form = 1 << iota
	// FIPS is service-fips.region.dnsSuffix, with the exceptions in
	// ExpandAWS.
	FIPS
	// DualStack is service.region.dualStackDnsSuffix (the ".api.aws"
	// form), or s3.dualstack.region.dnsSuffix for S3.
	DualStack
	// FIPSDualStack is service-fips.region.dualStackDnsSuffix, or
	// s3-fips.dualstack.region.dnsSuffix for S3.
	FIPSDualStack
)

// DefaultForms are the forms ExpandAWS names when none are chosen.
const DefaultForms = Regional | FIPS | DualStack

// forms lists every single form, in output order.
var forms = []Form{Regional, FIPS, DualStack, FIPSDualStack}

// formNames names the single forms.
var formNames = map[Form]string{Regional: "regional", FIPS: "fips", DualStack: "dualstack", FIPSDualStack: "fips-dualstack"}

// String returns "regional", "fips", "dualstack" or "fips-dualstack", or
// those joined with "+" for a set.
func (f Form) String() string {
	var names []string
	for _, one := range forms {
		if f&one != 0 {
			names = append(names, formNames[one])
		}
	}
	return strings.Join(names, "+")
}

// ParseForms parses a comma-separated list of form names ("regional",
// "fips", "dualstack", "fips-dualstack") into a set; "all" is every form.
func ParseForms(s string) (Form, error) {
	var f Form
	for _, item := range SplitList(s) {
		one, err := parseForm(strings.ToLower(item))
		if err != nil {
			return 0, err
		}
		f |= one
	}
	if f == 0 {
		return 0, fmt.Errorf("no endpoint form in %q", s)
	}
	return f, nil
}

// parseForm parses one form name.
func parseForm(name string) (Form, error) {
	if name == "all" {
		return Regional | FIPS | DualStack | FIPSDualStack, nil
	}
	for f, n := range formNames {
		if n == name {
			return f, nil
		}
	}
	return 0, fmt.Errorf("unknown endpoint form %q (want regional, fips, dualstack, fips-dualstack or all)", name)
}

// AWSOptions says which AWS endpoint names to generate.
type AWSOptions struct {
	// Services are endpoint prefixes such as "s3", "sts", "kms".
	Services []string
	// Regions are region codes; "all" means every listed region of the
	// partition except the global pseudo-regions.
	Regions []string
	// Partition is the partition ID; "" means DefaultPartition.
	Partition string
	// Forms are the name forms; 0 means DefaultForms.
	Forms Form
}

// AWSName is one generated AWS endpoint host name.
type AWSName struct {
	// Host is the name, such as "s3-fips.us-east-1.amazonaws.com".
	Host string
	// Service, Region and Partition are what it was made from.
	Service, Region, Partition string
	// Form is its form.
	Form Form
	// Rule says how it was derived: "generic" for the rule every AWS
	// endpoint rule set starts from, or the service exception used.
	Rule string
}

// ExpandAWS names the endpoints of every service in every region, in
// service, region, form order, without duplicates. Every name is derived
// by rule from the embedded table (see README.md): the table lists the
// regions, DNS suffixes and whether FIPS and dual-stack exist in a
// partition, not which services offer them, so a derived name may not
// exist in DNS. Service exceptions known here, from the services' public
// endpoint rule sets: S3 dual-stack names keep dnsSuffix and add a
// "dualstack" label; STS's FIPS name in aws-us-gov is its regional name.
// Partitions without FIPS or dual-stack support yield no such names.
// Unknown regions are errors that name them and suggest close matches.
func ExpandAWS(o AWSOptions) ([]AWSName, error) {
	p, err := LookupPartition(orDefault(o.Partition, DefaultPartition))
	if err != nil {
		return nil, err
	}
	services, serr := checkServices(o.Services)
	regions, rerr := p.pickRegions(o.Regions)
	if err := errors.Join(serr, rerr); err != nil {
		return nil, err
	}
	f := o.Forms
	if f == 0 {
		f = DefaultForms
	}
	return expand(p, services, regions, f), nil
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// expand generates the names, dropping repeats.
func expand(p Partition, services []string, regions []Region, f Form) []AWSName {
	var out []AWSName
	seen := map[string]bool{}
	for _, svc := range services {
		for _, r := range regions {
			for _, one := range forms {
				n, ok := awsName(p.ID, svc, r, one)
				if f&one == 0 || !ok || seen[n.Host] {
					continue
				}
				seen[n.Host] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// awsName derives one name, or reports false when the partition or
// region lacks the form.
func awsName(partition, svc string, r Region, f Form) (AWSName, bool) {
	c := r.Config
	n := AWSName{Service: svc, Region: r.Name, Partition: partition, Form: f, Rule: "generic"}
	switch {
	case f == Regional:
		n.Host = join(svc, r.Name, c.DNSSuffix)
	case f == FIPS && c.SupportsFIPS && svc == "sts" && partition == "aws-us-gov":
		n.Host, n.Rule = join(svc, r.Name, c.DNSSuffix), "sts: aws-us-gov FIPS is the regional name"
	case f == FIPS && c.SupportsFIPS:
		n.Host = join(svc+"-fips", r.Name, c.DNSSuffix)
	case f == DualStack && c.SupportsDualStack && svc == "s3":
		n.Host, n.Rule = join(svc, "dualstack", r.Name, c.DNSSuffix), "s3: dualstack label"
	case f == DualStack && c.SupportsDualStack:
		n.Host = join(svc, r.Name, c.DualStackDNSSuffix)
	case f == FIPSDualStack && c.SupportsFIPS && c.SupportsDualStack && svc == "s3":
		n.Host, n.Rule = join(svc+"-fips", "dualstack", r.Name, c.DNSSuffix), "s3: dualstack label"
	case f == FIPSDualStack && c.SupportsFIPS && c.SupportsDualStack:
		n.Host = join(svc+"-fips", r.Name, c.DualStackDNSSuffix)
	default:
		return AWSName{}, false
	}
	return n, true
}

// join joins DNS labels with dots.
func join(labels ...string) string { return strings.Join(labels, ".") }

// AWSTargets returns ExpandAWS's names as targets on port 443, placed
// "--aws-service SERVICE --aws-region REGION (FORM)".
func AWSTargets(o AWSOptions) ([]Target, error) {
	names, err := ExpandAWS(o)
	if err != nil {
		return nil, err
	}
	out := make([]Target, 0, len(names))
	for _, n := range names {
		place := fmt.Sprintf("--aws-service %s --aws-region %s (%s)", n.Service, n.Region, n.Form)
		out = append(out, Target{Host: n.Host, Port: DefaultPort, Input: n.Host, Place: place})
	}
	return out, nil
}

// SplitList splits comma-separated flag values into trimmed, non-empty
// items: SplitList("s3, sts", "kms") is [s3 sts kms].
func SplitList(values ...string) []string {
	var out []string
	for _, v := range values {
		for _, item := range strings.Split(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

// checkServices lower-cases, deduplicates and checks service prefixes:
// each must be one DNS label.
func checkServices(list []string) ([]string, error) {
	if len(list) == 0 {
		return nil, errors.New("no aws service given")
	}
	var out []string
	var errs []error
	for _, s := range list {
		s = strings.ToLower(s)
		if err := checkLabel(s); err != nil {
			errs = append(errs, fmt.Errorf("aws service %q: %w", s, err))
		} else if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, errors.Join(errs...)
}
