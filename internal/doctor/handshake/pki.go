package handshake

import (
	"crypto/tls"
	"fmt"
	"os"

	"github.com/tlsfloor/tlsfloor/internal/labca"
)

// newCA mints the throw-away certificate authority of one run. Its key
// lives in memory only and is dropped with the run.
func newCA() (*labca.CA, error) {
	return labca.New("tlsfloor doctor handshake lab CA")
}

// leaves issues one ECDSA P-256 and one RSA 2048 server certificate, so
// that no client refuses a lab server for its key type rather than for its
// protocol version.
func leaves(ca *labca.CA) ([]tls.Certificate, error) {
	var out []tls.Certificate
	for _, kt := range []labca.KeyType{labca.ECDSA, labca.RSA} {
		key, err := labca.NewKey(kt)
		if err != nil {
			return nil, err
		}
		leaf, err := ca.Leaf(key)
		if err != nil {
			return nil, err
		}
		out = append(out, leaf)
	}
	return out, nil
}

// writeCAPEM writes the CA certificate to path for the clients to trust.
func writeCAPEM(ca *labca.CA, path string) error {
	if err := os.WriteFile(path, ca.CertPEM(), 0o644); err != nil {
		return fmt.Errorf("write CA certificate: %w", err)
	}
	return nil
}
