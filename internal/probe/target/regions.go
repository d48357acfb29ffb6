package target

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// AllRegions is the --aws-region value that means every listed region of
// the partition, global pseudo-regions excepted.
const AllRegions = "all"

// maxSuggestions caps the close matches an unknown region error lists.
const maxSuggestions = 3

// pickRegions resolves region codes (or "all") to listed regions of p,
// deduplicated, in the order given. Its error joins one error per bad
// code.
func (p Partition) pickRegions(codes []string) ([]Region, error) {
	if len(codes) == 0 {
		return nil, errors.New("no aws region given (name regions, or all)")
	}
	var out []Region
	var errs []error
	for _, code := range codes {
		rs, err := p.pickRegion(strings.ToLower(code))
		if err != nil {
			errs = append(errs, err)
		}
		for _, r := range rs {
			if !slices.ContainsFunc(out, func(o Region) bool { return o.Name == r.Name }) {
				out = append(out, r)
			}
		}
	}
	return out, errors.Join(errs...)
}

// pickRegion resolves one lower-case code.
func (p Partition) pickRegion(code string) ([]Region, error) {
	if code == AllRegions {
		return p.regionalRegions(), nil
	}
	r, ok := p.region(code)
	switch {
	case ok && r.Global():
		return nil, fmt.Errorf("aws region %q is a global pseudo-region with no regional endpoints: list the global name as a target", code)
	case ok:
		return []Region{r}, nil
	}
	return nil, p.unknownRegion(code)
}

// regionalRegions returns the listed regions that are not global
// pseudo-regions.
func (p Partition) regionalRegions() []Region {
	var out []Region
	for _, r := range p.Regions {
		if !r.Global() {
			out = append(out, r)
		}
	}
	return out
}

// unknownRegion explains why code is not a region of p: it belongs to
// another partition, or it is unknown: close matches are suggested, and a
// code that fits p's pattern may be newer than the table.
func (p Partition) unknownRegion(code string) error {
	code = truncate(code, 80)
	if strings.Contains(code, "fips") {
		return fmt.Errorf("aws region %q: give the plain region, FIPS names are one of the name forms", code)
	}
	if other, ok := partitionOf(code); ok {
		return fmt.Errorf("aws region %q is in partition %s, not %s: choose --aws-partition %s", code, other, p.ID, other)
	}
	msg := fmt.Sprintf("unknown aws region %q in partition %s", code, p.ID)
	if s := suggest(code, p.regionalRegions()); len(s) > 0 {
		msg += " (did you mean " + strings.Join(s, ", ") + "?)"
	}
	if p.RegionRegex.MatchString(code) {
		msg += fmt.Sprintf("; if it is newer than the embedded table (%s), list its endpoints as targets", PartitionSource)
	}
	return errors.New(msg)
}

// partitionOf returns the ID of the partition that lists region code.
func partitionOf(code string) (string, bool) {
	parts, err := Partitions()
	if err != nil {
		return "", false
	}
	for _, p := range parts {
		if _, ok := p.region(code); ok {
			return p.ID, true
		}
	}
	return "", false
}

// suggest returns up to maxSuggestions region names close to code: at
// edit distance 3 or less, or starting with code; nearest first.
func suggest(code string, regions []Region) []string {
	type cand struct {
		name string
		dist int
	}
	var cs []cand
	for _, r := range regions {
		d := distance(code, r.Name)
		if d <= 3 || strings.HasPrefix(r.Name, code) {
			cs = append(cs, cand{name: r.Name, dist: d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.dist - b.dist })
	var out []string
	for i := 0; i < len(cs) && i < maxSuggestions; i++ {
		out = append(out, cs[i].name)
	}
	return out
}

// distance is the Levenshtein edit distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
