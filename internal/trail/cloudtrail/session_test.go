package cloudtrail

import (
	"regexp"
	"strings"
	"testing"
)

func TestFoldSession(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"arn:aws:sts::111122223333:assumed-role/app/i-0abc", "arn:aws:sts::111122223333:assumed-role/app/*"},
		{"arn:aws-cn:sts::111122223333:assumed-role/ci/run/42", "arn:aws-cn:sts::111122223333:assumed-role/ci/*"},
		{"arn::sts:::assumed-role//", "arn::sts:::assumed-role//*"},
		{"arn:aws:sts::111122223333:assumed-role/app", "arn:aws:sts::111122223333:assumed-role/app"}, // no session
		{"arn:aws:iam::111122223333:user/svc-1", "arn:aws:iam::111122223333:user/svc-1"},
		{"arn:aws:sts::111122223333:federated-user/bob", "arn:aws:sts::111122223333:federated-user/bob"},
		{"arnX:sts::1:assumed-role/a/b", "arnX:sts::1:assumed-role/a/b"},
		{"", ""},
	} {
		if got := FoldSession(c.in); got != c.want {
			t.Errorf("FoldSession(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzFoldSession checks FoldSession against the SQL rule spelled with a
// regular expression: the LIKE pattern as a regexp, then split_part.
func FuzzFoldSession(f *testing.F) {
	for _, s := range []string{"arn:aws:sts::1:assumed-role/a/b", "arn:a/b:sts::1:assumed-role/c/d/e", "arn:aws:iam::1:user/x"} {
		f.Add(s)
	}
	like := regexp.MustCompile(`(?s)^arn:.*:sts::.*:assumed-role/.*/.*$`)
	f.Fuzz(func(t *testing.T, arn string) {
		want := arn
		if like.MatchString(arn) {
			parts := strings.Split(arn, "/")
			want = parts[0] + "/" + parts[1] + "/*"
		}
		if got := FoldSession(arn); got != want {
			t.Errorf("FoldSession(%q) = %q, want %q", arn, got, want)
		}
	})
}
