package platform

func goRT(version string, kv ...string) Runtime { return rt(RuntimeGo, version, kv...) }

var pqFloor = &Floor{PostQuantum: true}

var goCases = []entryCase{
	{id: "TF-PLAT-GO-CLIENT-DEFAULT", name: "1.26.8", facts: only(goRT("1.26.8")), want: Pass},
	{id: "TF-PLAT-GO-CLIENT-DEFAULT", name: "1.17.13", facts: only(goRT("1.17.13")), want: Fail},
	{id: "TF-PLAT-GO-CLIENT-DEFAULT", name: "go prefix", facts: only(goRT("go1.18")), want: Pass},
	{id: "TF-PLAT-GO-CLIENT-DEFAULT", name: "unknown", facts: only(goRT("")), want: Unknown},

	{id: "TF-PLAT-GO-SERVER-DEFAULT", name: "1.22.0", facts: only(goRT("1.22.0")), want: Pass},
	{id: "TF-PLAT-GO-SERVER-DEFAULT", name: "1.21.13", facts: only(goRT("1.21.13")), want: Warn},

	{id: "TF-PLAT-GO-TLS10SERVER", name: "DefaultGODEBUG", facts: only(goRT("1.26.8", "DefaultGODEBUG", "tls3des=1,tls10server=1,tlsrsakex=1")), want: Fail, msg: "DefaultGODEBUG tls10server=1"},
	{id: "TF-PLAT-GO-TLS10SERVER", name: "GODEBUG", facts: only(goRT("1.26.8", "GODEBUG", "http2client=0,tls10server=1")), want: Fail},
	{id: "TF-PLAT-GO-TLS10SERVER", name: "GODEBUG overrides", facts: only(goRT("1.26.8", "DefaultGODEBUG", "tls10server=1", "GODEBUG", "tls10server=0")), want: Pass},
	{id: "TF-PLAT-GO-TLS10SERVER", name: "last setting wins", facts: only(goRT("1.26.8", "GODEBUG", "tls10server=1,tls10server=0")), want: Pass},
	{id: "TF-PLAT-GO-TLS10SERVER", name: "none", facts: only(goRT("1.26.8")), want: Pass},

	{id: "TF-PLAT-GO-WEAK-SUITES", name: "tlsrsakex", facts: only(goRT("1.26.8", "GODEBUG", "tlsrsakex=1")), want: Warn},
	{id: "TF-PLAT-GO-WEAK-SUITES", name: "tls3des and tlssha1", facts: only(goRT("1.26.8", "DefaultGODEBUG", "tls3des=1,tlssha1=1")), want: Warn, msg: "tlssha1=1"},
	{id: "TF-PLAT-GO-WEAK-SUITES", name: "none", facts: only(goRT("1.26.8", "DefaultGODEBUG", "")), want: Pass},

	{id: "TF-PLAT-GO-MLKEM", name: "tlsmlkem=0 at TLS 1.2", facts: only(goRT("1.26.8", "GODEBUG", "tlsmlkem=0")), want: Warn},
	{id: "TF-PLAT-GO-MLKEM", name: "tlsmlkem=0 post-quantum", facts: only(goRT("1.26.8", "GODEBUG", "tlsmlkem=0")), floor: pqFloor, want: Fail},
	{id: "TF-PLAT-GO-MLKEM", name: "tlssecpmlkem=0 post-quantum", facts: only(goRT("1.26.8", "GODEBUG", "tlssecpmlkem=0")), floor: pqFloor, want: Warn, msg: "X25519MLKEM768 remains"},
	{id: "TF-PLAT-GO-MLKEM", name: "none", facts: only(goRT("1.26.8")), floor: pqFloor, want: Pass},
	{id: "TF-PLAT-GO-MLKEM", name: "before ML-KEM", facts: only(goRT("1.23.4", "GODEBUG", "tlsmlkem=0")), want: notApplicable},

	{id: "TF-PLAT-GO-GOMOD", name: "go 1.21", facts: only(goRT("1.26.8", "go.mod go", "1.21")), want: Warn, msg: "tls10server=1"},
	{id: "TF-PLAT-GO-GOMOD", name: "go 1.22", facts: only(goRT("1.26.8", "go.mod go", "1.22.0")), want: Pass, msg: "tlsmlkem=0"},
	{id: "TF-PLAT-GO-GOMOD", name: "go 1.26", facts: only(goRT("1.26.8", "go.mod go", "1.26")), want: Pass},
	{id: "TF-PLAT-GO-GOMOD", name: "no go.mod", facts: only(goRT("1.26.8")), want: notApplicable},

	{id: "TF-PLAT-GO-TLS13", name: "1.13", facts: only(goRT("1.13.15")), want: Pass},
	{id: "TF-PLAT-GO-TLS13", name: "1.12 opted in", facts: only(goRT("1.12.17", "GODEBUG", "tls13=1")), want: Pass},
	{id: "TF-PLAT-GO-TLS13", name: "1.12", facts: only(goRT("1.12.17")), want: Fail, msg: "tls13=1"},
	{id: "TF-PLAT-GO-TLS13", name: "1.11", facts: only(goRT("1.11.13")), want: Fail},
	{id: "TF-PLAT-GO-TLS13", name: "1.13 opted out", facts: only(goRT("1.13.15", "GODEBUG", "tls13=0")), want: Fail},
	{id: "TF-PLAT-GO-TLS13", name: "1.14 ignores tls13", facts: only(goRT("1.14", "GODEBUG", "tls13=0")), want: Pass},

	{id: "TF-PLAT-GO-PQ", name: "1.24", facts: only(goRT("1.24.0")), want: Pass},
	{id: "TF-PLAT-GO-PQ", name: "1.23", facts: only(goRT("1.23.4")), want: Fail},
	{id: "TF-PLAT-GO-PQ", name: "tlsmlkem=0", facts: only(goRT("1.26.8", "DefaultGODEBUG", "tlsmlkem=0")), want: Fail},
	{id: "TF-PLAT-GO-PQ", name: "implied by go.mod", facts: only(goRT("1.26.8", "go.mod go", "1.23")), want: Fail, msg: "implies tlsmlkem=0"},
	{id: "TF-PLAT-GO-PQ", name: "go.mod 1.23 but recorded", facts: only(goRT("1.26.8", "go.mod go", "1.23", "DefaultGODEBUG", "tls3des=0")), want: Pass},
	{id: "TF-PLAT-GO-PQ", name: "TLS 1.3 floor", facts: only(goRT("1.23.4")), floor: &Floor{Version: 0x0304}, want: notApplicable},
}
