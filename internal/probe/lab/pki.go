package lab

import (
	"crypto"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/labca"
)

// KeyType selects a server key algorithm.
type KeyType = labca.KeyType

// Key types.
const (
	ECDSA = labca.ECDSA // P-256
	RSA   = labca.RSA   // 2048-bit
)

// keys caches one key per type for the whole test binary: the lab's
// certificates protect nothing, and RSA keys are slow to make.
var keys = map[KeyType]func() (crypto.Signer, error){
	ECDSA: sync.OnceValues(func() (crypto.Signer, error) { return labca.NewKey(ECDSA) }),
	RSA:   sync.OnceValues(func() (crypto.Signer, error) { return labca.NewKey(RSA) }),
}

// pki is a server's certificate authority and leaf, with the files that
// servers and clients read.
type pki struct {
	ca       *labca.CA
	leaf     tls.Certificate
	cert     string // leaf certificate PEM
	key      string // leaf key PEM
	caFile   string // CA certificate PEM
	combined string // leaf certificate and key in one PEM, for haproxy
}

// newPKI mints a CA and a leaf with a key of type kt for localhost and
// 127.0.0.1, and writes their files into dir, readable by owner.
func newPKI(t testing.TB, dir string, kt KeyType, owner string) pki {
	t.Helper()
	ca, err := labca.New("tlsfloor probe lab CA")
	if err != nil {
		t.Fatal(err)
	}
	key, err := keys[kt]()
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := ca.Leaf(key)
	if err != nil {
		t.Fatal(err)
	}
	p := pki{ca: ca, leaf: leaf}
	p.cert, p.key, p.caFile, err = ca.WriteFiles(dir, leaf)
	if err != nil {
		t.Fatal(err)
	}
	p.combined = filepath.Join(dir, "combined.pem")
	writeCombined(t, p.combined, p.cert, p.key)
	for _, f := range []string{p.cert, p.key, p.caFile, p.combined} {
		if err := chownTo(f, owner); err != nil {
			t.Fatalf("lab: %v", err)
		}
	}
	return p
}

// writeCombined concatenates the PEM files parts into path.
func writeCombined(t testing.TB, path string, parts ...string) {
	t.Helper()
	var all []byte
	for _, part := range parts {
		b, err := os.ReadFile(part)
		if err != nil {
			t.Fatalf("lab: %v", err)
		}
		all = append(all, b...)
	}
	if err := os.WriteFile(path, all, 0o600); err != nil {
		t.Fatalf("lab: %v", err)
	}
}

// server returns a Server for addr with this PKI's authority.
func (p pki) server(name, addr string, e Expect, log func() string) Server {
	return Server{Name: name, Addr: addr, Expect: e, CAPool: p.ca.Pool(), CAFile: p.caFile, Log: log}
}

// serverDir makes a private directory for one server's files, owned by
// owner when the test runs as root, and removes it at cleanup. Unlike
// t.TempDir, its parent is /tmp itself, so a server running as another
// user can reach it.
func serverDir(t testing.TB, name, owner string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "tlsfloor-lab-"+name+"-")
	if err != nil {
		t.Fatalf("lab: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := chownTo(dir, owner); err != nil {
		t.Fatalf("lab: %v", err)
	}
	return dir
}

// certPEM encodes DER certificates as PEM.
func certPEM(ders ...[]byte) []byte {
	var out []byte
	for _, der := range ders {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	}
	return out
}

// poolOf returns a pool trusting cert.
func poolOf(cert *x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(cert)
	return p
}
