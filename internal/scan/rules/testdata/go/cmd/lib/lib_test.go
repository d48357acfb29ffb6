//go:debug tlssha1=1 // want "TF-GO-006"

package lib
