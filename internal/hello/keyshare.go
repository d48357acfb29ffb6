package hello

import (
	"crypto/ecdh"
	"crypto/mlkem"
	"crypto/rand"
	"crypto/tls"
	"fmt"
	"sync"
)

// ecdhCurves are the classical groups crypto/ecdh implements. Their key
// shares are an X25519 public key or an uncompressed point (RFC 8446,
// section 4.2.8.2).
var ecdhCurves = map[tls.CurveID]ecdh.Curve{
	tls.X25519:    ecdh.X25519(),
	tls.CurveP256: ecdh.P256(),
	tls.CurveP384: ecdh.P384(),
	tls.CurveP521: ecdh.P521(),
}

// keyShare returns a valid client key share for group g, made once per
// group and process and then reused: the private half is discarded, so
// the share can start a handshake, never finish one, and a new one for
// every hello would cost key generation (ML-KEM's above all) for nothing. Hybrid shares concatenate their parts in the order
// draft-ietf-tls-ecdhe-mlkem (section 4) gives: the ML-KEM-768
// encapsulation key first for X25519MLKEM768, the ECDH point first for
// SecP256r1MLKEM768 and SecP384r1MLKEM1024. Pure ML-KEM shares
// (draft-connolly-tls-mlkem-key-agreement) are an encapsulation key.
func keyShare(g tls.CurveID) ([]byte, error) {
	shares.Lock()
	defer shares.Unlock()
	if b, ok := shares.m[g]; ok {
		return b, nil
	}
	b, err := newKeyShare(g)
	if err == nil {
		shares.m[g] = b
	}
	return b, err
}

// shares holds the key share made for each group.
var shares = struct {
	sync.Mutex
	m map[tls.CurveID][]byte
}{m: map[tls.CurveID][]byte{}}

// newKeyShare makes a key share for group g.
func newKeyShare(g tls.CurveID) ([]byte, error) {
	switch g {
	case tls.X25519MLKEM768:
		return concat(mlkemKey768, ecdhKey(tls.X25519))
	case tls.SecP256r1MLKEM768:
		return concat(ecdhKey(tls.CurveP256), mlkemKey768)
	case tls.SecP384r1MLKEM1024:
		return concat(ecdhKey(tls.CurveP384), mlkemKey1024)
	case MLKEM768:
		return mlkemKey768()
	case MLKEM1024:
		return mlkemKey1024()
	}
	if _, ok := ecdhCurves[g]; ok {
		return ecdhKey(g)()
	}
	return nil, fmt.Errorf("hello: cannot make a key share for group %s", GroupName(g))
}

func ecdhKey(g tls.CurveID) func() ([]byte, error) {
	return func() ([]byte, error) {
		k, err := ecdhCurves[g].GenerateKey(rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("hello: %s key: %w", GroupName(g), err)
		}
		return k.PublicKey().Bytes(), nil
	}
}

func mlkemKey768() ([]byte, error) {
	k, err := mlkem.GenerateKey768()
	if err != nil {
		return nil, fmt.Errorf("hello: ML-KEM-768 key: %w", err)
	}
	return k.EncapsulationKey().Bytes(), nil
}

func mlkemKey1024() ([]byte, error) {
	k, err := mlkem.GenerateKey1024()
	if err != nil {
		return nil, fmt.Errorf("hello: ML-KEM-1024 key: %w", err)
	}
	return k.EncapsulationKey().Bytes(), nil
}

// concat joins two generated key parts in order.
func concat(first, second func() ([]byte, error)) ([]byte, error) {
	a, err := first()
	if err != nil {
		return nil, err
	}
	b, err := second()
	if err != nil {
		return nil, err
	}
	return append(a, b...), nil
}
