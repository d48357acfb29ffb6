// Seed for FuzzTokenize.
package main

import "crypto/tls"

var raw = `MinVersion: tls.VersionTLS10
`
var cfg = &tls.Config{MinVersion: tls.VersionTLS10, InsecureSkipVerify: true} /* x */
var r = 'x'
