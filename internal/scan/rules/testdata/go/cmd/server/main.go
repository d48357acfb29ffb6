//go:debug tls10server=1 // want "TF-GO-005"
//go:debug tlsrsakex=1 // want "TF-GO-006"
//go:debug tlsmlkem=0 // want "TF-GO-007"
//go:debug default=go1.21 // want "TF-GO-008"
//go:debug panicnil=1 // ok "TF-GO-005" "TF-GO-006" "TF-GO-007" "TF-GO-008"

// Command server is a fixture: a main package whose //go:debug lines
// the go command applies.
package main

import (
	"fmt"
	"os"
	"os/exec"
)

//go:debug tls3des=1 // ok "TF-GO-006"

func main() {
	os.Setenv("GODEBUG", "tls10server=1")                   // want "TF-GO-005"
	os.Setenv("GODEBUG", os.Getenv("GODEBUG")+",tls3des=1") // want "TF-GO-006"
	os.Setenv("GODEBUG", "tlssecpmlkem=0,http2client=0")    // want "TF-GO-007"
	os.Setenv("GODEBUG", "tls10server=1,tls10server=0")     // ok "TF-GO-005"
	os.Setenv("GODEBUG", "tls10server=0")                   // ok "TF-GO-005"
	os.Setenv("OTHER", "tls10server=1")                     // ok "TF-GO-005"

	cmd := exec.Command("./legacy")
	cmd.Env = append(os.Environ(), "GODEBUG=tlsrsakex=1,tlssha1=1") // want "TF-GO-006"
	cmd.Env = append(cmd.Env, "GODEBUG=tlsrsakex=0")                // ok "TF-GO-006"

	// GODEBUG=tls10server=1 in a comment changes nothing. // ok "TF-GO-005"
	fmt.Println("never set GODEBUG=tls10server=1") // ok "TF-GO-005"
	fmt.Println("tls10server=1")                   // ok "TF-GO-005"
}
