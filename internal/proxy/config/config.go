// Package config reads the configuration file of "tlsfloor proxy" and turns
// it, with the command's flags on top, into [proxy.Options].
//
// The file is one YAML document. Every key is optional; a key tlsfloor does
// not know is an error, as is a value of the wrong kind, and each error
// names the file and the line of the offending key or list item:
//
//	listen: 127.0.0.1:3128      # default; a non-loopback address warns
//	metrics: 127.0.0.1:9810     # Prometheus text at /metrics; off when absent
//	mode: enforce               # or audit, which logs and lets through
//	floor: "1.2"                # or "1.3", pq
//	allow:                      # replaces the default list of AWS domains
//	  - "*.amazonaws.com"
//	  - 10.20.0.0/16            # a CIDR also admits special-purpose addresses
//	resolve:                    # host:port:addr, as curl --resolve
//	  - sts.eu-west-1.amazonaws.com:443:10.20.1.5
//	users_file: users.txt       # name:password lines; Proxy-Authorization required
//	tls:                        # an HTTPS proxy: clients reach it over TLS 1.2+
//	  cert_file: proxy.pem      # its certificate chain, PEM
//	  key_file: proxy-key.pem   # and private key
//	  client_ca_file: ca.pem    # require client certificates from these CAs
//	upgrade:
//	  enabled: false            # plain-HTTP clients lifted to TLS upstream
//	  clients: [10.1.0.0/16]    # default: loopback clients only
//	  ca_file: upstream-ca.pem  # default: the system roots
//	limits:
//	  max_conns: 4096
//	  header_timeout: 10s
//	  hello_timeout: 10s
//	  idle_timeout: 5m
//	  dial_timeout: 10s
//	drain_timeout: 20s          # how long shutdown waits for open tunnels
//
// Absent keys take the defaults of [Defaults] and of proxy.Options: enforce
// mode, the TLS 1.2 floor, the AWS domains, no upgrade mode, no client
// authentication, plain TCP on the listener. Durations need a unit ("10s",
// "5m"). A relative file name (users_file, ca_file and the tls files) is
// read from the configuration file's directory, and every file is read
// again on reload; the users file's format is described at [ReadUsers].
// cert_file and key_file go together, and client_ca_file needs them. [File.Warnings] names every setting weaker
// than the default.
package config

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strconv"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// Defaults of the settings that proxy.Options does not hold.
const (
	// DefaultListen is where the proxy listens unless told otherwise:
	// loopback only, on the port HTTP proxies customarily use.
	DefaultListen = "127.0.0.1:3128"
	// DefaultDrainTimeout is how long shutdown waits for open tunnels.
	DefaultDrainTimeout = 20 * time.Second
)

// maxFileSize bounds the configuration and users files.
const maxFileSize = 1 << 20

// File is a proxy configuration: the values of a configuration file, of
// the defaults, and of any flags applied on top.
type File struct {
	// Path is the configuration file read, or "" for none.
	Path string
	// Listen is the proxy's address (default DefaultListen).
	Listen string
	// Metrics is the address of the metrics listener; "" turns it off.
	Metrics string
	// Mode is proxy.Enforce (default) or proxy.Audit.
	Mode proxy.Mode
	// Floor is the TLS floor tunnels are held to.
	Floor Floor
	// Allow lists the destinations; nil means proxy.DefaultAllow.
	Allow []proxy.Pattern
	// Resolve maps "host:port" to the address to dial instead.
	Resolve map[string]netip.AddrPort
	// UsersFile, when set, is read by Options for the proxy's users.
	UsersFile string
	// Upgrade configures upgrade mode (off by default).
	Upgrade proxy.Upgrade
	// TLS names the files of the proxy's own TLS listener, if any.
	TLS TLSFiles
	// UpgradeCA, when set, is a PEM file of the CA certificates that
	// verify upgrade mode's upstream servers instead of the system roots.
	UpgradeCA string
	// Limits bound connections and reads; zero fields take proxy's
	// defaults.
	Limits proxy.Limits
	// DrainTimeout bounds graceful shutdown (default DefaultDrainTimeout).
	DrainTimeout time.Duration

	lines map[string]int // key path -> line in Path
}

// TLSFiles are the PEM files of an HTTPS proxy: with CertFile and KeyFile
// set, clients reach the proxy over TLS; with ClientCAFile set too, they
// must present a certificate from one of its CAs.
type TLSFiles struct {
	// CertFile is the proxy's certificate chain, leaf first.
	CertFile string
	// KeyFile is the certificate's private key.
	KeyFile string
	// ClientCAFile holds the CA certificates client certificates must
	// chain to.
	ClientCAFile string
}

// check refuses a certificate without its key, and client CAs without a
// certificate.
func (t TLSFiles) check() error {
	switch {
	case (t.CertFile == "") != (t.KeyFile == ""):
		return errors.New("cert_file and key_file (--tls-cert, --tls-key) go together: give both or neither")
	case t.ClientCAFile != "" && t.CertFile == "":
		return errors.New("client_ca_file (--client-ca) needs cert_file and key_file: client certificates are asked for over TLS only")
	}
	return nil
}

// Defaults returns the configuration used without a file: every setting at
// its default.
func Defaults() *File {
	return &File{Listen: DefaultListen, DrainTimeout: DefaultDrainTimeout}
}

// Load reads the configuration file at path. The file is rejected whole if
// any part of it is wrong; the error is an *[Error] naming the file and
// line.
func Load(path string) (*File, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Line returns the line of key ("limits.idle_timeout") in the file, or 0
// when the value did not come from the file.
func (f *File) Line(key string) int { return f.lines[key] }

// Error is a problem at one place in a configuration or users file.
type Error struct {
	// File is the path of the file.
	File string
	// Line is the 1-based line, or 0 when the problem has no line.
	Line int
	// Key is the setting, such as "limits.idle_timeout"; "" for syntax.
	Key string
	// Err says what is wrong.
	Err error
}

// Error returns "file:line: key: problem".
func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc += ":" + strconv.Itoa(e.Line)
	}
	if e.Key != "" {
		return fmt.Sprintf("%s: %s: %v", loc, e.Key, e.Err)
	}
	return fmt.Sprintf("%s: %v", loc, e.Err)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// readLimited reads a whole file of at most maxFileSize bytes.
func readLimited(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(data) > maxFileSize {
		return nil, &Error{File: path, Err: fmt.Errorf("larger than %d bytes", maxFileSize)}
	}
	return data, nil
}
