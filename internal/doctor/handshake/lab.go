package handshake

import (
	"context"
	"crypto/tls"
	"embed"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/labca"
)

// probes are the client programs for the clients that need one.
//
//go:embed probes
var probes embed.FS

// lab is one run's CA, servers and temporary directory.
type lab struct {
	dir     string
	caFile  string
	ca      *labca.CA
	servers []*labServer
}

// startLab mints the CA, writes it and the probes to a new temporary
// directory and starts every lab server. On error it cleans up itself.
func startLab(timeout time.Duration) (l *lab, err error) {
	dir, err := os.MkdirTemp("", "tlsfloor-handshake-")
	if err != nil {
		return nil, fmt.Errorf("create lab directory: %w", err)
	}
	l = &lab{dir: dir, caFile: filepath.Join(dir, "ca.pem")}
	defer func() {
		if err != nil {
			l.close()
		}
	}()
	if l.ca, err = newCA(); err != nil {
		return nil, err
	}
	if err = writeCAPEM(l.ca, l.caFile); err != nil {
		return nil, err
	}
	if err = writeProbes(dir); err != nil {
		return nil, err
	}
	return l, l.startServers(timeout)
}

// writeProbes copies the embedded probes into dir.
func writeProbes(dir string) error {
	entries, err := probes.ReadDir("probes")
	if err != nil {
		return fmt.Errorf("read probes: %w", err)
	}
	for _, e := range entries {
		data, err := probes.ReadFile("probes/" + e.Name())
		if err != nil {
			return fmt.Errorf("read probe: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			return fmt.Errorf("write probe: %w", err)
		}
	}
	return nil
}

// startServers starts one server per labServers entry.
func (l *lab) startServers(timeout time.Duration) error {
	certs, err := leaves(l.ca)
	if err != nil {
		return err
	}
	for _, s := range labServers() {
		ls, err := startServer(s, certs, timeout)
		if err != nil {
			return err
		}
		l.servers = append(l.servers, ls)
	}
	return nil
}

// close stops every server and removes the temporary directory.
func (l *lab) close() {
	for _, s := range l.servers {
		s.close()
	}
	os.RemoveAll(l.dir)
}

// list returns the servers as the report describes them.
func (l *lab) list() []Server {
	out := make([]Server, len(l.servers))
	for i, s := range l.servers {
		out[i] = s.Server
	}
	return out
}

// selfCheck proves each server negotiates what it stands for with a Go
// client held to the same version and group, so that a refusal in the
// report is the client's doing. GODEBUG=tlsmlkem=0 or fips140=only in
// this process's environment, for example, would fail it.
func (l *lab) selfCheck(ctx context.Context) error {
	for _, s := range l.servers {
		if err := l.checkServer(ctx, s.Server); err != nil {
			return fmt.Errorf("lab %s server does not work: %w", s.Name, err)
		}
	}
	return nil
}

// checkServer dials s once with crypto/tls and checks what it negotiated.
func (l *lab) checkServer(ctx context.Context, s Server) error {
	cfg := &tls.Config{RootCAs: l.ca.Pool(), ServerName: "127.0.0.1", MinVersion: s.Version, MaxVersion: s.Version}
	if s.PostQuantum {
		cfg.CurvePreferences = []tls.CurveID{tls.X25519MLKEM768}
	}
	d := tls.Dialer{NetDialer: &net.Dialer{Timeout: 5 * time.Second}, Config: cfg}
	c, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return err
	}
	defer c.Close()
	st := c.(*tls.Conn).ConnectionState()
	if st.Version != s.Version || (s.PostQuantum && st.CurveID != tls.X25519MLKEM768) {
		return errors.New("negotiated " + tls.VersionName(st.Version) + " with " + groupName(st.CurveID))
	}
	return nil
}
