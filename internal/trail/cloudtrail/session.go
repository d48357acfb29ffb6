package cloudtrail

import "bytes"

// FoldSession returns the principal that stands for every session of an
// assumed role: for arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION,
// arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/*, the form IAM policies
// use to match any session of a role. Any other ARN is returned as it is.
//
// The rule is the one the emitted queries apply in SQL (a LIKE pattern and
// split_part; see package query), so that both group the same records:
// an ARN that matches 'arn:%:sts::%:assumed-role/%/%' becomes its first
// two '/'-separated parts followed by "/*".
// (Assumed-role ARNs: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns)
func FoldSession(arn string) string {
	if folded, ok := foldSession([]byte(arn), nil); ok {
		return string(folded)
	}
	return arn
}

// foldSession appends the folded form of arn to dst when arn is an
// assumed-role session, and reports whether it was.
func foldSession(arn, dst []byte) ([]byte, bool) {
	if !likeSession(arn) {
		return arn, false
	}
	first := bytes.IndexByte(arn, '/')
	second := first + 1 + bytes.IndexByte(arn[first+1:], '/')
	dst = append(dst, arn[:second]...)
	return append(dst, "/*"...), true
}

// likeSession reports whether arn matches the SQL pattern
// 'arn:%:sts::%:assumed-role/%/%'.
func likeSession(arn []byte) bool {
	rest, ok := bytes.CutPrefix(arn, []byte("arn:"))
	for _, part := range []string{":sts::", ":assumed-role/", "/"} {
		if !ok {
			return false
		}
		_, rest, ok = bytes.Cut(rest, []byte(part))
	}
	return ok
}
