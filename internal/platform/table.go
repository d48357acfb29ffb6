package platform

import "slices"

// entries is the knowledge base: every row of the AWS guide's matrix
// (srcSeed) and what the reference adds, one table split by platform
// family across windows.go, netframework.go, dotnetcore.go,
// powershell.go, openssl.go, apple.go, mobile.go, golang.go, java.go and
// pynode.go. The order is the report order.
var entries = slices.Concat(
	windowsEntries,
	netfxEntries,
	dotnetEntries,
	powershellEntries,
	opensslEntries,
	appleEntries,
	mobileEntries,
	goEntries,
	javaEntries,
	pyNodeEntries,
)
