package tlsfloor_test

import (
	"crypto/tls"
	"fmt"
	"log"
	"log/slog"
	"net/http"

	"github.com/tlsfloor/tlsfloor"
)

// The strict default: TLS 1.2 or later, checked on every connection.
func ExamplePolicy_Client() {
	client := tlsfloor.Default.Client(nil)
	resp, err := client.Get("https://sts.us-east-1.amazonaws.com/")
	if err != nil {
		log.Fatal(err) // a *tlsfloor.DowngradeError if the server is below the floor
	}
	defer resp.Body.Close()
	fmt.Println(tls.VersionName(resp.TLS.Version))
}

// A floor on an existing tls.Config, with an observer for audit logs.
func ExamplePolicy_Config() {
	p := tlsfloor.TLS13
	p.Observer = func(ev tlsfloor.Event) {
		slog.Info("tls handshake", "host", ev.Host, "version", tls.VersionName(ev.Version), "outcome", ev.Outcome.String())
	}
	conn, err := tls.Dial("tcp", "kms.eu-west-1.amazonaws.com:443", p.Config(&tls.Config{NextProtos: []string{"h2"}}))
	if err != nil {
		log.Fatal(err)
	}
	conn.Close()
}

// The same floor for a Go service, inbound.
func ExamplePolicy_ServerConfig() {
	cert, err := tls.LoadX509KeyPair("cert.pem", "key.pem")
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{
		Addr:      ":8443",
		TLSConfig: tlsfloor.Default.ServerConfig(&tls.Config{Certificates: []tls.Certificate{cert}}),
	}
	log.Fatal(srv.ListenAndServeTLS("", ""))
}

// Lowering the floor is explicit, takes a reason, and stays visible.
func ExamplePolicy_InsecureLowerFloor() {
	p := tlsfloor.Default.InsecureLowerFloor(tls.VersionTLS11, "vendor appliance V-200 until its replacement, ticket SEC-1234")
	fmt.Println(p)
	for _, w := range p.Warnings() {
		fmt.Println("warning:", w)
	}
	// Output:
	// TLS 1.1 INSECURE
	// warning: floor lowered to TLS 1.1 (not recommended): vendor appliance V-200 until its replacement, ticket SEC-1234
}

// Check judges any connection state, for example an http.Response's.
func ExamplePolicy_Check() {
	cs := tls.ConnectionState{
		ServerName:  "legacy.example.com",
		Version:     tls.VersionTLS13,
		CipherSuite: tls.TLS_AES_128_GCM_SHA256,
		CurveID:     tls.X25519,
	}
	fmt.Println(tlsfloor.Default.Check(cs))
	fmt.Println(tlsfloor.PostQuantum.Check(cs))
	// Output:
	// <nil>
	// tlsfloor: legacy.example.com negotiated key exchange X25519, which policy TLS 1.3 + post-quantum refuses
}
