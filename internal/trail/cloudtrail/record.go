package cloudtrail

// Record is the projection of a CloudTrail record onto the fields the TLS
// report uses. Other fields are skipped by the decoder.
type Record struct {
	// EventID is the record's GUID; duplicates of a record share it.
	EventID string `json:"eventID"`
	// EventTime is the UTC time of the call, as logged (RFC 3339).
	EventTime string `json:"eventTime"`
	// EventSource is the service called, e.g. "sts.amazonaws.com".
	EventSource string `json:"eventSource"`
	// EventName is the API operation.
	EventName string `json:"eventName"`
	// AWSRegion is the Region the call was made to.
	AWSRegion string `json:"awsRegion"`
	// SourceIPAddress is the caller's IP address or service DNS name.
	SourceIPAddress string `json:"sourceIPAddress"`
	// UserAgent is the caller's user agent, truncated by AWS at 1 KB.
	UserAgent string `json:"userAgent"`
	// RecipientAccountID is the account that received the call.
	RecipientAccountID string `json:"recipientAccountId"`
	// VPCEndpointID is set when the call came through a VPC endpoint.
	VPCEndpointID string `json:"vpcEndpointId"`
	// EventType is "AwsApiCall", "AwsServiceEvent", "AwsConsoleSignIn", ...
	EventType string `json:"eventType"`
	// SessionCredentialFromConsole is "true" when the call used a console
	// session's credentials; CloudTrail leaves it out otherwise. It is a
	// JSON string in CloudTrail's records and in the Athena table AWS
	// documents (sessionCredentialFromConsole STRING).
	SessionCredentialFromConsole string `json:"sessionCredentialFromConsole"`
	// UserIdentity describes the caller.
	UserIdentity UserIdentity `json:"userIdentity"`
	// TLSDetails is nil when the record has no tlsDetails field.
	TLSDetails *TLSDetails `json:"tlsDetails"`
}

// UserIdentity is the projection of a record's userIdentity object.
type UserIdentity struct {
	// Type is the identity type, e.g. "IAMUser", "AssumedRole".
	Type string `json:"type"`
	// ARN is the caller's ARN.
	ARN string `json:"arn"`
	// AccountID is the account that owns the caller's credentials.
	AccountID string `json:"accountId"`
	// AccessKeyID is the access key used to sign the request.
	AccessKeyID string `json:"accessKeyId"`
	// PrincipalID is the unique identifier of the principal.
	PrincipalID string `json:"principalId"`
	// InvokedBy names the AWS service that made the call, if any.
	InvokedBy string `json:"invokedBy"`
}

// TLSDetails is a record's tlsDetails object. Any field may be empty.
type TLSDetails struct {
	// TLSVersion is "TLSv1", "TLSv1.1", "TLSv1.2" or "TLSv1.3".
	TLSVersion string `json:"tlsVersion"`
	// CipherSuite is the negotiated suite (OpenSSL or IANA name).
	CipherSuite string `json:"cipherSuite"`
	// ClientProvidedHostHeader is the host name the client asked for.
	ClientProvidedHostHeader string `json:"clientProvidedHostHeader"`
}
