package rules

import (
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// dotnetCallbackProperties hold certificate validation delegates.
var dotnetCallbackProperties = map[string]bool{
	"ServerCertificateValidationCallback":       true, // ServicePointManager, HttpWebRequest
	"ServerCertificateCustomValidationCallback": true, // HttpClientHandler
	"RemoteCertificateValidationCallback":       true, // SslClientAuthenticationOptions
}

// dotnetAcceptAny is the HttpClientHandler property that always
// returns true.
const dotnetAcceptAny = "DangerousAcceptAnyServerCertificateValidator"

// dotnetCheckCallbacks finds certificate validation that accepts every
// certificate.
func dotnetCheckCallbacks(f *source.File) ([]source.Match, error) {
	c := dotnetReadCode(f)
	var out []source.Match
	for i := 0; i < c.s.Len(); i++ {
		t := c.s.Tok(i)
		switch {
		case t.Kind != lex.Ident:
		case t.Text == dotnetAcceptAny:
			out = append(out, dotnetMatch(c.lines, t, t, "HttpClientHandler."+dotnetAcceptAny+" accepts every server certificate"))
		case dotnetCallbackProperties[t.Text] && (c.s.Is(i+1, "=") || c.s.Is(i+1, "+=")):
			end := c.end(i+2, ";", ",")
			if c.alwaysTrue(i+2, end) {
				out = append(out, dotnetMatch(c.lines, t, c.s.Tok(end-1), t.Text+" is set to a callback that always returns true: every certificate is accepted",
					dotnetEv(t.Text, dotnetSource(c.s, i+2, end))))
			}
		case t.Text == "CertificatePolicy" && c.s.Is(i-1, ".") && c.s.Is(i+1, "=") && c.acceptAllPolicy():
			end := c.end(i+2, ";")
			out = append(out, dotnetMatch(c.lines, t, c.s.Tok(end-1), "CertificatePolicy is set, and this file's CheckValidationResult always returns true: every certificate is accepted",
				dotnetEv("CertificatePolicy", dotnetSource(c.s, i+2, end))))
		case t.Text == "SslStream" && c.s.Is(i-1, "new") && c.s.Is(i+1, "("):
			out = append(out, c.sslStreamCallback(i)...)
		case t.Text == "ValidateCertificate" && c.s.Is(i-1, "bool") && c.declarationTrue(i):
			out = append(out, dotnetMatch(c.lines, t, t, "ValidateCertificate (a Unity CertificateHandler) always returns true: every certificate is accepted"))
		}
	}
	return out, nil
}

// sslStreamCallback judges the third argument of new SslStream(…) at i.
func (c *dotnetCode) sslStreamCallback(i int) []source.Match {
	args := c.args(i + 1)
	if len(args) < 3 || !c.alwaysTrue(args[2][0], args[2][1]) {
		return nil
	}
	a := args[2]
	return []source.Match{dotnetMatch(c.lines, c.s.Tok(a[0]), c.s.Tok(a[1]-1),
		"new SslStream is given a certificate validation callback that always returns true: every certificate is accepted",
		dotnetEv("userCertificateValidationCallback", dotnetSource(c.s, a[0], a[1])))}
}

// alwaysTrue reports whether tokens [i, end) are a delegate that returns
// true on every path: a lambda or anonymous method, the same wrapped in
// new DelegateType(…), or a method group naming a method of this file.
func (c *dotnetCode) alwaysTrue(i, end int) bool {
	if i >= end {
		return false
	}
	switch {
	case c.s.Is(i, "new") && c.s.Tok(i+1).Kind == lex.Ident:
		open := c.skipTypeName(i + 1)
		if close := c.s.Close(open); close == end-1 {
			return c.alwaysTrue(open+1, close)
		}
		return false
	case c.s.Is(i, "delegate"):
		return c.anonymousMethod(i+1, end)
	case c.s.Is(i, "static") || c.s.Is(i, "async"):
		return c.alwaysTrue(i+1, end)
	}
	if arrow := c.lambdaArrow(i, end); arrow > 0 {
		return c.bodyTrue(arrow+1, end)
	}
	if end-i == 1 && c.s.Tok(i).Kind == lex.Ident {
		return c.methodReturnsTrue(c.s.Tok(i).Text)
	}
	return false
}

// skipTypeName skips a dotted, possibly generic type name at i and
// returns the index after it.
func (c *dotnetCode) skipTypeName(i int) int {
	for c.s.Tok(i).Kind == lex.Ident {
		i++
		if c.s.Is(i, "<") {
			for depth := 0; i < c.s.Len(); i++ {
				switch {
				case c.s.Is(i, "<"):
					depth++
				case c.s.Is(i, ">"):
					depth--
				case c.s.Is(i, ">>"):
					depth -= 2
				}
				if depth <= 0 {
					i++
					break
				}
			}
		}
		if !c.s.Is(i, ".") {
			break
		}
		i++
	}
	return i
}

// anonymousMethod judges "delegate [(params)] { body }" after the keyword.
func (c *dotnetCode) anonymousMethod(i, end int) bool {
	if c.s.Is(i, "(") {
		i = c.s.Close(i) + 1
		if i == 0 {
			return false
		}
	}
	return c.s.Is(i, "{") && c.s.Close(i) == end-1 && c.blockTrue(i)
}

// lambdaArrow returns the index of "=>" when tokens from i are a lambda's
// parameters (one identifier or a parenthesised list), else 0.
func (c *dotnetCode) lambdaArrow(i, end int) int {
	switch {
	case c.s.Tok(i).Kind == lex.Ident && c.s.Is(i+1, "=>"):
		return i + 1
	case c.s.Is(i, "("):
		if close := c.s.Close(i); close > 0 && close+1 < end && c.s.Is(close+1, "=>") {
			return close + 1
		}
	}
	return 0
}

// bodyTrue judges a lambda body: "true" or a block returning true.
func (c *dotnetCode) bodyTrue(i, end int) bool {
	if end-i == 1 {
		return c.s.Is(i, "true")
	}
	return c.s.Is(i, "{") && c.s.Close(i) == end-1 && c.blockTrue(i)
}

// blockTrue reports whether the block opened at token open has at least
// one return statement and every return statement in it returns true.
func (c *dotnetCode) blockTrue(open int) bool {
	close := c.s.Close(open)
	returns := 0
	for k := open + 1; k < close; k++ {
		if !c.s.Is(k, "return") {
			continue
		}
		if !c.s.At(k+1, "true", ";") {
			return false
		}
		returns++
	}
	return returns > 0
}

// methodReturnsTrue reports whether this file declares a bool method of
// the given name whose body returns only true.
func (c *dotnetCode) methodReturnsTrue(name string) bool {
	for i := c.s.Index(0, "bool", name, "("); i >= 0; i = c.s.Index(i+1, "bool", name, "(") {
		if c.declarationTrue(i + 1) {
			return true
		}
	}
	return false
}

// declarationTrue reports whether the method declared with its name at
// token i ("Name(params) { body }" or "=> true;") returns only true.
func (c *dotnetCode) declarationTrue(i int) bool {
	close := c.s.Close(i + 1)
	switch {
	case close < 0:
	case c.s.Is(close+1, "{"):
		return c.blockTrue(close + 1)
	case c.s.At(close+1, "=>", "true", ";"):
		return true
	}
	return false
}

// acceptAllPolicy reports whether this file declares CheckValidationResult
// (ICertificatePolicy) returning only true.
func (c *dotnetCode) acceptAllPolicy() bool {
	return c.methodReturnsTrue("CheckValidationResult")
}
