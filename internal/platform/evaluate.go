package platform

import (
	"crypto/tls"
	"slices"
)

// Floor is what an evaluation is judged for: a minimum TLS version and
// whether a hybrid post-quantum key exchange is required. Build it from a
// tlsfloor.Policy p as Floor{Version: p.Floor(), PostQuantum: p.PostQuantum}.
//
// The zero Floor is TLS 1.2. A Version below TLS 1.2 is judged as TLS 1.2:
// the knowledge base exists to show that nothing goes below TLS 1.2, so
// its TLS 1.2 entries always apply. PostQuantum implies TLS 1.3.
type Floor struct {
	// Version is tls.VersionTLS12 or tls.VersionTLS13.
	Version uint16
	// PostQuantum requires a hybrid post-quantum key exchange
	// (X25519MLKEM768 and the like).
	PostQuantum bool
}

// version returns the effective minimum version of the floor.
func (fl Floor) version() uint16 {
	if fl.PostQuantum {
		return tls.VersionTLS13
	}
	return max(fl.Version, tls.VersionTLS12)
}

// String names the floor: "TLS 1.2", "TLS 1.3", "TLS 1.3 + post-quantum".
func (fl Floor) String() string {
	s := tls.VersionName(fl.version())
	if fl.PostQuantum {
		s += " + post-quantum"
	}
	return s
}

// applies reports whether e is judged under fl.
func (e *Entry) applies(fl Floor) bool {
	if e.PostQuantum && !fl.PostQuantum {
		return false
	}
	return max(e.MinFloor, tls.VersionTLS12) <= fl.version()
}

// Entries returns every entry of the knowledge base, in table order. The
// slice is a copy; the entries share their Sources with the table, which
// callers must not modify.
func Entries() []Entry {
	return slices.Clone(entries)
}

// Lookup returns the entry with the given ID.
func Lookup(id string) (Entry, bool) {
	for _, e := range entries {
		if e.ID == id {
			return e, true
		}
	}
	return Entry{}, false
}

// Evaluate judges f against every entry that applies under fl and returns
// one Result per entry and subject, in table order, then in the order of
// the facts (runtimes, projects) judged. An entry that does not apply to
// the facts (no Windows, no Java, ...) or to the floor gives no result.
func Evaluate(f Facts, fl Floor) []Result {
	var out []Result
	for i := range entries {
		out = append(out, evaluateEntry(&entries[i], &f, fl)...)
	}
	return out
}

// evaluateEntry runs one entry and stamps its results with it.
func evaluateEntry(e *Entry, f *Facts, fl Floor) []Result {
	if !e.applies(fl) {
		return nil
	}
	rs := e.judge(f, fl)
	for i := range rs {
		rs[i].Entry = e
	}
	return rs
}
