// Package testpki mints a throw-away certificate authority and leaf
// certificates for tests that run real TLS servers on loopback.
//
// Nothing here is fit for production: keys live in memory and in the test's
// temporary directory, and certificates are valid for one day.
package testpki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// KeyType selects the leaf key algorithm.
type KeyType int

const (
	// ECDSA is a P-256 key, fast to generate.
	ECDSA KeyType = iota
	// RSA is a 2048-bit RSA key, needed for RSA key-exchange suites.
	RSA
)

// CA is a test certificate authority.
type CA struct {
	Cert *x509.Certificate
	key  crypto.Signer
	pool *x509.CertPool
}

// New returns a fresh CA. It fails the test on error.
func New(t testing.TB) *CA {
	t.Helper()
	key := mustKey(t, ECDSA)
	tmpl := &x509.Certificate{
		SerialNumber:          serial(t),
		Subject:               pkix.Name{CommonName: "tlsfloor test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	cert := mustCreate(t, tmpl, tmpl, key.Public(), key)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &CA{Cert: cert, key: key, pool: pool}
}

// Pool returns a pool that trusts only this CA.
func (ca *CA) Pool() *x509.CertPool { return ca.pool }

// Leaf issues a server certificate for localhost, 127.0.0.1 and ::1, plus
// any extra DNS names given.
func (ca *CA) Leaf(t testing.TB, kt KeyType, names ...string) tls.Certificate {
	t.Helper()
	key := mustKey(t, kt)
	tmpl := &x509.Certificate{
		SerialNumber: serial(t),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     append([]string{"localhost"}, names...),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
	}
	cert := mustCreate(t, tmpl, ca.Cert, key.Public(), ca.key)
	return tls.Certificate{Certificate: [][]byte{cert.Raw}, PrivateKey: key, Leaf: cert}
}

// Files writes a leaf's certificate and key and the CA certificate as PEM
// into a temporary directory and returns their paths, for servers such as
// openssl s_server that read files.
func (ca *CA) Files(t testing.TB, leaf tls.Certificate) (certFile, keyFile, caFile string) {
	t.Helper()
	dir := t.TempDir()
	der, err := x509.MarshalPKCS8PrivateKey(leaf.PrivateKey)
	if err != nil {
		t.Fatalf("testpki: marshal key: %v", err)
	}
	certFile = writePEM(t, filepath.Join(dir, "cert.pem"), "CERTIFICATE", leaf.Certificate[0])
	keyFile = writePEM(t, filepath.Join(dir, "key.pem"), "PRIVATE KEY", der)
	caFile = writePEM(t, filepath.Join(dir, "ca.pem"), "CERTIFICATE", ca.Cert.Raw)
	return certFile, keyFile, caFile
}

func writePEM(t testing.TB, path, typ string, der []byte) string {
	t.Helper()
	data := pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatalf("testpki: %v", err)
	}
	return path
}

func mustKey(t testing.TB, kt KeyType) crypto.Signer {
	t.Helper()
	var key crypto.Signer
	var err error
	if kt == RSA {
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	} else {
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
	if err != nil {
		t.Fatalf("testpki: generate key: %v", err)
	}
	return key
}

func mustCreate(t testing.TB, tmpl, parent *x509.Certificate, pub crypto.PublicKey, signer crypto.Signer) *x509.Certificate {
	t.Helper()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, signer)
	if err != nil {
		t.Fatalf("testpki: create certificate: %v", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatalf("testpki: parse certificate: %v", err)
	}
	return cert
}

func serial(t testing.TB) *big.Int {
	t.Helper()
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		t.Fatalf("testpki: serial: %v", err)
	}
	return n
}
