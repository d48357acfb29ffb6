package proxy

import (
	"slices"

	"github.com/tlsfloor/tlsfloor/internal/probe/target"
)

// DefaultAllow returns the default destinations: every AWS domain, as
// "*." patterns over each DNS suffix and dual-stack DNS suffix that AWS's
// partition table lists (amazonaws.com, api.aws, amazonaws.com.cn,
// amazonaws.eu, the ISO partitions' suffixes, ...), in table order. The
// table is the one embedded in internal/probe/target (see
// target.PartitionSource). The slice is new on every call.
func DefaultAllow() []Pattern {
	var out []Pattern
	for _, suffix := range awsSuffixes() {
		p := Pattern{Host: "*." + suffix}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// awsSuffixes lists the partitions' DNS suffixes, region overrides
// included. The table is embedded and parsed by a test, so an error here
// is a build defect.
func awsSuffixes() []string {
	parts, err := target.Partitions()
	if err != nil {
		panic("proxy: embedded AWS partition table: " + err.Error())
	}
	var out []string
	for _, p := range parts {
		out = append(out, p.Defaults.DNSSuffix, p.Defaults.DualStackDNSSuffix)
		for _, r := range p.Regions {
			out = append(out, r.Config.DNSSuffix, r.Config.DualStackDNSSuffix)
		}
	}
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}
