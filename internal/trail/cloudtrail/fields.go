package cloudtrail

// field names a string the decoder keeps from a record. The order is the
// order of raw.f.
type field uint8

const (
	fEventID field = iota
	fEventTime
	fEventSource
	fEventName
	fRegion
	fSourceIP
	fUserAgent
	fRecipient
	fVPCEndpoint
	fEventType
	fConsole
	fIDType
	fIDARN
	fIDAccount
	fIDAccessKey
	fIDPrincipal
	fIDInvokedBy
	fTLSVersion
	fTLSSuite
	fTLSHost
	nFields

	fIdentity // the userIdentity object
	fTLS      // the tlsDetails object
	fSkip     // any other key
)

// keyTable lists the keys of one JSON object the decoder reads, with the
// spelling of the matching Record field's json tag.
type keyTable []struct {
	name string
	f    field
	fold string // name folded by foldKey
}

func newKeyTable(names map[string]field) keyTable {
	var t keyTable
	for name, f := range names {
		t = append(t, struct {
			name string
			f    field
			fold string
		}{name, f, string(foldKey(nil, []byte(name)))})
	}
	return t
}

var (
	recordKeys = newKeyTable(map[string]field{
		"eventID": fEventID, "eventTime": fEventTime, "eventSource": fEventSource,
		"eventName": fEventName, "awsRegion": fRegion, "sourceIPAddress": fSourceIP,
		"userAgent": fUserAgent, "recipientAccountId": fRecipient, "vpcEndpointId": fVPCEndpoint,
		"eventType": fEventType, "sessionCredentialFromConsole": fConsole, "userIdentity": fIdentity, "tlsDetails": fTLS,
	})
	identityKeys = newKeyTable(map[string]field{
		"type": fIDType, "arn": fIDARN, "accountId": fIDAccount, "accessKeyId": fIDAccessKey,
		"principalId": fIDPrincipal, "invokedBy": fIDInvokedBy,
	})
	tlsKeys = newKeyTable(map[string]field{
		"tlsVersion": fTLSVersion, "cipherSuite": fTLSSuite, "clientProvidedHostHeader": fTLSHost,
	})
)

// recordField returns the field of a key of a record object.
func recordField(key []byte, high bool, buf *[]byte) field {
	switch string(key) {
	case "eventID":
		return fEventID
	case "eventTime":
		return fEventTime
	case "eventSource":
		return fEventSource
	case "eventName":
		return fEventName
	case "awsRegion":
		return fRegion
	case "sourceIPAddress":
		return fSourceIP
	case "userAgent":
		return fUserAgent
	case "recipientAccountId":
		return fRecipient
	case "vpcEndpointId":
		return fVPCEndpoint
	case "eventType":
		return fEventType
	case "sessionCredentialFromConsole":
		return fConsole
	case "userIdentity":
		return fIdentity
	case "tlsDetails":
		return fTLS
	}
	return recordKeys.fold(key, high, buf)
}

// identityField returns the field of a key of a userIdentity object.
func identityField(key []byte, high bool, buf *[]byte) field {
	switch string(key) {
	case "type":
		return fIDType
	case "arn":
		return fIDARN
	case "accountId":
		return fIDAccount
	case "accessKeyId":
		return fIDAccessKey
	case "principalId":
		return fIDPrincipal
	case "invokedBy":
		return fIDInvokedBy
	}
	return identityKeys.fold(key, high, buf)
}

// tlsField returns the field of a key of a tlsDetails object.
func tlsField(key []byte, high bool, buf *[]byte) field {
	switch string(key) {
	case "tlsVersion":
		return fTLSVersion
	case "cipherSuite":
		return fTLSSuite
	case "clientProvidedHostHeader":
		return fTLSHost
	}
	return tlsKeys.fold(key, high, buf)
}

// fold returns the field whose name equals key under Unicode case
// folding, as encoding/json matches a key that names no field exactly;
// fSkip if none. high says key may hold non-ASCII bytes. buf is scratch
// space.
func (t keyTable) fold(key []byte, high bool, buf *[]byte) field {
	if !high {
		for i := range t {
			if len(t[i].name) == len(key) && asciiEqualFold(t[i].name, key) {
				return t[i].f
			}
		}
		return fSkip
	}
	if len(key) > 128 { // no folding of a longer key yields a field name
		return fSkip
	}
	*buf = foldKey((*buf)[:0], key)
	for i := range t {
		if t[i].fold == string(*buf) {
			return t[i].f
		}
	}
	return fSkip
}

// asciiEqualFold compares ASCII strings ignoring the case of letters.
func asciiEqualFold(name string, key []byte) bool {
	for i := 0; i < len(name); i++ {
		a, b := name[i], key[i]
		if a == b {
			continue
		}
		if a|0x20 != b|0x20 || a|0x20 < 'a' || a|0x20 > 'z' {
			return false
		}
	}
	return true
}
