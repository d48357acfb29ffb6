package trail

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
	"github.com/tlsfloor/tlsfloor/internal/trail/useragent"
)

// CallerDetails is the details object of a caller finding in the JSON
// document (schema tlsfloor.trail/v1). The package documentation lists its
// members.
type CallerDetails struct {
	Account        string         `json:"account,omitempty"`
	PrincipalARN   string         `json:"principal_arn,omitempty"`
	PrincipalType  string         `json:"principal_type,omitempty"`
	AccessKeyID    string         `json:"access_key_id,omitempty"`
	SourceIP       string         `json:"source_ip,omitempty"`
	VPCEndpoint    string         `json:"vpc_endpoint,omitempty"`
	UserAgent      string         `json:"user_agent,omitempty"`
	EventSource    string         `json:"event_source,omitempty"`
	Calls          int            `json:"calls"`
	TLSVersions    map[string]int `json:"tls_versions"`
	WithoutTLS     int            `json:"without_tls,omitempty"`
	FirstSeen      string         `json:"first_seen,omitempty"`
	LastSeen       string         `json:"last_seen,omitempty"`
	SampleEventIDs []string       `json:"sample_event_ids,omitempty"`
	Agent          AgentDetails   `json:"agent"`
	Fix            string         `json:"fix"`
}

// AgentDetails is what the caller's user agent tells (internal/trail/useragent).
type AgentDetails struct {
	Family         string   `json:"family"`
	SDK            string   `json:"sdk,omitempty"`
	SDKVersion     string   `json:"sdk_version,omitempty"`
	Runtime        string   `json:"runtime,omitempty"`
	RuntimeVersion string   `json:"runtime_version,omitempty"`
	OS             string   `json:"os,omitempty"`
	OSVersion      string   `json:"os_version,omitempty"`
	Tool           string   `json:"tool,omitempty"`
	ExecEnv        string   `json:"exec_env,omitempty"`
	Truncated      bool     `json:"truncated,omitempty"`
	Unknowns       []string `json:"unknowns,omitempty"`
}

// RunDetails is the summary's details object in the JSON document
// (schema tlsfloor.trail/v1). The package documentation lists its members.
type RunDetails struct {
	Input        string       `json:"input"`
	Floor        string       `json:"floor"`
	Totals       Totals       `json:"totals"`
	FilesSkipped FilesSkipped `json:"files_skipped"`
	Unreadable   []Unreadable `json:"unreadable,omitempty"`
	ByService    []Share      `json:"by_service"`
	ByDay        []Share      `json:"by_day"`
}

// Totals counts records; Read == Counted + Duplicates + WithoutTLS.Total +
// SkippedRecords.
type Totals struct {
	Files          int        `json:"files"`
	Read           int        `json:"read"`
	Counted        int        `json:"counted"`
	Duplicates     int        `json:"duplicates"`
	WithoutTLS     WithoutTLS `json:"without_tls"`
	SkippedRecords int        `json:"skipped_records"`
	TooLarge       int        `json:"too_large"`
	Reconciles     bool       `json:"reconciles"`
}

// WithoutTLS counts distinct records that do not say which TLS version
// was used, by what is missing and by who made the call.
type WithoutTLS struct {
	Total        int            `json:"total"`
	NoDetails    int            `json:"no_details"`
	EmptyVersion int            `json:"empty_version"`
	AWSOperated  int            `json:"aws_operated"`
	Customer     int            `json:"customer"`
	ByClass      map[string]int `json:"by_class"`
}

// FilesSkipped counts files not read, by reason.
type FilesSkipped struct {
	Digest        int `json:"digest"`
	Insight       int `json:"insight"`
	NotCloudTrail int `json:"not_cloudtrail"`
	Unreadable    int `json:"unreadable"`
}

// Unreadable is a file that failed, with the place.
type Unreadable struct {
	File   string `json:"file"`
	Record int    `json:"record"`
	Offset int64  `json:"offset"`
	Error  string `json:"error"`
}

// Share is the TLS version share of one service or one UTC day.
type Share struct {
	Key        string             `json:"key"`
	Records    int                `json:"records"`
	WithTLS    int                `json:"with_tls"`
	WithoutTLS int                `json:"without_tls"`
	Coverage   float64            `json:"coverage_percent"`
	Versions   map[string]int     `json:"tls_versions"`
	Percent    map[string]float64 `json:"percent"`
}

