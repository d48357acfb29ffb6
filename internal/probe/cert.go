package probe

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"time"
)

// describeChain summarises a chain, leaf first, and verifies it for the
// endpoint's name against the configured roots.
func (p *prober) describeChain(chain []*x509.Certificate, source string) *Certificate {
	if len(chain) == 0 {
		return nil
	}
	leaf := chain[0]
	c := &Certificate{
		Subject: leaf.Subject.String(), Issuer: leaf.Issuer.String(), SANs: sans(leaf),
		NotBefore: leaf.NotBefore, NotAfter: leaf.NotAfter,
		SignatureAlgorithm: leaf.SignatureAlgorithm.String(), ChainLength: len(chain), Source: source,
	}
	c.KeyType, c.KeyBits = keyInfo(leaf.PublicKey)
	if err := verify(chain, p.name, p.opts.Roots); err != nil {
		c.TrustError = err.Error()
	} else {
		c.Trusted = true
	}
	return c
}

// verify checks chain for name (a host name or an IP address) against
// roots, the system roots when nil.
func verify(chain []*x509.Certificate, name string, roots *x509.CertPool) error {
	inter := x509.NewCertPool()
	for _, c := range chain[1:] {
		inter.AddCert(c)
	}
	_, err := chain[0].Verify(x509.VerifyOptions{
		Roots: roots, Intermediates: inter, DNSName: name, CurrentTime: time.Now(),
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	return err
}

// sans lists the DNS names and IP addresses a certificate is valid for.
func sans(c *x509.Certificate) []string {
	names := append([]string(nil), c.DNSNames...)
	for _, ip := range c.IPAddresses {
		names = append(names, ip.String())
	}
	return names
}

// keyInfo names a public key's algorithm and size in bits.
func keyInfo(pub any) (string, int) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "ECDSA", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "Ed25519", 256
	}
	return "unknown", 0
}
