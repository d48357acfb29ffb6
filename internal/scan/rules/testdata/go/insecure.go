package fixtures

import (
	"crypto/tls"
	"flag"
	"net/http"
)

const skip = true

var insecure = flag.Bool("insecure", false, "skip verification")

func clients(cfg *tls.Config) []*http.Client {
	a := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // want "TF-GO-003"
	}}
	cfg.InsecureSkipVerify = true                            // want "TF-GO-003"
	b := &tls.Config{InsecureSkipVerify: skip}               // want "TF-GO-003"
	c := &tls.Config{InsecureSkipVerify: false}              // ok "TF-GO-003"
	d := &tls.Config{InsecureSkipVerify: *insecure}          // want "TF-GO-003"
	cfg.InsecureSkipVerify = false                           // ok "TF-GO-003"
	e := &tls.Config{ServerName: "InsecureSkipVerify: true"} // ok "TF-GO-003"
	_, _, _, _ = b, c, d, e
	return []*http.Client{a}
}
