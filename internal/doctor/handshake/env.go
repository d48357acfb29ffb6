package handshake

import (
	"slices"
	"strings"
)

// keptNames are the variables a client inherits by exact name: what it
// needs to start, and what changes its TLS defaults. The second group is
// the point: a lowered floor set here is what the proof must include.
var keptNames = []string{
	"PATH", "HOME", "USER", "LOGNAME", "LANG", "TZ", "TMPDIR", "TMP", "TEMP",
	"XDG_CONFIG_HOME", "XDG_DATA_HOME", "LD_LIBRARY_PATH", "LD_PRELOAD", "DYLD_LIBRARY_PATH",
	"SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE", "APPDATA", "LOCALAPPDATA",
	"PROGRAMDATA", "PROGRAMFILES", "PROGRAMFILES(X86)", "COMMONPROGRAMFILES", "HOMEDRIVE", "HOMEPATH",
	"GODEBUG", "CURL_HOME", "NODE_OPTIONS", "NODE_TLS_REJECT_UNAUTHORIZED",
	"JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS",
}

// keptPrefixes are kept by prefix: locale, OpenSSL configuration, language
// runtime settings and the version managers whose shims select a binary.
var keptPrefixes = []string{
	"LC_", "OPENSSL_", "PYTHON", "PYENV_", "ASDF_", "MISE_", "DOTNET_", "POWERSHELL_",
}

// clientEnv derives a client's environment from base (os.Environ()): only
// kept variables survive, so no proxy, no AWS credential and no CA bundle
// leaks into a client; loopback bypasses any proxy; extra comes last and
// wins.
func clientEnv(base, extra []string) []string {
	var env []string
	for _, kv := range base {
		name, _, ok := strings.Cut(kv, "=")
		if ok && name != "" && kept(strings.ToUpper(name)) {
			env = append(env, kv)
		}
	}
	env = append(env, "NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost")
	return append(env, extra...)
}

// kept reports whether the upper-cased variable name is passed on.
func kept(name string) bool {
	if slices.Contains(keptNames, name) {
		return true
	}
	for _, p := range keptPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
