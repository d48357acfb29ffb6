package lex

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// show renders tokens as "kind text" for comparison.
func show(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Kind.String() + " " + t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		src  string
		want []string
	}{
		{
			name: "csharp comments and strings",
			lang: CSharp,
			src:  "x = 1; // SecurityProtocolType.Tls\n/* Tls11 */ s = \"a\\\"b\";",
			want: []string{"ident x", "punct =", "number 1", "punct ;", "comment // SecurityProtocolType.Tls", "comment /* Tls11 */", "ident s", "punct =", `string "a\"b"`, "punct ;"},
		},
		{
			name: "csharp verbatim interpolated raw",
			lang: CSharp,
			src:  "a(@\"c:\\x\"\"y\", $\"{f(\"}\")} z\", $@\"{1}\n\", \"\"\"q \"\" r\"\"\", @class, 'x')",
			want: []string{"ident a", "punct (", `string @"c:\x""y"`, "punct ,", `string $"{f("}")} z"`, "punct ,", "string $@\"{1}\n\"", "punct ,", `string """q "" r"""`, "punct ,", "ident @class", "punct ,", "string 'x'", "punct )"},
		},
		{
			name: "csharp directive and operators",
			lang: CSharp,
			src:  "#if DEBUG\nP |= T.Tls11; P &= ~(T.Ssl3); f = (a) => true;\n#endif",
			want: []string{"directive #if DEBUG", "ident P", "punct |=", "ident T", "punct .", "ident Tls11", "punct ;", "ident P", "punct &=", "punct ~", "punct (", "ident T", "punct .", "ident Ssl3", "punct )", "punct ;", "ident f", "punct =", "punct (", "ident a", "punct )", "punct =>", "ident true", "punct ;", "directive #endif"},
		},
		{
			name: "csharp numbers",
			lang: CSharp,
			src:  "(T)0x300 | 3_072 | 1.5e+3f",
			want: []string{"punct (", "ident T", "punct )", "number 0x300", "punct |", "number 3_072", "punct |", "number 1.5e+3f"},
		},
		{
			name: "javascript template and regex",
			lang: JavaScript,
			src:  "const r = /a\\/b[/]/g; t = `x${ `y${z}` }w`; d = a / b / c",
			want: []string{"ident const", "ident r", "punct =", `string /a\/b[/]/g`, "punct ;", "ident t", "punct =", "string `x${ `y${z}` }w`", "punct ;", "ident d", "punct =", "ident a", "punct /", "ident b", "punct /", "ident c"},
		},
		{
			name: "go raw string and java text block",
			lang: Go,
			src:  "s := `a\n\"b` + 'c'",
			want: []string{"ident s", "punct :=", "string `a\n\"b`", "punct +", "string 'c'"},
		},
		{
			name: "java text block",
			lang: Java,
			src:  "String s = \"\"\"\n  TLSv1 \\\"\"\" \n\"\"\";",
			want: []string{"ident String", "ident s", "punct =", "string \"\"\"\n  TLSv1 \\\"\"\" \n\"\"\"", "punct ;"},
		},
		{
			name: "powershell type literal and operators",
			lang: PowerShell,
			src:  "[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls11 -bor 3072 # Tls",
			want: []string{"punct [", "ident Net", "punct .", "ident ServicePointManager", "punct ]", "punct ::", "ident SecurityProtocol", "punct =", "punct [", "ident Net", "punct .", "ident SecurityProtocolType", "punct ]", "punct ::", "ident Tls11", "param -bor", "number 3072", "comment # Tls"},
		},
		{
			name: "powershell strings and here-strings",
			lang: PowerShell,
			src:  "$a = \"x `\"$(\"in\")\" + 'it''s' <# c\n #> + @\"\nTls\n\"@\nInvoke-WebRequest -Uri https://h/#x -SslProtocol Tls",
			want: []string{"variable $a", "punct =", "string \"x `\"$(\"in\")\"", "punct +", "string 'it''s'", "comment <# c\n #>", "punct +", "string @\"\nTls\n\"@", "ident Invoke-WebRequest", "param -Uri", "ident https", "punct :", "punct /", "punct /", "ident h", "punct /", "punct #", "ident x", "param -SslProtocol", "ident Tls"},
		},
		{
			name: "powershell variables",
			lang: PowerShell,
			src:  "${my var} $env:PATH @params $_ $(1) @{a=1}",
			want: []string{"variable ${my var}", "variable $env:PATH", "variable @params", "variable $_", "punct $(", "number 1", "punct )", "punct @{", "ident a", "punct =", "number 1", "punct }"},
		},
		{
			name: "shell words quotes heredoc",
			lang: Shell,
			src:  "export NODE_OPTIONS=--tls-min-v1.0 # c\ncat <<-'EOF' > f\n\tTLSv1\n\tEOF\necho \"$(echo \"a#b\")\" x#y ${v:-\"}\"}",
			want: []string{"ident export", "ident NODE_OPTIONS=--tls-min-v1.0", "comment # c", "ident cat", "punct <<-", "string 'EOF'", "punct >", "ident f", "string \tTLSv1\n\tEOF", "ident echo", `string "$(echo "a#b")"`, "ident x#y", `variable ${v:-"}"}`},
		},
		{
			name: "python strings",
			lang: Python,
			src:  "ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)  # old\ns = rb'\\'' + f\"{d[\"k\"]}\" + '''\nx'''",
			want: []string{"ident ctx", "punct =", "ident ssl", "punct .", "ident SSLContext", "punct (", "ident ssl", "punct .", "ident PROTOCOL_TLSv1", "punct )", "comment # old", "ident s", "punct =", `string rb'\''`, "punct +", `string f"{d["k"]}"`, "punct +", "string '''\nx'''"},
		},
		{
			name: "ruby literals",
			lang: Ruby,
			src:  "=begin\nssl_version = :TLSv1\n=end\nx = %w(a (b) c) + \"#{\"}\"}\" + <<~EOS\n  TLSv1\n  EOS\ny = a % b",
			want: []string{"comment =begin\nssl_version = :TLSv1\n=end", "ident x", "punct =", "string %w(a (b) c)", "punct +", `string "#{"}"}"`, "punct +", "string <<~EOS", "string   TLSv1\n  EOS", "ident y", "punct =", "ident a", "punct %", "ident b"},
		},
		{
			name: "php text and code",
			lang: PHP,
			src:  "<b>CURL_SSLVERSION_TLSv1</b><?php # c ?> <?php $o = \"{$a['x']}\"; #[Attr]\n$h = <<<EOT\n  TLSv1\n  EOT;\n?>tail",
			want: []string{"text <b>CURL_SSLVERSION_TLSv1</b>", "punct <?php", "comment # c ", "punct ?>", "punct <?php", "variable $o", "punct =", `string "{$a['x']}"`, "punct ;", "punct #", "punct [", "ident Attr", "punct ]", "variable $h", "punct =", "string <<<EOT\n  TLSv1\n  EOT", "punct ;", "punct ?>", "text tail"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.lang, []byte(tt.src))
			if diff := cmp.Diff(tt.want, show(toks)); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
			checkTokens(t, tt.lang, []byte(tt.src), toks)
		})
	}
}

