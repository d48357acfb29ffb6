package rules

import (
	"slices"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/scan/lex"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// Sources of the language rules (scan-identifiers.md sections 8 to 11,
// platform-matrix.md sections 12 to 14).
const (
	langRefJavaJSSE    = "https://docs.oracle.com/en/java/javase/17/security/java-secure-socket-extension-jsse-reference-guide.html"
	langRefJavaTLS1    = "https://bugs.openjdk.org/browse/JDK-8254713"
	langRefPySSL       = "https://docs.python.org/3/library/ssl.html"
	langRefRequests    = "https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification"
	langRefNodeTLS     = "https://nodejs.org/api/tls.html"
	langRefNodeCLI     = "https://nodejs.org/api/cli.html"
	langRefRubySSL     = "https://ruby.github.io/openssl/OpenSSL/SSL/SSLContext.html"
	langRefPHPCurl     = "https://www.php.net/manual/en/function.curl-setopt.php"
	langRefPHPStream   = "https://www.php.net/manual/en/context.ssl.php"
	langRefCurlMan     = "https://curl.se/docs/manpage.html"
	langRefWgetMan     = "https://www.gnu.org/software/wget/manual/wget.html"
	langRefOpenSSLSCli = "https://docs.openssl.org/master/man1/openssl-s_client/"
	langRefSemgrep     = "https://github.com/semgrep/semgrep-rules"
)

// langsRules returns the rules for Java and Kotlin, Python, JavaScript and
// TypeScript, Ruby, PHP, and shell scripts and Dockerfiles.
func langsRules() []source.Rule {
	return slices.Concat(javaRules(), pythonRules(), nodeRules(), rubyRules(), phpRules(), shellRules())
}

// langCheck adapts a stateless function to source.Checker.
type langCheck func(f *source.File) ([]source.Match, error)

// Check runs the function.
func (c langCheck) Check(f *source.File) ([]source.Match, error) { return c(f) }

// langNew returns a Rule.New for a checking function.
func langNew(c langCheck) func() source.Checker {
	return func() source.Checker { return c }
}

// langCode is one source file as tokens, shared by the rules of a
// language through File.Memo.
type langCode struct {
	s     *lex.Stream
	lines lex.Lines
	lang  lex.Lang
}

// langMemoKey keys the token stream of a file in File.Memo.
type langMemoKey lex.Lang

// langRead returns the code tokens of f read as lang, made once per file.
func langRead(f *source.File, lang lex.Lang) *langCode {
	return f.Memo(langMemoKey(lang), func(f *source.File) any {
		return &langCode{s: lex.NewStream(lang, f.Content), lines: lex.NewLines(f.Content), lang: lang}
	}).(*langCode)
}

// str returns the value of token i when it is a string literal.
func (c *langCode) str(i int) (string, bool) {
	t := c.s.Tok(i)
	if t.Kind != lex.String {
		return "", false
	}
	return lex.Value(c.lang, t), true
}

// ident reports whether token i is an identifier with one of the names.
func (c *langCode) ident(i int, names ...string) bool {
	t := c.s.Tok(i)
	if t.Kind != lex.Ident {
		return false
	}
	for _, n := range names {
		if t.Text == n {
			return true
		}
	}
	return false
}

// lineStart returns the index of the first token on the line of token i.
func (c *langCode) lineStart(i int) int {
	for i > 0 && !c.s.Tok(i).NewlineBefore {
		i--
	}
	return i
}

// match builds a match on token t.
func (c *langCode) match(t lex.Token, msg string, ev ...finding.Evidence) source.Match {
	return source.Match{
		Line: t.Line, Column: t.Col, EndLine: t.EndLine, EndColumn: t.EndCol,
		Snippet: dotnetSnippet(c.lines, t.Line), Message: msg, Evidence: ev,
	}
}

// langEv is one piece of evidence.
func langEv(name, value string) finding.Evidence { return finding.Evidence{Name: name, Value: value} }
