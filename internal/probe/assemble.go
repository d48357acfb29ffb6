package probe

import (
	"crypto/tls"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// result turns the probe's state into a Result, with names for code
// points and the verdict.
func (p *prober) result() Result {
	r := Result{
		Target: p.ep.Target, Address: p.ep.Address, IP: p.ip, ServerName: p.name,
		AcceptedVersions: []string{}, Refused: map[string]Refusal{},
		CipherSuites: map[string][]string{}, Groups: map[string][]string{},
		DHBits: p.dhBits, ALPN: p.alpn, Certificate: p.cert, Handshake: p.hs,
		Floor: p.opts.Policy.String(), Connections: p.connections(),
	}
	if p.hs != nil {
		r.ALPN = p.hs.ALPN
	}
	if r.Target == "" {
		r.Target = p.ep.Address
	}
	for _, v := range sortedVersions(p.accepted) {
		r.AcceptedVersions = append(r.AcceptedVersions, hello.VersionName(v))
	}
	for v, ref := range p.refused {
		r.Refused[hello.VersionName(v)] = ref
	}
	if !p.opts.VersionsOnly {
		p.nameSuites(&r)
		p.nameGroups(&r)
	}
	if len(p.accepted) == 0 && p.stoppedErr() == nil {
		p.note("no protocol version accepted")
	}
	r.Evidence = p.judge(p.opts.Policy)
	p.noteUnjudged(p.opts.Policy)
	r.BelowFloor = len(r.Evidence) > 0
	r.Errors = p.errs
	return r
}

func (p *prober) nameSuites(r *Result) {
	for v, ids := range p.suites {
		names := make([]string, len(ids))
		for i, id := range ids {
			names[i] = hello.CipherSuiteName(id)
		}
		r.CipherSuites[hello.VersionName(v)] = names
	}
	for v, o := range p.order {
		if o != "" {
			if r.SuiteOrder == nil {
				r.SuiteOrder = map[string]string{}
			}
			r.SuiteOrder[hello.VersionName(v)] = o
		}
	}
}

func (p *prober) nameGroups(r *Result) {
	if p.accepted[tls.VersionTLS13] != nil {
		r.Groups[hello.VersionName(tls.VersionTLS13)] = groupNames(p.groups13)
	}
	if p.curveVer != 0 {
		r.Groups[hello.VersionName(p.curveVer)] = groupNames(p.curves)
	}
}

func groupNames(groups []tls.CurveID) []string {
	names := make([]string, len(groups))
	for i, g := range groups {
		names[i] = hello.GroupName(g)
	}
	return names
}