func TestPositions(t *testing.T) {
	src := "\xEF\xBB\xBFa\r\n  \"b\nc\" d"
	toks := Tokenize(JavaScript, []byte(src))
	got := make([]string, len(toks))
	for i, tok := range toks {
		got[i] = fmt.Sprintf("%s %d:%d-%d:%d nl=%v", tok.Text, tok.Line, tok.Col, tok.EndLine, tok.EndCol, tok.NewlineBefore)
	}
	want := []string{"a 1:4-1:5 nl=false", "\"b 2:3-2:5 nl=true", "c 3:1-3:2 nl=true", "\" d 3:2-3:5 nl=false"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
}

func TestValue(t *testing.T) {
	tests := []struct {
		lang Lang
		src  string
		want string
	}{
		{CSharp, `"Switch.System.Net.X\\y"`, `Switch.System.Net.X\y`},
		{CSharp, `@"a""b"`, `a"b`},
		{CSharp, `$@"{x}"`, `{x}`},
		{CSharp, `"""  raw " text  """`, `raw " text`},
		{PowerShell, `'it''s'`, `it's`},
		{PowerShell, "\"tls12, `\"tls11\"", `tls12, "tls11`},
		{PowerShell, "@'\r\nTls\r\n'@", "Tls"},
		{Python, `rb'x'`, `x`},
		{JavaScript, `'a\'b'`, `a'b`},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.lang, []byte(tt.src))
		if len(toks) != 1 || toks[0].Kind != String {
			t.Errorf("%v %q: tokens %q, want one string", tt.lang, tt.src, show(toks))
			continue
		}
		if got := Value(tt.lang, toks[0]); got != tt.want {
			t.Errorf("Value(%v, %q) = %q, want %q", tt.lang, tt.src, got, tt.want)
		}
	}
}