// StandardVersions are the tlsVersion values every share lists, even at
// zero, lowest first.
var StandardVersions = []string{"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}

// callerDetails is the details object of c, whose agent is a.
func callerDetails(c cloudtrail.Caller, a useragent.Agent, fix string) CallerDetails {
	return CallerDetails{
		Account: c.Account, PrincipalARN: c.PrincipalARN, PrincipalType: c.PrincipalType,
		AccessKeyID: c.AccessKeyID, SourceIP: c.SourceIP, VPCEndpoint: c.VPCEndpoint,
		UserAgent: c.UserAgent, EventSource: c.EventSource,
		Calls: c.Count, TLSVersions: maps.Clone(c.Versions),
		FirstSeen: timeString(c.FirstSeen), LastSeen: timeString(c.LastSeen),
		SampleEventIDs: c.Samples,
		Agent: AgentDetails{
			Family: a.Family, SDK: a.SDK, SDKVersion: a.SDKVersion,
			Runtime: a.Runtime, RuntimeVersion: a.RuntimeVersion,
			OS: a.OS, OSVersion: a.OSVersion, Tool: a.Tool, ExecEnv: a.ExecEnv,
			Truncated: a.Truncated, Unknowns: a.Unknowns,
		},
		Fix: fix,
	}
}

func timeString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// Details returns the run-level record of rep. input names where the
// records came from: "cloudtrail", "athena" or "lake".
func Details(rep *cloudtrail.Report, input string) RunDetails {
	t := rep.Totals
	d := RunDetails{
		Input: input,
		Floor: cloudtrail.VersionName(rep.Floor),
		Totals: Totals{
			Files: t.Files, Read: t.Read, Counted: t.Counted, Duplicates: t.Duplicates,
			WithoutTLS:     withoutTLS(t.WithoutTLS),
			SkippedRecords: t.Skipped.Records,
			TooLarge:       t.Skipped.TooLarge,
			Reconciles:     t.Reconciles(),
		},
		FilesSkipped: FilesSkipped{
			Digest: t.Skipped.Digest, Insight: t.Skipped.Insight,
			NotCloudTrail: t.Skipped.NotCloudTrail, Unreadable: len(t.Unreadable),
		},
		ByService: sharesOf(rep.ByService),
		ByDay:     sharesOf(rep.ByDay),
	}
	for _, fe := range t.Unreadable {
		d.Unreadable = append(d.Unreadable, Unreadable{File: fe.File, Record: fe.Record, Offset: fe.Offset, Error: errString(fe.Err)})
	}
	return d
}

func withoutTLS(w cloudtrail.WithoutTLS) WithoutTLS {
	out := WithoutTLS{
		Total:     w.NoDetails + w.EmptyVersion,
		NoDetails: w.NoDetails, EmptyVersion: w.EmptyVersion,
		AWSOperated: w.ByClass.AWSOperated(), Customer: w.ByClass[cloudtrail.ClassCustomer],
		ByClass: map[string]int{},
	}
	for _, c := range cloudtrail.Classes() {
		out.ByClass[c.String()] = w.ByClass[c]
	}
	return out
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// sharesOf turns cloudtrail shares into report shares: records without a
// version are counted apart, and percentages are of the records with one.
func sharesOf(in []cloudtrail.Share) []Share {
	out := make([]Share, 0, len(in))
	for _, s := range in {
		sh := Share{Key: s.Key, Records: s.Total, Versions: map[string]int{}, Percent: map[string]float64{}}
		for _, v := range StandardVersions {
			sh.Versions[v] = 0
		}
		for v, n := range s.Versions {
			if v == "" {
				sh.WithoutTLS += n
				continue
			}
			sh.Versions[v] += n
		}
		sh.WithTLS = sh.Records - sh.WithoutTLS
		if sh.Records > 0 {
			sh.Coverage = math.Round(float64(sh.WithTLS)*10000/float64(sh.Records)) / 100
		}
		sh.Percent = percents(sh.Versions)
		out = append(out, sh)
	}
	slices.SortFunc(out, func(x, y Share) int { return cmp.Compare(x.Key, y.Key) })
	return out
}

// percents gives each version's share of the total in percent, rounded to
// two decimals.
func percents(vs map[string]int) map[string]float64 {
	total := 0
	for _, n := range vs {
		total += n
	}
	p := make(map[string]float64, len(vs))
	for v, n := range vs {
		if total > 0 {
			p[v] = math.Round(float64(n)*10000/float64(total)) / 100
		} else {
			p[v] = 0
		}
	}
	return p
}
