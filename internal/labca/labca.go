// Package labca mints a throw-away certificate authority and server
// certificates for TLS servers that tlsfloor starts on loopback: the
// doctor --handshake lab and the test labs.
//
// Keys live in memory only; certificates are valid for one day from an
// hour ago (to absorb clock skew between client and server processes).
package labca

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
	"fmt"
	"math/big"
	"net"
	"os"
	"time"
)

// KeyType selects a leaf key algorithm.
type KeyType int

const (
	// ECDSA is a P-256 key, fast to generate.
	ECDSA KeyType = iota
	// RSA is a 2048-bit RSA key, needed for RSA key-exchange suites.
	RSA
)

// validity of every certificate, starting an hour ago.
const validity = 24 * time.Hour

// CA is a throw-away certificate authority.
type CA struct {
	// Cert is the CA certificate.
	Cert *x509.Certificate
	key  crypto.Signer
}

// New mints a CA whose certificate names it name.
func New(name string) (*CA, error) {
	key, err := NewKey(ECDSA)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		Subject:               pkix.Name{CommonName: name},
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	cert, err := sign(tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, err
	}
	return &CA{Cert: cert, key: key}, nil
}

// NewKey generates a key of type kt.
func NewKey(kt KeyType) (crypto.Signer, error) {
	var key crypto.Signer
	var err error
	if kt == RSA {
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	} else {
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
	if err != nil {
		return nil, fmt.Errorf("labca: generate key: %w", err)
	}
	return key, nil
}

// Leaf issues a server (and client) certificate for key, valid for
// localhost, 127.0.0.1, ::1 and any extra DNS names given.
func (ca *CA) Leaf(key crypto.Signer, names ...string) (tls.Certificate, error) {
	tmpl := &x509.Certificate{
		Subject:     pkix.Name{CommonName: "localhost"},
		DNSNames:    append([]string{"localhost"}, names...),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
	}
	cert, err := sign(tmpl, ca.Cert, key.Public(), ca.key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{cert.Raw}, PrivateKey: key, Leaf: cert}, nil
}

// ClientLeaf issues a certificate for TLS client authentication only, for
// key, with the Subject common name commonName (none when empty) and the
// DNS names given as its subject alternative names.
func (ca *CA) ClientLeaf(key crypto.Signer, commonName string, dnsNames ...string) (tls.Certificate, error) {
	tmpl := &x509.Certificate{
		Subject:     pkix.Name{CommonName: commonName},
		DNSNames:    dnsNames,
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	cert, err := sign(tmpl, ca.Cert, key.Public(), ca.key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{cert.Raw}, PrivateKey: key, Leaf: cert}, nil
}

// Pool returns a pool that trusts only this CA.
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Cert)
	return p
}

// CertPEM returns the CA certificate as PEM.
func (ca *CA) CertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Cert.Raw})
}

// WriteFiles writes a leaf's certificate and key and the CA certificate as
// PEM files in dir, for servers and clients that read files.
func (ca *CA) WriteFiles(dir string, leaf tls.Certificate) (certFile, keyFile, caFile string, err error) {
	der, err := x509.MarshalPKCS8PrivateKey(leaf.PrivateKey)
	if err != nil {
		return "", "", "", fmt.Errorf("labca: marshal key: %w", err)
	}
	files := []struct {
		path, typ string
		der       []byte
	}{
		{dir + "/cert.pem", "CERTIFICATE", leaf.Certificate[0]},
		{dir + "/key.pem", "PRIVATE KEY", der},
		{dir + "/ca.pem", "CERTIFICATE", ca.Cert.Raw},
	}
	for _, f := range files {
		if err := os.WriteFile(f.path, pem.EncodeToMemory(&pem.Block{Type: f.typ, Bytes: f.der}), 0o600); err != nil {
			return "", "", "", fmt.Errorf("labca: %w", err)
		}
	}
	return files[0].path, files[1].path, files[2].path, nil
}

// sign fills in tmpl's serial number and validity and signs it.
func sign(tmpl, parent *x509.Certificate, pub crypto.PublicKey, signer crypto.Signer) (*x509.Certificate, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		return nil, fmt.Errorf("labca: serial: %w", err)
	}
	tmpl.SerialNumber = serial
	tmpl.NotBefore = time.Now().Add(-time.Hour)
	tmpl.NotAfter = tmpl.NotBefore.Add(validity)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, signer)
	if err != nil {
		return nil, fmt.Errorf("labca: create certificate: %w", err)
	}
	return x509.ParseCertificate(der)
}
