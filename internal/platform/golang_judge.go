package platform

import (
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// godebugReverts lists the TLS GODEBUG settings with the Go release that
// changed their default and the old value a go.mod go line before that
// release brings back (go-tls-and-proxy.md section 1; measured with a
// go 1.21 module: all of these were recorded in DefaultGODEBUG).
var godebugReverts = []struct{ key, since, old string }{
	{"tls10server", "1.22", "1"}, {"tlsrsakex", "1.22", "1"}, {"tls3des", "1.23", "1"},
	{"tlsmlkem", "1.24", "0"}, {"tlssha1", "1.25", "1"}, {"tlssecpmlkem", "1.26", "0"},
}

// parseGodebug reads "k=v,k=v"; a later setting of a key wins.
func parseGodebug(s string) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok {
			m[k] = v
		}
	}
	return m
}

// godebug returns the effective value of key: the GODEBUG environment
// variable overrides the binary's DefaultGODEBUG. source names where it
// came from; ok is false when neither sets it.
func godebug(rt Runtime, key string) (value, source string, ok bool) {
	for _, src := range []string{"GODEBUG", "DefaultGODEBUG"} {
		if v, found := parseGodebug(rt.Settings[src])[key]; found {
			return v, src, true
		}
	}
	return "", "", false
}

// eachGo runs judge on every Go runtime.
func eachGo(f *Facts, judge func(rt Runtime, subj string) []Result) []Result {
	var out []Result
	for _, rt := range runtimes(f, RuntimeGo) {
		out = append(out, judge(rt, runtimeSubject(rt))...)
	}
	return out
}

// goAtLeast judges the toolchain version: below min is the given status.
func goAtLeast(f *Facts, min string, below Status, belowMsg, passMsg string) []Result {
	return eachGo(f, func(rt Runtime, subj string) []Result {
		v := rt.Version
		switch {
		case v == "":
			return one(Unknown, subj, "Go version not collected: run go version, or go version -m on the binary")
		case !atLeast(v, min):
			return one(below, subj, "Go "+v+": "+belowMsg, ev("Go", v))
		}
		return one(Pass, subj, "Go "+v+": "+passMsg, ev("Go", v))
	})
}

func judgeGoClientDefault(f *Facts, _ Floor) []Result {
	return goAtLeast(f, "1.18", Fail, "clients built with it default to TLS 1.0 when MinVersion is 0", "clients default to TLS 1.2")
}

func judgeGoServerDefault(f *Facts, _ Floor) []Result {
	return goAtLeast(f, "1.22", Warn, "servers built with it accept TLS 1.0 when MinVersion is 0", "servers default to TLS 1.2")
}

// godebugSet judges keys whose value bad weakens TLS: status if any is
// set to it, else Pass. what says what the setting does.
func godebugSet(rt Runtime, subj string, status Status, what string, bad map[string]string) []Result {
	var found, watched []string
	var evs []finding.Evidence
	for _, r := range godebugReverts {
		want, ok := bad[r.key]
		if !ok {
			continue
		}
		watched = append(watched, r.key+"="+want)
		if v, src, set := godebug(rt, r.key); set && v == want {
			found = append(found, src+" "+r.key+"="+v)
			evs = append(evs, ev(src, r.key+"="+v))
		}
	}
	if len(found) == 0 {
		return one(Pass, subj, "GODEBUG and DefaultGODEBUG do not set "+strings.Join(watched, ", "), godebugEvidence(rt)...)
	}
	return one(status, subj, strings.Join(found, ", ")+": "+what, evs...)
}

// godebugEvidence records the GODEBUG settings read.
func godebugEvidence(rt Runtime) []finding.Evidence {
	var evs []finding.Evidence
	for _, k := range []string{"GODEBUG", "DefaultGODEBUG"} {
		if v, ok := rt.Settings[k]; ok {
			evs = append(evs, ev(k, v))
		}
	}
	return evs
}

func judgeGoTLS10Server(f *Facts, _ Floor) []Result {
	return eachGo(f, func(rt Runtime, subj string) []Result {
		return godebugSet(rt, subj, Fail, "tls10server=1 makes servers accept TLS 1.0", map[string]string{"tls10server": "1"})
	})
}

