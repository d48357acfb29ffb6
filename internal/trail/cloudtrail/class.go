package cloudtrail

import "bytes"

// Class tells who made a call whose record has no TLS version: AWS itself,
// whose TLS CloudTrail mostly does not log and no customer can fix, or a
// customer caller, whose TLS version is then unknown.
//
// CloudTrail records tlsDetails for about half of the services, never for
// AWS service events, service principals or "AWS Internal" callers, and
// not for console-proxied calls (sessionCredentialFromConsole "true"):
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
// (tlsDetails, sessionCredentialFromConsole, sourceIPAddress, userAgent)
// and cloudtrail-supported-tls-details.html in the same guide.
type Class uint8

// The classes, in the order ClassOf tries them: the first that applies.
const (
	// ClassServiceEvent is an eventType "AwsServiceEvent" record: AWS
	// acting on its own, with no caller.
	ClassServiceEvent Class = iota
	// ClassAWSService is a call by an AWS service: userIdentity.type
	// "AWSService", or userIdentity.invokedBy set.
	ClassAWSService
	// ClassAWSInternal is a call whose userAgent or sourceIPAddress is a
	// service principal (ends in ".amazonaws.com") or starts with "AWS
	// Internal".
	ClassAWSInternal
	// ClassConsole is a console-proxied call: sessionCredentialFromConsole
	// "true".
	ClassConsole
	// ClassCustomer is any other caller: its TLS version is unknown.
	ClassCustomer
	nClasses
)

var classNames = [nClasses]string{"aws_service_event", "aws_service", "aws_internal", "console", "customer"}

// String returns the class's name, as the JSON document and the query
// results spell it: "aws_service_event", "aws_service", "aws_internal",
// "console" or "customer".
func (c Class) String() string {
	if c < nClasses {
		return classNames[c]
	}
	return "unknown class"
}

// ParseClass returns the class String names.
func ParseClass(s string) (Class, bool) {
	for i, n := range classNames {
		if n == s {
			return Class(i), true
		}
	}
	return 0, false
}

// AWSOperated reports whether the class is a call made by AWS.
func (c Class) AWSOperated() bool { return c < ClassCustomer }

// ClassOf returns the class of the caller of r.
func ClassOf(r *Record) Class {
	var x raw
	x.fromRecord(r, nil)
	return classOf(&x)
}

// classOf returns the class of the caller of a decoded record.
func classOf(x *raw) Class {
	switch {
	case string(x.f[fEventType]) == "AwsServiceEvent":
		return ClassServiceEvent
	case string(x.f[fIDType]) == "AWSService" || len(x.f[fIDInvokedBy]) > 0:
		return ClassAWSService
	case awsInternal(x.f[fUserAgent]) || awsInternal(x.f[fSourceIP]):
		return ClassAWSInternal
	case string(x.f[fConsole]) == "true":
		return ClassConsole
	}
	return ClassCustomer
}

// awsInternal reports whether a userAgent or sourceIPAddress names AWS:
// a service principal ("lambda.amazonaws.com") or "AWS Internal/#".
func awsInternal(b []byte) bool {
	return bytes.HasSuffix(b, []byte(".amazonaws.com")) || bytes.HasPrefix(b, []byte("AWS Internal"))
}

// ClassCounts counts records without a TLS version by Class.
type ClassCounts [nClasses]int

// Total returns the sum of the counts.
func (c *ClassCounts) Total() int {
	n := 0
	for _, k := range c {
		n += k
	}
	return n
}

// AWSOperated returns the records of the classes that are AWS's own.
func (c *ClassCounts) AWSOperated() int { return c.Total() - c[ClassCustomer] }

// Classes lists every Class, in order.
func Classes() []Class {
	out := make([]Class, nClasses)
	for i := range out {
		out[i] = Class(i)
	}
	return out
}
