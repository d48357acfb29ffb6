package lab

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// recorder keeps every byte read through it.
type recorder struct {
	net.Conn
	got bytes.Buffer
}

// Read reads from the connection and keeps a copy.
func (r *recorder) Read(p []byte) (int, error) {
	n, err := r.Conn.Read(p)
	r.got.Write(p[:n])
	return n, err
}

// verifyHugeChain reads the server's TLS 1.2 Certificate message off the
// wire (crypto/tls refuses it) and checks its size and that the chain
// verifies up to the declared CA; at TLS 1.3 crypto/tls must refuse it
// too.
func verifyHugeChain(t *testing.T, srv Server) {
	certs := fetchChainTLS12(t, srv.Addr)
	size := 0
	for _, c := range certs {
		size += len(c.Raw)
	}
	if len(certs) != HugeChainIntermediates+1 || size < 300_000 {
		t.Errorf("chain of %d certificates, %d bytes; want %d and over 300 KB", len(certs), size, HugeChainIntermediates+1)
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	if _, err := certs[0].Verify(x509.VerifyOptions{Roots: srv.CAPool, Intermediates: inter, DNSName: "localhost"}); err != nil {
		t.Errorf("chain does not verify: %v", err)
	}
	_, err := goDial(srv, tls.VersionTLS13, tls.VersionTLS13, nil)
	if err == nil || !strings.Contains(err.Error(), "exceeds maximum") {
		t.Errorf("TLS 1.3 handshake: %v, want the certificate message refused as too large", err)
	}
}

// fetchChainTLS12 starts a TLS 1.2 handshake with addr and returns the
// certificates of the server's Certificate message.
func fetchChainTLS12(t *testing.T, addr string) []*x509.Certificate {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	rec := &recorder{Conn: c}
	err = tls.Client(rec, &tls.Config{InsecureSkipVerify: true, MaxVersion: tls.VersionTLS12}).Handshake()
	if err == nil {
		t.Fatal("crypto/tls accepted the huge chain")
	}
	buf := make([]byte, 64<<10)
	for {
		certs, err := parseCertificateMsg(rec.got.Bytes())
		if err == nil {
			return certs
		}
		if !errors.Is(err, errShort) {
			t.Fatal(err)
		}
		n, rerr := c.Read(buf)
		rec.got.Write(buf[:n])
		if rerr != nil {
			t.Fatalf("reading the chain: %v after %d bytes", rerr, rec.got.Len())
		}
	}
}

// errShort means more bytes are needed.
var errShort = errors.New("short")

// parseCertificateMsg finds the Certificate handshake message in the
// server's plaintext TLS 1.2 records and parses its certificates.
func parseCertificateMsg(wire []byte) ([]*x509.Certificate, error) {
	var hs []byte
	for len(wire) >= 5 {
		n := int(wire[3])<<8 | int(wire[4])
		if len(wire) < 5+n {
			break
		}
		if wire[0] == 22 {
			hs = append(hs, wire[5:5+n]...)
		}
		wire = wire[5+n:]
	}
	for len(hs) >= 4 {
		n := int(hs[1])<<16 | int(hs[2])<<8 | int(hs[3])
		if len(hs) < 4+n {
			return nil, errShort
		}
		if hs[0] == 11 {
			return parseCertList(hs[4 : 4+n])
		}
		hs = hs[4+n:]
	}
	return nil, errShort
}

// parseCertList parses a TLS 1.2 certificate_list.
func parseCertList(b []byte) ([]*x509.Certificate, error) {
	if len(b) < 3 {
		return nil, errors.New("empty Certificate message")
	}
	b = b[3:]
	var certs []*x509.Certificate
	for len(b) >= 3 {
		n := int(b[0])<<16 | int(b[1])<<8 | int(b[2])
		if len(b) < 3+n {
			return nil, errors.New("truncated certificate")
		}
		c, err := x509.ParseCertificate(b[3 : 3+n])
		if err != nil {
			return nil, err
		}
		certs = append(certs, c)
		b = b[3+n:]
	}
	return certs, nil
}
