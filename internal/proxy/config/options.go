package config

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// Options returns the proxy options the configuration sets. It reads the
// users file, the TLS files and the upgrade CA file, if set, so that a
// reload also picks up new passwords and certificates.
func (f *File) Options() (proxy.Options, error) {
	opts := proxy.Options{
		Mode:    f.Mode,
		Policy:  f.Floor.Policy(),
		Allow:   slices.Clone(f.Allow),
		Resolve: maps.Clone(f.Resolve),
		Upgrade: proxy.Upgrade{Enabled: f.Upgrade.Enabled, Clients: slices.Clone(f.Upgrade.Clients)},
		Limits:  f.Limits,
	}
	var err error
	if f.UsersFile != "" {
		opts.Users, err = ReadUsers(f.UsersFile)
	}
	if err == nil {
		err = f.TLS.read(&opts)
	}
	if err == nil && f.UpgradeCA != "" {
		opts.RootCAs, err = readCAs("upgrade CA file", f.UpgradeCA)
	}
	if err != nil {
		return proxy.Options{}, err
	}
	return opts, nil
}

// read loads the listener's certificate and the client CAs into opts.
func (t TLSFiles) read(opts *proxy.Options) error {
	if err := t.check(); err != nil {
		return fmt.Errorf("tls: %w", err)
	}
	if t.CertFile == "" {
		return nil
	}
	cert, err := readKeyPair(t.CertFile, t.KeyFile)
	if err != nil {
		return err
	}
	opts.Certificate = &cert
	if t.ClientCAFile != "" {
		opts.ClientCAs, err = readCAs("client CA file", t.ClientCAFile)
	}
	return err
}

// readKeyPair reads a PEM certificate chain and its private key.
func readKeyPair(certFile, keyFile string) (tls.Certificate, error) {
	certPEM, err := readLimited(certFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("tls cert file: %w", err)
	}
	keyPEM, err := readLimited(keyFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("tls key file: %w", err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, &Error{File: certFile, Err: fmt.Errorf("with key file %s: %w", keyFile, err)}
	}
	return cert, nil
}

// readCAs reads a PEM file of CA certificates; what names the file in
// errors.
func readCAs(what, path string) (*x509.CertPool, error) {
	pem, err := readLimited(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, &Error{File: path, Err: errors.New("no PEM certificate")}
	}
	return pool, nil
}
