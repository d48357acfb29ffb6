package gen

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"strings"
	"time"
)

// roles are the roles assumed-role callers hold.
var roles = []string{"app-deployer", "ci-runner", "etl-batch", "OrganizationAccountAccessRole", "legacy-reporting"}

// enrich adds what Config.Rich asks for. user is the IAM user name the
// record was drawn with, a its agent.
func (g *generator) enrich(rec *record, user string, a agent) {
	r := g.r
	g.application(rec, user)
	if modern(a) && r.IntN(10) < 6 {
		g.assumedRole(rec)
	}
	if r.IntN(4) == 0 {
		rec.EventVersion = "1.08"
	}
	when, _ := time.Parse(time.RFC3339, rec.EventTime)
	switch rec.EventName {
	case "GetCallerIdentity", "ListRoles":
		if rec.EventName == "ListRoles" {
			rec.RequestParameters = map[string]any{"maxItems": 100, "pathPrefix": "/service-role/"}
		} else {
			rec.RequestParameters = nil
		}
	case "AssumeRole":
		g.assumeRole(rec, when)
	case "ListBuckets":
		rec.RequestParameters = map[string]any{"Host": "s3." + rec.AWSRegion + ".amazonaws.com"}
		rec.AdditionalEventData = map[string]any{
			"SignatureVersion": "SigV4", "CipherSuite": "ECDHE-RSA-AES128-GCM-SHA256",
			"bytesTransferredIn": 0, "AuthenticationMethod": "AuthHeader",
			"x-amz-id-2": g.base64(57), "bytesTransferredOut": 420 + r.IntN(9000),
		}
	case "DescribeInstances":
		g.describeInstances(rec)
	case "Decrypt":
		rec.RequestParameters = map[string]any{
			"encryptionContext":   map[string]string{"aws:lambda:FunctionArn": fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", rec.AWSRegion, rec.RecipientAccountID, user)},
			"encryptionAlgorithm": "SYMMETRIC_DEFAULT",
		}
		rec.Resources = []resource{{rec.RecipientAccountID, "AWS::KMS::Key", fmt.Sprintf("arn:aws:kms:%s:%s:key/%s", rec.AWSRegion, rec.RecipientAccountID, g.uuid())}}
		if r.IntN(5) == 0 {
			rec.SharedEventID = g.uuid()
		}
	case "GetParameter":
		rec.RequestParameters = map[string]any{"name": fmt.Sprintf("/prod/%s/db-password-%d", user, r.IntN(20)), "withDecryption": true}
	case "DescribeTable":
		rec.RequestParameters = map[string]any{"tableName": fmt.Sprintf("orders-%s-%d", rec.AWSRegion, r.IntN(30))}
		rec.Resources = []resource{{rec.RecipientAccountID, "AWS::DynamoDB::Table", fmt.Sprintf("arn:aws:dynamodb:%s:%s:table/orders", rec.AWSRegion, rec.RecipientAccountID)}}
	}
}

// application gives the caller the identity, host and endpoint of one
// application: an IAM user's key, one of two source addresses, and for
// some a VPC endpoint, fixed for the user and agent. The callers below a
// floor are then as few as in a real account, whatever the number of
// records.
func (g *generator) application(rec *record, user string) {
	h := fnv.New64a()
	fmt.Fprint(h, rec.RecipientAccountID, user, rec.UserAgent)
	app := h.Sum64()
	rec.UserIdentity.PrincipalID = fmt.Sprintf("AIDA%016X", app&0xffffffff)
	rec.UserIdentity.AccessKeyID = fmt.Sprintf("AKIA%016X", app>>32)
	rec.SourceIPAddress = fmt.Sprintf("198.51.100.%d", app%100*2+uint64(g.r.IntN(2)))
	rec.VPCEndpointID = ""
	if app%4 == 0 {
		rec.VPCEndpointID = fmt.Sprintf("vpce-%017x", app>>40)
	}
}

// hourOf numbers the hour of an eventTime.
func hourOf(eventTime string) uint64 {
	h := fnv.New64a()
	fmt.Fprint(h, eventTime[:13])
	return h.Sum64() & 0xffffffffffff
}

// modern reports whether an agent negotiates TLS 1.2 or later only.
func modern(a agent) bool {
	for _, v := range a.versions {
		if v == "TLSv1" || v == "TLSv1.1" {
			return false
		}
	}
	return true
}

// assumedRole turns the caller into a role session; its session key
// changes every hour.
func (g *generator) assumedRole(rec *record) {
	r := g.r
	role := roles[r.IntN(len(roles))]
	acct := rec.UserIdentity.AccountID
	roleID := fmt.Sprintf("AROA%016X", r.Uint64()&0xf)
	session := fmt.Sprintf("%s-%d", role, r.IntN(8))
	created := rec.EventTime[:11] + "00:00:00Z"
	rec.UserIdentity = identity{
		Type: "AssumedRole", PrincipalID: roleID + ":" + session,
		ARN:       fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/%s", acct, role, session),
		AccountID: acct, AccessKeyID: fmt.Sprintf("ASIA%04X%012X", r.IntN(4), hourOf(rec.EventTime)),
		SessionContext: &sessionContext{
			SessionIssuer:       &issuer{"Role", roleID, fmt.Sprintf("arn:aws:iam::%s:role/%s", acct, role), acct, role},
			WebIDFederationData: map[string]string{},
			Attributes:          map[string]string{"creationDate": created, "mfaAuthenticated": "false"},
		},
	}
	if r.IntN(8) == 0 {
		rec.UserIdentity.InvokedBy = "ec2.amazonaws.com"
	}
}

// assumeRole fills an sts:AssumeRole call: the role, sometimes a session
// policy (JSON in a string, so escaped), and the credentials returned.
func (g *generator) assumeRole(rec *record, when time.Time) {
	r := g.r
	role := roles[r.IntN(len(roles))]
	session := fmt.Sprintf("session-%d", r.IntN(100000))
	params := map[string]any{
		"roleArn":         fmt.Sprintf("arn:aws:iam::%s:role/%s", rec.RecipientAccountID, role),
		"roleSessionName": session, "durationSeconds": 3600,
	}
	if r.IntN(3) == 0 {
		params["policy"] = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::reports-` +
			rec.RecipientAccountID + `/*"],"Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`
	}
	rec.RequestParameters = params
	roleID := fmt.Sprintf("AROA%016X", r.Uint64()&0xf)
	rec.ResponseElements = map[string]any{
		"credentials": map[string]string{
			"accessKeyId":  fmt.Sprintf("ASIA%016X", r.Uint64()),
			"sessionToken": "IQoJb3JpZ2luX2VjE" + g.base64(100+r.IntN(120)),
			"expiration":   when.Add(time.Hour).Format("Jan 2, 2006, 3:04:05 PM"),
		},
		"assumedRoleUser": map[string]string{
			"assumedRoleId": roleID + ":" + session,
			"arn":           fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/%s", rec.RecipientAccountID, role, session),
		},
	}
}

// describeInstances fills ec2:DescribeInstances with instance IDs and,
// sometimes, a tag filter whose value is not ASCII.
func (g *generator) describeInstances(rec *record) {
	r := g.r
	var items []map[string]string
	for range 1 + r.IntN(4) {
		items = append(items, map[string]string{"instanceId": fmt.Sprintf("i-%017x", r.Uint64()&0xfff)})
	}
	filters := map[string]any{}
	if r.IntN(4) == 0 {
		owner := []string{"José", "Zoë", "Łukasz", "小林", "ops"}[r.IntN(5)]
		filters["items"] = []map[string]any{{"name": "tag:Owner", "valueSet": map[string]any{"items": []map[string]string{{"value": owner}}}}}
	}
	rec.RequestParameters = map[string]any{"instancesSet": map[string]any{"items": items}, "filterSet": filters}
}

// base64 returns n bytes of random data, base64 encoded.
func (g *generator) base64(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.Uint32())
	}
	return strings.TrimRight(base64.StdEncoding.EncodeToString(b), "=")
}
