package cloudtrail

import (
	"strings"
	"testing"
)

// guessRecords change key order, spacing around colons and value types
// from one record to the next, which the fast path's key guesses must
// follow: a guess holds the key, the colon and the value's first byte.
var guessRecords = []string{
	`{"eventID":"a","eventTime":"t","tlsDetails":{"tlsVersion":"TLSv1"}}`,
	`{"eventID":"b","eventTime":{"x":1},"tlsDetails":{"tlsVersion":"TLSv1"}}`,
	`{"eventID" :"c","eventTime": "t2"}`,
	`{ "eventID":"d", "eventTime":"t3","eventTime":null }`,
	`{"eventTime":"t4","eventID":"e","eventTime":5}`,
	`{"sessionCredentialFromConsole":"true","sessionCredentialFromConsole":"false"}`,
	`{"` + strings.Repeat("k", 300) + `":"x","eventID":"f"}`,
	`{"` + strings.Repeat("k", 300) + `":{"a":[1,"b",{"c":"d"}]},"eventID":"g"}`,
	`{"recipientAccountId":"1","recipientAccountId":["x"],"clientProvidedHostHeader":"h"}`,
	`{"EVENTID":"h","eventid":"i","ev\u0065ntID":"j"}`,
	`{"eventID":"k","userIdentity":{"arn":"a","type":"t"},"userIdentity":{"type":"u"}}`,
	`{"eventID":"l","userIdentity":"x"}`,
	`{"eventID":"m","requestParameters":{"k":"v","k2":["a","b"]},"tlsDetails":null}`,
	`{"eventID":"n","requestParameters":{"k" : "v", "k2" :{}, "k3":[ ]}}`,
	`{"eventID":"o","requestParameters":{"k":"v\"w","k\"2":1,"k3":"\u00e9"}}`,
	`{"eventID":"\u00e9p","eventTime":"é\xff","userAgent":"` + strings.Repeat("é", 40) + `"}`,
	`{"eventID":"q","requestParameters":{"a":{"b":{"c":[[[{"d":"e"}]]]}}},"eventTime":"t"}`,
	`{"eventID":"r","tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"x","clientProvidedHostHeader":"h"}}`,
	`{"eventID":"s","tlsDetails":{"cipherSuite":"y","tlsVersion":"TLSv1"}}`,
	`{"` + strings.Repeat("k", 300) + `" : "x","eventID":"t","sessionCredentialFromConsole" :"true"}`,
}

// badRecords are malformed where a key guess or the fast path's check
// of a key and its colon would look.
var badRecords = []string{
	`{"eventID":"u","requestParameters":{"k"x"v"}}`,
	`{"eventID":"u","requestParameters":{"a":1,"k"x"v"}}`,
	`{"eventID":"u","requestParameters":{"a":1,"k":}}`,
	`{"eventID""u"}`,
	`{"eventID":"u","eventTime"x"t"}`,
	`{"` + strings.Repeat("k", 300) + `"x"v"}`,
	`{"sessionCredentialFromConsole"x"true"}`,
	`{"eventID":"u","eventTime":"t"`,
	`{"eventID":"u","eventTime":`,
}

// TestDecodeGuesses compares the decoder with encoding/json on files of
// two records from guessRecords, alternating, for every pair.
func TestDecodeGuesses(t *testing.T) {
	for i, a := range guessRecords {
		for j, b := range guessRecords {
			doc := `{"Records":[` + strings.Join([]string{a, b, a, b, a}, ",") + `]}`
			compareDecoders(t, "records "+string(rune('a'+i))+string(rune('a'+j)), []byte(doc))
		}
	}
}

// TestDecodeBadAfterGuesses compares the decoder with encoding/json on
// files where a malformed record follows records that taught the key
// guesses.
func TestDecodeBadAfterGuesses(t *testing.T) {
	for i, a := range guessRecords {
		for j, bad := range badRecords {
			doc := `{"Records":[` + strings.Join([]string{a, a, bad, a}, ",") + `]}`
			compareDecoders(t, "records "+string(rune('a'+i))+" bad "+string(rune('a'+j)), []byte(doc))
		}
	}
}

// TestDecodePortableIndex repeats the differential tests with the
// portable index code on a CPU with AVX2.
func TestDecodePortableIndex(t *testing.T) {
	defer func(v bool) { hasAVX2 = v }(hasAVX2)
	hasAVX2 = false
	TestDecodeFixtures(t)
	TestDecodeGuesses(t)
	TestDecodeBadAfterGuesses(t)
	TestDecodeLargeRecords(t)
}

// TestDecodeLargeRecords compares the decoder with encoding/json on
// records larger than the first read buffer, so that the buffer and its
// index grow, with long strings (kept and skipped, some non-ASCII) that
// cross many 64-byte blocks.
func TestDecodeLargeRecords(t *testing.T) {
	long := strings.Repeat("a", 70<<10)
	high := strings.Repeat("é", 40<<10)
	recs := []string{
		`{"eventID":"a","userAgent":"` + long + `","tlsDetails":{"tlsVersion":"TLSv1"}}`,
		`{"eventID":"b","requestParameters":{"k":"` + long + `","h":"` + high + `"},"userAgent":"` + high + `"}`,
		`{"eventID":"c","userAgent":"` + long + `\"` + high + `"}`,
	}
	doc := `{"Records":[` + strings.Join(append(recs, recs...), ",") + `]}`
	compareDecoders(t, "large records", []byte(doc))
}
