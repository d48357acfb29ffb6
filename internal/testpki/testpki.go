// Package testpki gives tests a throw-away certificate authority (from
// internal/labca) that fails the test instead of returning errors.
package testpki

import (
	"crypto/tls"
	"crypto/x509"
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/labca"
)

// KeyType selects the leaf key algorithm.
type KeyType = labca.KeyType

// Key types.
const (
	ECDSA = labca.ECDSA
	RSA   = labca.RSA
)

// CA is a test certificate authority.
type CA struct {
	*labca.CA
}

// New returns a fresh CA. It fails the test on error.
func New(t testing.TB) *CA {
	t.Helper()
	ca, err := labca.New("tlsfloor test CA")
	if err != nil {
		t.Fatal(err)
	}
	return &CA{ca}
}

// Pool returns a pool that trusts only this CA.
func (ca *CA) Pool() *x509.CertPool { return ca.CA.Pool() }

// Leaf issues a server certificate for localhost, 127.0.0.1 and ::1, plus
// any extra DNS names given.
func (ca *CA) Leaf(t testing.TB, kt KeyType, names ...string) tls.Certificate {
	t.Helper()
	key, err := labca.NewKey(kt)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := ca.CA.Leaf(key, names...)
	if err != nil {
		t.Fatal(err)
	}
	return leaf
}

// Client issues an ECDSA certificate for TLS client authentication with
// the Subject common name commonName (none when empty) and the DNS names
// given as subject alternative names.
func (ca *CA) Client(t testing.TB, commonName string, dnsNames ...string) tls.Certificate {
	t.Helper()
	key, err := labca.NewKey(ECDSA)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := ca.ClientLeaf(key, commonName, dnsNames...)
	if err != nil {
		t.Fatal(err)
	}
	return leaf
}

// Files writes a leaf's certificate and key and the CA certificate as PEM
// into a temporary directory and returns their paths, for servers such as
// openssl s_server that read files.
func (ca *CA) Files(t testing.TB, leaf tls.Certificate) (certFile, keyFile, caFile string) {
	t.Helper()
	certFile, keyFile, caFile, err := ca.WriteFiles(t.TempDir(), leaf)
	if err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile, caFile
}
