package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// record is a CloudTrail record with the fields real records carry,
// including ones the reader skips.
type record struct {
	EventVersion       string         `json:"eventVersion"`
	UserIdentity       identity       `json:"userIdentity"`
	EventTime          string         `json:"eventTime"`
	EventSource        string         `json:"eventSource"`
	EventName          string         `json:"eventName"`
	AWSRegion          string         `json:"awsRegion"`
	SourceIPAddress    string         `json:"sourceIPAddress"`
	UserAgent          string         `json:"userAgent"`
	RequestParameters  map[string]any `json:"requestParameters"`
	ResponseElements   map[string]any `json:"responseElements"`
	RequestID          string         `json:"requestID"`
	EventID            string         `json:"eventID"`
	ReadOnly           bool           `json:"readOnly"`
	EventType          string         `json:"eventType"`
	ManagementEvent    bool           `json:"managementEvent"`
	RecipientAccountID string         `json:"recipientAccountId"`
	VPCEndpointID      string         `json:"vpcEndpointId,omitempty"`
	EventCategory      string         `json:"eventCategory"`
	TLSDetails         *tlsDetails    `json:"tlsDetails,omitempty"`
	// A string, as CloudTrail writes it; present only when "true".
	SessionCredentialFromConsole string `json:"sessionCredentialFromConsole,omitempty"`
	// Set by Config.Rich only.
	Resources           []resource     `json:"resources,omitempty"`
	AdditionalEventData map[string]any `json:"additionalEventData,omitempty"`
	SharedEventID       string         `json:"sharedEventID,omitempty"`
}

type resource struct {
	AccountID string `json:"accountId"`
	Type      string `json:"type"`
	ARN       string `json:"ARN"`
}

type identity struct {
	Type           string          `json:"type"`
	PrincipalID    string          `json:"principalId"`
	ARN            string          `json:"arn"`
	AccountID      string          `json:"accountId"`
	AccessKeyID    string          `json:"accessKeyId"`
	SessionContext *sessionContext `json:"sessionContext,omitempty"`
	InvokedBy      string          `json:"invokedBy,omitempty"`
}

type sessionContext struct {
	SessionIssuer       *issuer           `json:"sessionIssuer,omitempty"`
	WebIDFederationData map[string]string `json:"webIdFederationData,omitempty"`
	Attributes          map[string]string `json:"attributes"`
}

type issuer struct {
	Type        string `json:"type"`
	PrincipalID string `json:"principalId"`
	ARN         string `json:"arn"`
	AccountID   string `json:"accountId"`
	UserName    string `json:"userName"`
}

type tlsDetails struct {
	TLSVersion               string `json:"tlsVersion,omitempty"`
	CipherSuite              string `json:"cipherSuite,omitempty"`
	ClientProvidedHostHeader string `json:"clientProvidedHostHeader"`
}

// agent is a user agent and the TLS versions it negotiates, with weights.
type agent struct {
	ua       string
	versions []string
}

// Agents spans the callers the report must tell apart; .NET Framework 3.5
// and 4.5 on Windows 7 stay on TLS 1.0 (4.5 can reach 1.1 with registry
// settings), modern SDKs negotiate 1.2 or 1.3.
var agents = []agent{
	{"aws-sdk-dotnet-35/2.3.55.2 .NET_Runtime/2.0 .NET_Framework/3.5 OS/Microsoft_Windows_NT_6.1.7601_Service_Pack_1 ClientSync", []string{"TLSv1"}},
	{"aws-sdk-dotnet-45/3.3.110.30 aws-sdk-dotnet-core/3.3.104.1 .NET_Runtime/4.0 .NET_Framework/4.0 OS/Microsoft_Windows_NT_6.1.7601_Service_Pack_1 ClientAsync", []string{"TLSv1", "TLSv1.1"}},
	{"AWSPowerShell/3.3.563.1 .NET_Runtime/4.0 .NET_Framework/4.0 OS/Microsoft_Windows_NT_6.1.7601_Service_Pack_1 WindowsPowerShell/5.1 ClientSync", []string{"TLSv1", "TLSv1.2"}},
	{"aws-sdk-java/1.11.37 Linux/3.10.0-327.el7.x86_64 Java_HotSpot(TM)_64-Bit_Server_VM/24.80-b11 java/1.7.0_80", []string{"TLSv1", "TLSv1.1"}},
	{"aws-sdk-java/1.12.261 Linux/5.10.118-111.515.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/25.332-b08 java/1.8.0_332 vendor/Amazon.com_Inc. cfg/retry-mode/standard", []string{"TLSv1.2"}},
	{"aws-sdk-java/2.20.162 Linux/5.10.192-183.736.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.8+7-LTS Java/17.0.8 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy", []string{"TLSv1.2", "TLSv1.3"}},
	{"Boto3/1.4.4 Python/2.7.5 Linux/3.10.0-693.el7.x86_64 Botocore/1.5.95", []string{"TLSv1", "TLSv1.2"}},
	{"Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#5.10.201-191.748.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.6 md/pyimpl#CPython exec-env/AWS_Lambda_python3.11 cfg/retry-mode#legacy Botocore/1.34.0", []string{"TLSv1.2", "TLSv1.3"}},
	{"aws-cli/1.16.96 Python/2.7.5 Linux/3.10.0-957.el7.x86_64 botocore/1.12.86", []string{"TLSv1.1", "TLSv1.2"}},
	{"aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79-99.164.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off command/sts.get-caller-identity", []string{"TLSv1.3"}},
	{"aws-sdk-go/1.5.8 (go1.7.3; linux; amd64)", []string{"TLSv1.2"}},
	{"aws-sdk-go-v2/1.24.1 os/linux lang/go#1.20.4 md/GOOS#linux md/GOARCH#arm64 api/sts#1.26.7", []string{"TLSv1.2", "TLSv1.3"}},
	{"APN/1.0 HashiCorp/1.0 Terraform/1.1.2 (+https://www.terraform.io) terraform-provider-aws/3.76.1 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.44.157 (go1.19.3; darwin; arm64) HashiCorp-terraform-exec/0.17.3", []string{"TLSv1.2"}},
	{"aws-sdk-nodejs/2.1692.0 linux/v18.17.0 exec-env/AWS_Lambda_nodejs18.x", []string{"TLSv1.2", "TLSv1.3"}},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", []string{"TLSv1.3"}},
	{"console.amazonaws.com", []string{"TLSv1.2"}},
}

