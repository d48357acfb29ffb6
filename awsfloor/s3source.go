package awsfloor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/tlsfloor/tlsfloor"
)

// S3Source lists and reads the objects under an s3://bucket/prefix URI,
// for tlsfloor trail. Names are full URIs ("s3://bucket/key"), so that
// errors name the object and CloudTrail's key layout (which tells log,
// digest and insight files apart) is kept.
type S3Source struct {
	client   *s3.Client
	bucket   string
	prefix   string
	pageSize int32
}

// S3SourceOptions configures [NewS3Source].
type S3SourceOptions struct {
	// Policy is the TLS floor every connection to S3 holds; the zero
	// value is tlsfloor.Default.
	Policy tlsfloor.Policy
	// PathStyle addresses the bucket in the path (https://host/bucket/key)
	// rather than the host name, as most S3-compatible servers need.
	PathStyle bool
	// PageSize is the number of keys asked for per ListObjectsV2 call;
	// zero means S3's default (1,000).
	PageSize int32
	// Config holds extra options for config.LoadDefaultConfig, applied
	// before the policy (a region, a custom CA bundle, credentials).
	Config []func(*config.LoadOptions) error
}

// ParseS3URI splits "s3://bucket/prefix" into bucket and prefix. The
// prefix may be empty.
func ParseS3URI(uri string) (bucket, prefix string, err error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return "", "", fmt.Errorf("awsfloor: %q is not an s3://bucket/prefix URI", uri)
	}
	return u.Host, strings.TrimPrefix(u.Path, "/"), nil
}

// NewS3Source returns a source for uri ("s3://bucket/prefix"), with an S3
// client from the SDK's default configuration chain (environment,
// shared files, SSO, instance and container roles; AWS_REGION,
// AWS_ENDPOINT_URL_S3 and AWS_CA_BUNDLE are honoured) holding
// opt.Policy. Without a configured Region, us-east-1 is used; a bucket
// elsewhere needs AWS_REGION.
func NewS3Source(ctx context.Context, uri string, opt S3SourceOptions) (*S3Source, error) {
	bucket, prefix, err := ParseS3URI(uri)
	if err != nil {
		return nil, err
	}
	cfg, err := LoadDefaultConfig(ctx, opt.Policy, opt.Config...)
	if err != nil {
		return nil, fmt.Errorf("awsfloor: load AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.UsePathStyle = opt.PathStyle
		// Objects written without a checksum are common (CloudTrail's
		// own); the SDK would log each one to standard error.
		o.DisableLogOutputChecksumValidationSkipped = true
	})
	return &S3Source{client: client, bucket: bucket, prefix: prefix, pageSize: opt.PageSize}, nil
}

// List returns the URI of every object under the prefix, in the order S3
// lists keys (UTF-8 binary order), one ListObjectsV2 page at a time.
func (s *S3Source) List(ctx context.Context) ([]string, error) {
	var names []string
	p := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{
		Bucket: aws.String(s.bucket),
		Prefix: aws.String(s.prefix),
	}, func(o *s3.ListObjectsV2PaginatorOptions) { o.Limit = s.pageSize })
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list s3://%s/%s: %w", s.bucket, s.prefix, err)
		}
		for _, o := range page.Contents {
			names = append(names, "s3://"+s.bucket+"/"+aws.ToString(o.Key))
		}
	}
	return names, nil
}

// Open starts reading one object named by List.
func (s *S3Source) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	key, ok := strings.CutPrefix(name, "s3://"+s.bucket+"/")
	if !ok {
		return nil, errors.New("awsfloor: " + name + " is not in s3://" + s.bucket)
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(key)})
	if err != nil {
		return nil, err
	}
	return out.Body, nil
}