// checkTokens asserts the tokenizer's invariants: tokens are in order,
// do not overlap, carry their exact text and positions, and every byte
// between them is white space, a line continuation or the byte-order
// mark.
func checkTokens(t *testing.T, lang Lang, src []byte, toks []Token) {
	t.Helper()
	lines := NewLines(src)
	prev := 0
	for i, tok := range toks {
		end := tok.End()
		if tok.Offset < prev || end > len(src) || end <= tok.Offset {
			t.Fatalf("token %d %q at [%d,%d) overlaps or leaves [%d,%d)", i, tok.Text, tok.Offset, end, prev, len(src))
		}
		if string(src[tok.Offset:end]) != tok.Text {
			t.Fatalf("token %d text %q, source has %q", i, tok.Text, src[tok.Offset:end])
		}
		if l, c := lines.Pos(tok.Offset); l != tok.Line || c != tok.Col {
			t.Fatalf("token %d %q at %d:%d, want %d:%d", i, tok.Text, tok.Line, tok.Col, l, c)
		}
		if l, c := lines.Pos(end); l != tok.EndLine || c != tok.EndCol {
			t.Fatalf("token %d %q ends %d:%d, want %d:%d", i, tok.Text, tok.EndLine, tok.EndCol, l, c)
		}
		checkGap(t, lang, src, prev, tok.Offset)
		prev = end
	}
	checkGap(t, lang, src, prev, len(src))
}

// checkGap asserts src[from:to] holds only white space, continuations and
// a leading byte-order mark.
func checkGap(t *testing.T, lang Lang, src []byte, from, to int) {
	t.Helper()
	for j := from; j < to; j++ {
		c := src[j]
		switch {
		case strings.IndexByte(" \t\r\n\f\v", c) >= 0:
		case j < 3 && strings.HasPrefix(string(src), "\xEF\xBB\xBF"):
		case (c == '`' || c == '\\') && newlineAt(src, j+1) > 0:
		case c == '`' && lang == PowerShell && j+1 < len(src) && (src[j+1] == ' ' || src[j+1] == '\t'):
		default:
			t.Fatalf("%v: byte %q at %d belongs to no token", lang, c, j)
		}
	}
}

func TestStream(t *testing.T) {
	src := "A.B = 1 // A.B = 2\n  + (x, y); C = [1, 2], 3;"
	s := NewStream(CSharp, []byte(src))
	if i := s.Index(0, "A", ".", "B"); i != 0 {
		t.Errorf("Index = %d, want 0 (comment skipped)", i)
	}
	if i := s.Index(1, "A", ".", "B"); i != -1 {
		t.Errorf("second Index = %d, want -1: the other A.B is in a comment", i)
	}
	if end := s.End(4, false, ";"); !s.Is(end, ";") || s.Tok(end).Col != 11 {
		t.Errorf("End = %d %+v, want the first ';'", end, s.Tok(end))
	}
	if c := s.Close(6); !s.Is(c, ")") {
		t.Errorf("Close(6) = %d, want the ')'", c)
	}
	ps := NewStream(PowerShell, []byte("$a = 1 -bor\n 2\n$b = 3 # x\n$c"))
	if end := ps.End(2, true); !ps.Is(end, "$b") {
		t.Errorf("PowerShell End = %+v, want $b (continued after -bor, ended by the line break)", ps.Tok(end))
	}
	if !ps.At(0, "$A", "=") {
		t.Error("PowerShell At should fold case")
	}
}