var (
	services = []struct{ source, event string }{
		{"sts.amazonaws.com", "GetCallerIdentity"}, {"sts.amazonaws.com", "AssumeRole"},
		{"s3.amazonaws.com", "ListBuckets"}, {"ec2.amazonaws.com", "DescribeInstances"},
		{"kms.amazonaws.com", "Decrypt"}, {"ssm.amazonaws.com", "GetParameter"},
		{"iam.amazonaws.com", "ListRoles"}, {"dynamodb.amazonaws.com", "DescribeTable"},
	}
	regions  = []string{"us-east-1", "eu-west-1", "ap-southeast-2"}
	accounts = []string{"111122223333", "444455556666", "777788889999"}
	suites   = map[string]string{
		"TLSv1": "ECDHE-RSA-AES128-SHA", "TLSv1.1": "ECDHE-RSA-AES128-SHA",
		"TLSv1.2": "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.3": "TLS_AES_128_GCM_SHA256",
	}
)

// generator holds the random state and the records a duplicate may repeat.
type generator struct {
	cfg    Config
	r      *rand.Rand
	recent []*record
}

func newGenerator(cfg Config) *generator {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	}
	return &generator{cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))}
}

// file returns the records of file i with its delivery time, account and
// Region, and counts them into sum.
func (g *generator) file(i int, sum *Summary) ([]*record, time.Time, string, string) {
	when := g.cfg.Start.Add(time.Duration(i) * 37 * time.Minute)
	acct := accounts[g.r.IntN(len(accounts))]
	region := regions[g.r.IntN(len(regions))]
	n := g.recordCount()
	recs := make([]*record, 0, n)
	for range n {
		sum.Records++
		if len(g.recent) > 0 && g.r.IntN(100) < g.cfg.DuplicatePercent {
			sum.Duplicates++
			recs = append(recs, g.recent[g.r.IntN(len(g.recent))])
			continue
		}
		rec := g.record(when, acct, region)
		g.count(rec, sum)
		g.remember(rec)
		recs = append(recs, rec)
	}
	return recs, when, acct, region
}

// recordCount returns the number of records of the next file.
func (g *generator) recordCount() int {
	lo, hi := g.cfg.RecordsPerFile, g.cfg.RecordsPerFileMax
	if hi <= lo {
		return lo
	}
	lo = max(lo, 1)
	return int(math.Exp(math.Log(float64(lo)) + g.r.Float64()*(math.Log(float64(hi+1))-math.Log(float64(lo)))))
}

// remember keeps the last records as candidates for duplication.
func (g *generator) remember(rec *record) {
	const keep = 64
	if len(g.recent) < keep {
		g.recent = append(g.recent, rec)
		return
	}
	g.recent[g.r.IntN(keep)] = rec
}

func (g *generator) count(rec *record, sum *Summary) {
	switch {
	case rec.TLSDetails == nil:
		sum.NoDetails++
		sum.WithoutByClass[callerClass(rec)]++
	case rec.TLSDetails.TLSVersion == "":
		sum.EmptyVersion++
		sum.WithoutByClass[callerClass(rec)]++
	default:
		v := rec.TLSDetails.TLSVersion
		sum.ByVersion[v]++
		if v == "TLSv1" || v == "TLSv1.1" {
			sum.BelowTLS12ByAgent[rec.UserAgent]++
		}
	}
}

