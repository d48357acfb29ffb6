package bench

import (
	"crypto/tls"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/hello"
	"github.com/tlsfloor/tlsfloor/internal/probe"
	"github.com/tlsfloor/tlsfloor/internal/probe/lab"
)

// versionSSL20 stands for SSL 2.0, which no lab server accepts: a tool
// that reports it is wrong.
const versionSSL20 uint16 = 0x0200

// found is what one tool reported about one endpoint: the versions it
// saw accepted and the key exchange groups. Tools that tell TLS 1.3
// groups from the ECDHE curves of TLS 1.2 and earlier fill groups13 and
// groups12 and set split; the others put every group in groups.
type found struct {
	versions           []uint16
	split              bool
	groups13, groups12 []tls.CurveID
	groups             []tls.CurveID
	// unknown are group names the tool printed that have no code point
	// here; each counts as a wrong group.
	unknown []string
	// remark says what else the report told, for the table's notes.
	remark string
}

// addGroup records a group by name; names that are not named groups
// ("dh 2048", "rsa 2048") are ignored.
func (f *found) addGroup(name string, to *[]tls.CurveID) {
	if ignoredGroup(name) {
		return
	}
	if g, ok := groupByName[strings.ToLower(name)]; ok {
		*to = appendNew(*to, g)
	} else {
		f.unknown = appendNew(f.unknown, name)
	}
}

// ignoredGroup reports whether a key exchange description names no
// group: finite-field DH of a given size or RSA key transport.
func ignoredGroup(name string) bool {
	return name == "" || strings.HasPrefix(name, "dh ") || strings.HasPrefix(name, "rsa ")
}

// groupByName maps the group names the tools print, lower-cased, to code
// points: tlsfloor's (tls.CurveID.String and IANA), OpenSSL's (testssl),
// nmap's ("ecdh_x25519") and the plain curve names.
var groupByName = func() map[string]tls.CurveID {
	m := map[string]tls.CurveID{
		"prime256v1": tls.CurveP256, "secp256r1": tls.CurveP256, "p-256": tls.CurveP256,
		"secp384r1": tls.CurveP384, "p-384": tls.CurveP384,
		"secp521r1": tls.CurveP521, "p-521": tls.CurveP521,
		"x25519": tls.X25519, "ecdh_x25519": tls.X25519,
		"x448": hello.X448, "ecdh_x448": hello.X448,
	}
	for _, g := range []tls.CurveID{
		tls.X25519MLKEM768, tls.SecP256r1MLKEM768, tls.SecP384r1MLKEM1024, tls.X25519, tls.CurveP256, tls.CurveP384, tls.CurveP521,
		hello.X448, hello.BrainpoolP256r1, hello.BrainpoolP384r1, hello.BrainpoolP512r1,
		hello.FFDHE2048, hello.FFDHE3072, hello.FFDHE4096, hello.FFDHE6144, hello.FFDHE8192,
		hello.MLKEM512, hello.MLKEM768, hello.MLKEM1024,
	} {
		m[strings.ToLower(hello.GroupName(g))] = g
	}
	return m
}()

// versionByName maps the version names the tools print to code points:
// tlsfloor's ("TLS 1.2"), OpenSSL's and nmap's ("TLSv1.2"), testssl's
// ids ("TLS1_2") and sslscan's type and version attributes ("tls1.2").
var versionByName = map[string]uint16{
	"SSL 2.0": versionSSL20, "SSLv2": versionSSL20, "ssl2": versionSSL20,
	"SSL 3.0": lab.SSL30, "SSLv3": lab.SSL30, "ssl3": lab.SSL30,
	"TLS 1.0": tls.VersionTLS10, "TLSv1.0": tls.VersionTLS10, "TLSv1": tls.VersionTLS10, "TLS1": tls.VersionTLS10, "tls1.0": tls.VersionTLS10,
	"TLS 1.1": tls.VersionTLS11, "TLSv1.1": tls.VersionTLS11, "TLS1_1": tls.VersionTLS11, "tls1.1": tls.VersionTLS11,
	"TLS 1.2": tls.VersionTLS12, "TLSv1.2": tls.VersionTLS12, "TLS1_2": tls.VersionTLS12, "tls1.2": tls.VersionTLS12,
	"TLS 1.3": tls.VersionTLS13, "TLSv1.3": tls.VersionTLS13, "TLS1_3": tls.VersionTLS13, "tls1.3": tls.VersionTLS13,
}

// appendNew appends x unless s holds it already.
func appendNew[T comparable](s []T, x T) []T {
	for _, y := range s {
		if y == x {
			return s
		}
	}
	return append(s, x)
}

// fromResult reads what tlsfloor's probe found: its groups are split by
// version, "TLS 1.3" apart from the highest earlier version's curves.
func fromResult(r probe.Result) (found, error) {
	f := found{split: true}
	for _, name := range r.AcceptedVersions {
		v, ok := versionByName[name]
		if !ok {
			return f, fmt.Errorf("unknown version %q", name)
		}
		f.versions = append(f.versions, v)
	}
	for v, names := range r.Groups {
		to := &f.groups12
		if v == "TLS 1.3" {
			to = &f.groups13
		}
		for _, name := range names {
			f.addGroup(name, to)
		}
	}
	return f, nil
}

