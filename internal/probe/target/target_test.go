package target

import (
	"strings"
	"testing"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  Target
	}{
		{name: "host", input: "example.com", want: Target{Host: "example.com", Port: 443}},
		{name: "host port", input: "example.com:8443", want: Target{Host: "example.com", Port: 8443}},
		{name: "upper case and trailing dot", input: "  Example.COM.  ", want: Target{Host: "example.com", Port: 443}},
		{name: "https", input: "https://example.com/a/b?c#d", want: Target{Host: "example.com", Port: 443}},
		{name: "https port", input: "HTTPS://example.com:9443", want: Target{Host: "example.com", Port: 9443}},
		{name: "ipv4", input: "192.0.2.1", want: Target{Host: "192.0.2.1", Port: 443}},
		{name: "ipv4 port", input: "192.0.2.1:993", want: Target{Host: "192.0.2.1", Port: 993}},
		{name: "ipv6 brackets port", input: "[::1]:443", want: Target{Host: "::1", Port: 443}},
		{name: "ipv6 brackets", input: "[2001:db8::1]", want: Target{Host: "2001:db8::1", Port: 443}},
		{name: "ipv6 bare", input: "::1", want: Target{Host: "::1", Port: 443}},
		{name: "ipv6 canonical", input: "2001:DB8:0::0001", want: Target{Host: "2001:db8::1", Port: 443}},
		{name: "https ipv6", input: "https://[2001:db8::1]:8443/", want: Target{Host: "2001:db8::1", Port: 8443}},
		{name: "ipv6 zone", input: "[fe80::1%eth0]:8443", want: Target{Host: "fe80::1%eth0", Port: 8443}},
		{name: "punycode", input: "xn--bcher-kva.example", want: Target{Host: "xn--bcher-kva.example", Port: 443}},
		{name: "underscore", input: "_dmarc.example.com", want: Target{Host: "_dmarc.example.com", Port: 443}},
		{name: "smtp", input: "smtp://mail.example.com", want: Target{Host: "mail.example.com", Port: 587, StartTLS: SMTP}},
		{name: "smtp port", input: "smtp://mail.example.com:25", want: Target{Host: "mail.example.com", Port: 25, StartTLS: SMTP}},
		{name: "postgres", input: "postgres://db.example.com", want: Target{Host: "db.example.com", Port: 5432, StartTLS: Postgres}},
		{name: "postgresql", input: "postgresql://db.example.com:6432/app", want: Target{Host: "db.example.com", Port: 6432, StartTLS: Postgres}},
		{name: "mysql", input: "mysql://db.example.com", want: Target{Host: "db.example.com", Port: 3306, StartTLS: MySQL}},
		{name: "mariadb", input: "mariadb://[::1]:3307", want: Target{Host: "::1", Port: 3307, StartTLS: MySQL}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseLine(tc.input)
			if err != nil {
				t.Fatalf("ParseLine(%q): %v", tc.input, err)
			}
			got.Input = ""
			if got != tc.want {
				t.Errorf("ParseLine(%q) = %+v, want %+v", tc.input, got, tc.want)
			}
		})
	}
}

func TestParseLineErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{name: "empty", input: "  ", want: "empty target"},
		{name: "http", input: "http://example.com", want: "plain http has no TLS"},
		{name: "unknown scheme", input: "ftp://example.com", want: `unknown scheme "ftp"`},
		{name: "no host", input: "https:///path", want: "names no host"},
		{name: "port zero", input: "example.com:0", want: `port "0" is not a number from 1 to 65535`},
		{name: "port too big", input: "example.com:65536", want: "from 1 to 65535"},
		{name: "port plus", input: "example.com:+443", want: "from 1 to 65535"},
		{name: "port empty", input: "example.com:", want: "from 1 to 65535"},
		{name: "port name", input: "example.com:https", want: "from 1 to 65535"},
		{name: "idn", input: "bücher.example", want: "is not ASCII: give its xn-- (punycode) form"},
		{name: "idn url", input: "https://bücher.example/", want: "not ASCII"},
		{name: "space", input: "a.example b.example", want: "white space"},
		{name: "bad label", input: "exa$mple.com", want: `holds '$'`},
		{name: "hyphen label", input: "-example.com", want: "starts or ends with a hyphen"},
		{name: "empty label", input: "example..com", want: "empty label"},
		{name: "long label", input: strings.Repeat("a", 64) + ".com", want: "longer than 63"},
		{name: "long name", input: strings.Repeat("a.", 127) + "com", want: "longer than 253"},
		{name: "bad ipv4", input: "256.1.1.1", want: "last label is a number"},
		{name: "brackets not v6", input: "[192.0.2.1]:443", want: "not an IPv6 address"},
		{name: "brackets garbage", input: "[example.com]", want: "not an IPv6 address"},
		{name: "bad zone", input: "fe80::1%e/0", want: `ipv6 zone "e/0" holds '/'`},
		{name: "too many colons", input: "example.com:443:1", want: "split host and port"},
		{name: "too long", input: strings.Repeat("a", MaxLineLength+1), want: "longer than 4096"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseLine(tc.input)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ParseLine(%q) error = %v, want one containing %q", tc.input, err, tc.want)
			}
			if in := strings.TrimSpace(tc.input); in != "" && !strings.Contains(err.Error(), truncate(in, 80)) {
				t.Errorf("error %q does not name the input", err)
			}
		})
	}
}

func TestTargetString(t *testing.T) {
	tests := []struct {
		name   string
		target Target
		want   string
	}{
		{name: "direct", target: Target{Host: "example.com", Port: 443}, want: "example.com:443"},
		{name: "ipv6", target: Target{Host: "::1", Port: 8443}, want: "[::1]:8443"},
		{name: "smtp", target: Target{Host: "mail.example", Port: 25, StartTLS: SMTP}, want: "smtp://mail.example:25"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.target.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}