func (g *generator) record(when time.Time, acct, region string) *record {
	r := g.r
	a := agents[r.IntN(len(agents))]
	svc := services[r.IntN(len(services))]
	user := fmt.Sprintf("svc-%d", r.IntN(5))
	rec := &record{
		EventVersion: "1.09",
		UserIdentity: identity{
			Type: "IAMUser", PrincipalID: fmt.Sprintf("AIDA%016X", r.Uint64()&0xffff),
			ARN:       fmt.Sprintf("arn:aws:iam::%s:user/%s", acct, user),
			AccountID: acct, AccessKeyID: fmt.Sprintf("AKIA%016X", r.Uint64()&0xff),
		},
		EventTime:          when.Add(-time.Duration(r.IntN(300)) * time.Second).Format(time.RFC3339),
		EventSource:        svc.source,
		EventName:          svc.event,
		AWSRegion:          region,
		SourceIPAddress:    fmt.Sprintf("203.0.113.%d", r.IntN(8)),
		UserAgent:          a.ua,
		RequestParameters:  map[string]any{"maxResults": 50, "filter": "name=prod-*"},
		ResponseElements:   nil,
		RequestID:          g.uuid(),
		EventID:            g.uuid(),
		ReadOnly:           true,
		EventType:          "AwsApiCall",
		ManagementEvent:    true,
		RecipientAccountID: acct,
		EventCategory:      "Management",
	}
	if r.IntN(10) == 0 {
		rec.VPCEndpointID = fmt.Sprintf("vpce-%08x", r.Uint32()&0xf)
	}
	g.setTLS(rec, a)
	if g.cfg.Rich {
		g.enrich(rec, user, a)
	}
	if rec.TLSDetails == nil {
		awsOperated(rec)
	}
	return rec
}

// awsOperated makes about half of the records without tlsDetails calls
// that AWS itself made, as in real trails (where they are most of them):
// service events, service principals, "AWS Internal" and console-proxied
// calls. The kind follows the eventID's last digit, so that the random
// sequence, and all else generated, stays the same.
func awsOperated(rec *record) {
	switch d := rec.EventID[len(rec.EventID)-1]; d {
	case '0', '1':
		rec.EventType = "AwsServiceEvent"
		rec.UserAgent, rec.SourceIPAddress = "AWS Internal", "AWS Internal"
	case '2', '3':
		svc := "lambda.amazonaws.com"
		rec.UserIdentity = identity{Type: "AWSService", InvokedBy: svc}
		rec.UserAgent, rec.SourceIPAddress = svc, svc
	case '4':
		rec.UserIdentity.InvokedBy = "ec2.amazonaws.com"
	case '5', '6':
		rec.UserAgent, rec.SourceIPAddress = "AWS Internal/3", "AWS Internal"
	case '7':
		rec.UserAgent = "cloudformation.amazonaws.com"
	case '8', '9':
		rec.SessionCredentialFromConsole = "true"
		rec.UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
	}
}

// callerClass names who made a call, as the report classifies records
// without a TLS version: the first that holds of an AWS service event, an
// AWS service (by identity type or invokedBy), an AWS service principal
// or "AWS Internal" as user agent or source, a console-proxied call, and
// otherwise a customer caller.
func callerClass(rec *record) string {
	internal := func(s string) bool {
		return strings.HasSuffix(s, ".amazonaws.com") || strings.HasPrefix(s, "AWS Internal")
	}
	switch {
	case rec.EventType == "AwsServiceEvent":
		return "aws_service_event"
	case rec.UserIdentity.Type == "AWSService" || rec.UserIdentity.InvokedBy != "":
		return "aws_service"
	case internal(rec.UserAgent) || internal(rec.SourceIPAddress):
		return "aws_internal"
	case rec.SessionCredentialFromConsole == "true":
		return "console"
	}
	return "customer"
}

// setTLS fills tlsDetails, leaving it out for NoTLSPercent of records and
// giving one record in fifty only a host header, as some services do.
func (g *generator) setTLS(rec *record, a agent) {
	host := fmt.Sprintf("%s.%s.amazonaws.com", rec.EventSource[:len(rec.EventSource)-len(".amazonaws.com")], rec.AWSRegion)
	switch {
	case g.r.IntN(100) < g.cfg.NoTLSPercent:
		return
	case g.r.IntN(50) == 0:
		rec.TLSDetails = &tlsDetails{ClientProvidedHostHeader: host}
		return
	}
	v := a.versions[g.r.IntN(len(a.versions))]
	rec.TLSDetails = &tlsDetails{TLSVersion: v, CipherSuite: suites[v], ClientProvidedHostHeader: host}
}

func (g *generator) uuid() string {
	hi, lo := g.r.Uint64(), g.r.Uint64()
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", hi>>32, (hi>>16)&0xffff, hi&0xfff, 0x8000|(lo>>48)&0x3fff, lo&0xffffffffffff)
}

// suffix returns the 16-character random part of a file name.
func (g *generator) suffix() string {
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 16)
	for i := range b {
		b[i] = letters[g.r.IntN(len(letters))]
	}
	return string(b)
}