// sslscanDoc is the part of `sslscan --xml` output read here.
type sslscanDoc struct {
	Tests []struct {
		Protocols []struct {
			Type    string `xml:"type,attr"`
			Version string `xml:"version,attr"`
			Enabled string `xml:"enabled,attr"`
		} `xml:"protocol"`
		Groups []struct {
			Version string `xml:"sslversion,attr"`
			Name    string `xml:"name,attr"`
			ID      string `xml:"id,attr"`
		} `xml:"group"`
	} `xml:"ssltest"`
}

// parseSSLScan reads `sslscan --xml` output: <protocol enabled="1"> per
// version, <group sslversion="TLSv1.3" id="0x001d"> per group.
func parseSSLScan(b []byte) (found, error) {
	var doc sslscanDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		return found{}, err
	}
	if len(doc.Tests) != 1 {
		return found{}, fmt.Errorf("%d <ssltest> elements, want 1", len(doc.Tests))
	}
	f := found{split: true}
	t := doc.Tests[0]
	for _, p := range t.Protocols {
		v, ok := versionByName[p.Type+p.Version]
		if !ok {
			return f, fmt.Errorf("unknown protocol %s %s", p.Type, p.Version)
		}
		if p.Enabled == "1" {
			f.versions = append(f.versions, v)
		}
	}
	for _, g := range t.Groups {
		to := &f.groups12
		if g.Version == "TLSv1.3" {
			to = &f.groups13
		}
		id, err := strconv.ParseUint(strings.TrimPrefix(g.ID, "0x"), 16, 16)
		if err != nil {
			f.unknown = appendNew(f.unknown, g.Name)
			continue
		}
		*to = appendNew(*to, tls.CurveID(id))
	}
	return f, nil
}

// nmapTable is one <table> of an NSE script's structured output.
type nmapTable struct {
	Key    string      `xml:"key,attr"`
	Tables []nmapTable `xml:"table"`
	Elems  []struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	} `xml:"elem"`
}

// nmapRun is the part of `nmap -oX` output read here.
type nmapRun struct {
	Ports []struct {
		State struct {
			State string `xml:"state,attr"`
		} `xml:"state"`
		Scripts []struct {
			ID     string      `xml:"id,attr"`
			Tables []nmapTable `xml:"table"`
		} `xml:"script"`
	} `xml:"host>ports>port"`
}

// parseNmap reads `nmap --script ssl-enum-ciphers -oX` output for one
// port: one table per accepted version ("TLSv1.2"), its ciphers each
// with a kex_info that names the group the server picked for that suite
// ("secp256r1", "ecdh_x25519") or a DH or RSA size. nmap enumerates no
// groups; what it shows is the union of those picks. An open port
// without the script's output is a port where nmap found no TLS.
func parseNmap(b []byte) (found, error) {
	var run nmapRun
	if err := xml.Unmarshal(b, &run); err != nil {
		return found{}, err
	}
	if len(run.Ports) != 1 || run.Ports[0].State.State != "open" {
		return found{}, fmt.Errorf("%d ports in the report, want 1 open port", len(run.Ports))
	}
	f := found{}
	scripts := 0
	for _, s := range run.Ports[0].Scripts {
		if s.ID != "ssl-enum-ciphers" {
			continue
		}
		scripts++
		for _, vt := range s.Tables {
			f.nmapVersion(vt)
		}
	}
	if scripts == 0 {
		f.remark = "no ssl-enum-ciphers output: nmap found no TLS on the port"
	}
	return f, nil
}

// nmapVersion records one version table and the kex_info of its ciphers.
func (f *found) nmapVersion(vt nmapTable) {
	v, ok := versionByName[vt.Key]
	if !ok {
		return // "least strength" and the like
	}
	f.versions = appendNew(f.versions, v)
	for _, t := range vt.Tables {
		if t.Key != "ciphers" {
			continue
		}
		for _, c := range t.Tables {
			for _, e := range c.Elems {
				if e.Key == "kex_info" {
					f.addGroup(strings.TrimSpace(e.Value), &f.groups)
				}
			}
		}
	}
}

// testsslFinding is one entry of testssl's flat JSON (--jsonfile).
type testsslFinding struct {
	ID      string `json:"id"`
	Finding string `json:"finding"`
}

// parseTestssl reads testssl's flat JSON: the protocol entries ("TLS1_2":
// "offered", "not offered") and PFS_ECDHE_curves, a space-separated list
// of the curves accepted at any version.
func parseTestssl(b []byte) (found, error) {
	var entries []testsslFinding
	if err := json.Unmarshal(b, &entries); err != nil {
		return found{}, err
	}
	f := found{}
	protocols := 0
	for _, e := range entries {
		if v, ok := versionByName[e.ID]; ok {
			protocols++
			if strings.HasPrefix(e.Finding, "offered") {
				f.versions = append(f.versions, v)
			}
		}
		if e.ID == "PFS_ECDHE_curves" || e.ID == "FS_ECDHE_curves" {
			for _, name := range strings.Fields(e.Finding) {
				f.addGroup(name, &f.groups)
			}
		}
	}
	if protocols == 0 {
		return f, fmt.Errorf("no protocol entries in %d findings", len(entries))
	}
	return f, nil
}
