package rules

import (
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
)

func TestDotnetEvalProto(t *testing.T) {
	const all = ^uint64(0)
	tests := []struct {
		name   string
		lang   lex.Lang
		expr   string
		ctx    dotnetEnum
		bare   bool
		lo, hi uint64
	}{
		{name: "member", lang: lex.CSharp, expr: "SecurityProtocolType.Tls11", lo: 768, hi: 768},
		{name: "qualified or", lang: lex.CSharp, expr: "System.Net.SecurityProtocolType.Tls12 | System.Net.SecurityProtocolType.Tls", lo: 3264, hi: 3264},
		{name: "cast hex", lang: lex.CSharp, expr: "(SecurityProtocolType)0x300", lo: 768, hi: 768},
		{name: "cast group", lang: lex.CSharp, expr: "(SecurityProtocolType)(48 | 192)", lo: 240, hi: 240},
		{name: "plus", lang: lex.CSharp, expr: "SecurityProtocolType.Tls12 + SecurityProtocolType.Tls11", lo: 3840, hi: 3840},
		{name: "unknown or", lang: lex.CSharp, expr: "ServicePointManager.SecurityProtocol | SecurityProtocolType.Tls11", lo: 768, hi: all},
		{name: "and not", lang: lex.CSharp, expr: "ServicePointManager.SecurityProtocol & ~(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls)", lo: 0, hi: all &^ 240},
		{name: "xor exact", lang: lex.CSharp, expr: "(SecurityProtocolType)3840 ^ SecurityProtocolType.Tls11", lo: 3072, hi: 3840},
		{name: "conditional", lang: lex.CSharp, expr: "old ? SecurityProtocolType.Tls : SecurityProtocolType.Tls12", lo: 3264, hi: 3264},
		{name: "ssl default", lang: lex.CSharp, expr: "SslProtocols.Default", lo: 240, hi: 240},
		{name: "variable", lang: lex.CSharp, expr: "configured", hi: all},
		{name: "call", lang: lex.CSharp, expr: "Pick(SecurityProtocolType.Tls)", hi: all},
		{name: "not understood", lang: lex.CSharp, expr: "SecurityProtocolType.Tls11 as object", hi: all},
		{name: "ps static", lang: lex.PowerShell, expr: "[Net.SecurityProtocolType]::Tls -bor 3072", lo: 3264, hi: 3264},
		{name: "ps string", lang: lex.PowerShell, expr: `"tls12, tls11"`, ctx: dotnetSecurityProtocolType, lo: 3840, hi: 3840},
		{name: "ps array", lang: lex.PowerShell, expr: "'Tls12', 'Ssl3'", ctx: dotnetSecurityProtocolType, lo: 3120, hi: 3120},
		{name: "ps cast string", lang: lex.PowerShell, expr: "[Net.SecurityProtocolType]'Tls'", ctx: dotnetWebSslProtocol, lo: 192, hi: 192},
		{name: "ps band bnot", lang: lex.PowerShell, expr: "[Net.ServicePointManager]::SecurityProtocol -band -bnot [Net.SecurityProtocolType]::Tls", lo: 0, hi: all &^ 192},
		{name: "ps bare names", lang: lex.PowerShell, expr: "Tls12,Tls11", ctx: dotnetWebSslProtocol, bare: true, lo: 3840, hi: 3840},
		{name: "ps bare off", lang: lex.PowerShell, expr: "Tls11", ctx: dotnetWebSslProtocol, hi: all},
		{name: "ps unknown name", lang: lex.PowerShell, expr: "'Tls12, Tls99'", ctx: dotnetSecurityProtocolType, hi: all},
		{name: "ps web default", lang: lex.PowerShell, expr: "Default", ctx: dotnetWebSslProtocol, bare: true, lo: 0, hi: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := lex.NewStream(tt.lang, []byte(tt.expr))
			ctx := tt.ctx
			if ctx.name == "" {
				ctx = dotnetSecurityProtocolType
			}
			got := dotnetEvalProto(s, 0, s.Len(), ctx, tt.bare)
			if got.lo != tt.lo || got.hi != tt.hi {
				t.Errorf("%s = {lo %#x hi %#x}, want {lo %#x hi %#x}", tt.expr, got.lo, got.hi, tt.lo, tt.hi)
			}
		})
	}
}

func TestDotnetDecode(t *testing.T) {
	tests := []struct {
		v    uint64
		want string
	}{
		{0, "none (OS default)"},
		{240, "Ssl3 | Tls"},
		{4080, "Ssl3 | Tls | Tls11 | Tls12"},
		{12288 | 1, "Tls13 | 0x1"},
	}
	for _, tt := range tests {
		if got := dotnetDecode(tt.v); got != tt.want {
			t.Errorf("dotnetDecode(%d) = %q, want %q", tt.v, got, tt.want)
		}
	}
	if got, want := dotnetBitNames(240|768, dotnetLegacy), "Ssl3 (SSL 3.0), Tls (TLS 1.0), Tls11 (TLS 1.1)"; got != want {
		t.Errorf("dotnetBitNames = %q, want %q", got, want)
	}
}

func TestDotnetParseNumber(t *testing.T) {
	tests := []struct {
		text string
		want uint64
		ok   bool
	}{
		{"3072", 3072, true},
		{"0x300", 768, true},
		{"0XC0", 192, true},
		{"3_072", 3072, true},
		{"0xC00L", 3072, true},
		{"192u", 192, true},
		{"1.5", 0, false},
		{"1kb", 0, false},
	}
	for _, tt := range tests {
		got, ok := dotnetParseNumber(tt.text)
		if got != tt.want || ok != tt.ok {
			t.Errorf("dotnetParseNumber(%q) = %d, %v; want %d, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}
