package lab

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/labca"
)

// HugeChainIntermediates is the number of intermediate certificates the
// HugeChain server sends between its leaf and its root.
const HugeChainIntermediates = 50

// hugeChainPadding is the size of the private extension that makes each
// intermediate about 6.4 KB, and the chain about 320 KB.
const hugeChainPadding = 6000

// paddingOID is a private-arc OID for the padding extension.
var paddingOID = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 55555, 1}

// hugeChain is the chain, minted once per test binary: the leaf first,
// then the intermediates, and the root that signs the last of them.
var hugeChain = sync.OnceValues(mintHugeChain)

// chain is a certificate chain with its root.
type chain struct {
	leaf tls.Certificate
	root *x509.Certificate
}

// HugeChainServer starts a crypto/tls server (TLS 1.2 and 1.3, ECDSA)
// whose certificate chain has HugeChainIntermediates padded intermediates,
// about 320 KB in all: more than crypto/tls clients (256 KiB Certificate
// messages) and OpenSSL clients (100 KB) accept, so their handshakes
// fail. The chain itself is valid: the Server's CAPool holds its root.
func HugeChainServer(t testing.TB) Server {
	t.Helper()
	ch, err := hugeChain()
	if err != nil {
		t.Fatalf("lab: huge chain: %v", err)
	}
	cfg := GoConfig{
		Min: tls.VersionTLS12, Max: tls.VersionTLS13, Key: ECDSA,
		Groups: []tls.CurveID{tls.X25519, tls.CurveP256},
		Suites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
	}
	tc := cfg.tlsConfig(ch.leaf)
	addr := serveLoopback(t, func(_ context.Context, c net.Conn) { serveTLS(c, tc) })
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, certPEM(ch.root.Raw), 0o600); err != nil {
		t.Fatalf("lab: %v", err)
	}
	e := cfg.expect()
	e.Hostile = HugeChain
	return Server{Name: "hostile-hugechain", Addr: addr, Expect: e, CAPool: poolOf(ch.root), CAFile: caFile, Log: noLog}
}

// mintHugeChain makes a root, HugeChainIntermediates intermediates each
// signed by the one before, and a localhost leaf signed by the last.
func mintHugeChain() (chain, error) {
	rootKey, err := labca.NewKey(ECDSA)
	if err != nil {
		return chain{}, err
	}
	root, err := mint(caTemplate("tlsfloor lab huge-chain root", nil), nil, rootKey, rootKey)
	if err != nil {
		return chain{}, err
	}
	parent, parentKey := root, crypto.Signer(rootKey)
	var ders [][]byte
	for i := 1; i <= HugeChainIntermediates; i++ {
		key, err := labca.NewKey(ECDSA)
		if err != nil {
			return chain{}, err
		}
		pad := make([]byte, hugeChainPadding)
		tmpl := caTemplate(fmt.Sprintf("tlsfloor lab intermediate %d", i), pad)
		cert, err := mint(tmpl, parent, key, parentKey)
		if err != nil {
			return chain{}, err
		}
		ders = append([][]byte{cert.Raw}, ders...)
		parent, parentKey = cert, key
	}
	leafKey, err := labca.NewKey(ECDSA)
	if err != nil {
		return chain{}, err
	}
	leaf, err := mint(leafTemplate(), parent, leafKey, parentKey)
	if err != nil {
		return chain{}, err
	}
	return chain{
		leaf: tls.Certificate{Certificate: append([][]byte{leaf.Raw}, ders...), PrivateKey: leafKey, Leaf: leaf},
		root: root,
	}, nil
}

// caTemplate is a CA certificate template carrying pad in a non-critical
// private extension (none when pad is nil).
func caTemplate(name string, pad []byte) *x509.Certificate {
	tmpl := &x509.Certificate{
		Subject:               pkix.Name{CommonName: name},
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLen:            -1,
	}
	if pad != nil {
		value, _ := asn1.Marshal(pad)
		tmpl.ExtraExtensions = []pkix.Extension{{Id: paddingOID, Value: value}}
	}
	return tmpl
}

// leafTemplate is a server certificate template for localhost and
// 127.0.0.1.
func leafTemplate() *x509.Certificate {
	return &x509.Certificate{
		Subject:     pkix.Name{CommonName: "localhost"},
		DNSNames:    []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
}

// mint signs tmpl for key with parent (tmpl itself when nil) and
// parentKey, valid from an hour ago for a day.
func mint(tmpl, parent *x509.Certificate, key, parentKey crypto.Signer) (*x509.Certificate, error) {
	if parent == nil {
		parent = tmpl
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		return nil, err
	}
	tmpl.SerialNumber = serial
	tmpl.NotBefore = time.Now().Add(-time.Hour)
	tmpl.NotAfter = tmpl.NotBefore.Add(24 * time.Hour)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}