func judgeGoWeakSuites(f *Facts, _ Floor) []Result {
	return eachGo(f, func(rt Runtime, subj string) []Result {
		return godebugSet(rt, subj, Warn, "weak suites or signatures come back", map[string]string{"tlsrsakex": "1", "tls3des": "1", "tlssha1": "1"})
	})
}

func judgeGoMLKEM(f *Facts, fl Floor) []Result {
	return eachGo(f, func(rt Runtime, subj string) []Result {
		if !atLeast(rt.Version, "1.24") {
			return nil // no ML-KEM to turn off; TF-PLAT-GO-PQ judges
		}
		status := Warn
		if fl.PostQuantum {
			status = Fail
		}
		if r := godebugSet(rt, subj, status, "tlsmlkem=0 removes every post-quantum hybrid key exchange", map[string]string{"tlsmlkem": "0"}); r[0].Status != Pass {
			return r
		}
		return godebugSet(rt, subj, Warn, "tlssecpmlkem=0 removes SecP256r1MLKEM768 and SecP384r1MLKEM1024 (X25519MLKEM768 remains)", map[string]string{"tlssecpmlkem": "0"})
	})
}

// goModLine returns the main module's go line, if known.
func goModLine(rt Runtime) string {
	v, _ := setting(rt.Settings, "go.mod go")
	return v
}

// impliedReverts lists the settings a go line brings back.
func impliedReverts(goLine string) []string {
	var out []string
	for _, r := range godebugReverts {
		if !atLeast(goLine, r.since) {
			out = append(out, r.key+"="+r.old)
		}
	}
	return out
}

func judgeGoMod(f *Facts, _ Floor) []Result {
	return eachGo(f, func(rt Runtime, subj string) []Result {
		line := goModLine(rt)
		if line == "" {
			return nil
		}
		e := ev("go.mod go", line)
		implied := strings.Join(impliedReverts(line), ",")
		if !atLeast(line, "1.22") {
			return one(Warn, subj, "go.mod go "+line+" is below 1.22: server GODEBUG defaults revert ("+implied+")", e)
		}
		msg := "go.mod go " + line + " keeps the TLS 1.2 server default"
		if implied != "" {
			msg += "; it still implies " + implied
		}
		return one(Pass, subj, msg, e)
	})
}

func judgeGoTLS13(f *Facts, _ Floor) []Result {
	return eachGo(f, func(rt Runtime, subj string) []Result {
		v := rt.Version
		t13, src, set := godebug(rt, "tls13")
		e := ev("Go", v)
		switch {
		case v == "":
			return one(Unknown, subj, "Go version not collected")
		case !atLeast(v, "1.12"):
			return one(Fail, subj, "Go "+v+" has no TLS 1.3 (added in 1.12)", e)
		case !atLeast(v, "1.13") && !(set && t13 == "1"):
			return one(Fail, subj, "Go "+v+" has TLS 1.3 only with GODEBUG tls13=1, which is not set", e)
		case !atLeast(v, "1.14") && set && t13 == "0":
			return one(Fail, subj, src+" tls13=0 turns TLS 1.3 off in Go "+v, e, ev(src, "tls13=0"))
		}
		return one(Pass, subj, "Go "+v+" uses TLS 1.3", e)
	})
}

func judgeGoPQ(f *Facts, _ Floor) []Result {
	return eachGo(f, func(rt Runtime, subj string) []Result {
		v, line := rt.Version, goModLine(rt)
		val, src, set := godebug(rt, "tlsmlkem")
		_, recorded := rt.Settings["DefaultGODEBUG"]
		switch {
		case v == "":
			return one(Unknown, subj, "Go version not collected")
		case !atLeast(v, "1.24"):
			return one(Fail, subj, "Go "+v+" has no ML-KEM key exchange (X25519MLKEM768 is default from 1.24)", ev("Go", v))
		case set && val == "0":
			return one(Fail, subj, src+" tlsmlkem=0 turns ML-KEM off", ev(src, "tlsmlkem=0"))
		case !set && !recorded && line != "" && !atLeast(line, "1.24"):
			return one(Fail, subj, "go.mod go "+line+" implies tlsmlkem=0", ev("go.mod go", line))
		}
		return one(Pass, subj, "Go "+v+" offers X25519MLKEM768 by default", ev("Go", v))
	})
}
