package platform

// Constructors that keep the case tables short.

func u32(v uint32) *uint32 { return &v }

// win is a Windows client with the given build and registry facts.
func win(build int, w *Windows) Facts {
	return Facts{OS: OS{Family: OSWindows, Build: build}, Windows: w}
}

// winServer is a Windows server with the given build and registry facts.
func winServer(build int, w *Windows) Facts {
	return Facts{OS: OS{Family: OSWindows, Build: build, Server: true}, Windows: w}
}

// key is a SCHANNEL Client key.
func key(protocol string, enabled, dbd *uint32) SchannelKey {
	return SchannelKey{Protocol: protocol, Side: "Client", Enabled: enabled, DisabledByDefault: dbd}
}

// tls12On is the SCHANNEL opt-in that build 7601 needs.
func tls12On() []SchannelKey {
	return []SchannelKey{key("TLS 1.2", u32(1), u32(0))}
}

// netfxAllSet sets both values to 1 in all four .NETFramework keys.
func netfxAllSet() []NetFrameworkKey {
	var ks []NetFrameworkKey
	for _, p := range netfxKeys {
		ks = append(ks, NetFrameworkKey{Path: p, SchUseStrongCrypto: u32(1), SystemDefaultTlsVersions: u32(1)})
	}
	return ks
}

// rt is a runtime with settings given as key, value pairs.
func rt(name, version string, kv ...string) Runtime {
	r := Runtime{Name: name, Version: version, Path: "/opt/" + name}
	if len(kv) > 0 {
		r.Settings = map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			r.Settings[kv[i]] = kv[i+1]
		}
	}
	return r
}

// with adds runtimes to facts.
func with(f Facts, rts ...Runtime) Facts {
	f.Runtimes = append(f.Runtimes, rts...)
	return f
}

// only is facts with nothing but the runtimes.
func only(rts ...Runtime) Facts {
	return Facts{Runtimes: rts}
}

// linux is a Linux machine with the given OpenSSL (nil for none).
func linux(ossl *OpenSSL, rts ...Runtime) Facts {
	return Facts{OS: OS{Family: OSLinux}, OpenSSL: ossl, Runtimes: rts}
}

// mac is a macOS machine.
func mac(version string, ossl *OpenSSL, rts ...Runtime) Facts {
	return Facts{OS: OS{Family: OSDarwin, Version: version}, OpenSSL: ossl, Runtimes: rts}
}

// ossl is a system OpenSSL with a MinProtocol.
func ossl(version, minProtocol string) *OpenSSL {
	return &OpenSSL{Version: version, MinProtocol: minProtocol}
}

// proj is facts with one project of the runtime, settings as pairs.
func proj(runtime string, kv ...string) Facts {
	p := Project{Path: "App.csproj", Runtime: runtime, Settings: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		p.Settings[kv[i]] = kv[i+1]
	}
	return Facts{Projects: []Project{p}}
}
