package lab

import "testing"

// Spec names a lab server and starts it.
type Spec struct {
	// Name is the Name of the Server that Start returns.
	Name string
	// Start starts the server for the test and stops it at cleanup.
	Start func(testing.TB) Server
}

// All lists every server of the lab, for tests that run over them all.
func All() []Spec {
	return []Spec{
		{"openssl-tls12", OpenSSLTLS12},
		{"openssl-seclevel0", OpenSSLSecLevel0},
		{"openssl-legacy", OpenSSLLegacy},
		{"openssl-tls13", OpenSSLTLS13},
		{"openssl-cbc", OpenSSLCBC},
		{"openssl-rsakex", OpenSSLRSAKex},
		{"openssl-sha1", OpenSSLSHA1},
		{"openssl-serverpref", OpenSSLServerPref},
		{"nginx-modern", NginxModern},
		{"nginx-legacy", NginxLegacy},
		{"haproxy-modern", HAProxyModern},
		{"go-x25519mlkem768", GoX25519MLKEM768},
		{"go-secp256r1mlkem768", GoSecP256r1MLKEM768},
		{"go-secp384r1mlkem1024", GoSecP384r1MLKEM1024},
		{"go-x25519", GoX25519Only},
		{"postgres", PostgresTLS12Up},
		{"mariadb", MariaDBTLS12Up},
		{"smtp-starttls", SMTPStartTLS},
		{"hostile-garbage", HostileGarbage},
		{"hostile-silent", HostileSilent},
		{"hostile-drip", HostileDrip},
		{"hostile-close", HostileClose},
		{"hostile-hugechain", HugeChainServer},
	}
}
