//go:debug tls10server=1 // ok "TF-GO-005"

// Package lib is a fixture: the go command ignores //go:debug lines
// outside main packages and test files, so they change nothing here.
package lib
