package awsfloor_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/pem"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/awsfloor"
	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
	"github.com/tlsfloor/tlsfloor/internal/trail/gen"
)

// s3Lab is an S3-compatible server (gofakes3, in memory) on 127.0.0.1
// over TLS with the test CA. AWS cannot be reached from tests, so this
// in-process server, spoken to by the real SDK over real HTTPS, stands in
// for S3. It records the object keys it was asked for.
type s3Lab struct {
	endpoint string
	caPEM    []byte
	mu       sync.Mutex
	gets     []string
	lists    int
}

func newS3Lab(t *testing.T) *s3Lab {
	t.Helper()
	ca := testpki.New(t)
	lab := &s3Lab{caPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Cert.Raw})}
	faker := gofakes3.New(s3mem.New())
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lab.mu.Lock()
		switch {
		case r.Method != http.MethodGet:
		case r.URL.Query().Get("list-type") == "2":
			lab.lists++
		default:
			lab.gets = append(lab.gets, r.URL.Path)
		}
		lab.mu.Unlock()
		faker.Server().ServeHTTP(w, r)
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, testpki.ECDSA)}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	lab.endpoint = srv.URL
	isolateFromLocalAWSConfig(t)
	t.Setenv("AWS_ENDPOINT_URL_S3", srv.URL)
	t.Setenv("AWS_REGION", "us-east-1")
	return lab
}

// options configures the SDK for the lab: static test credentials and the
// lab's CA, path-style addressing.
func (lab *s3Lab) options(pageSize int32) awsfloor.S3SourceOptions {
	return awsfloor.S3SourceOptions{
		PathStyle: true,
		PageSize:  pageSize,
		Config: []func(*config.LoadOptions) error{
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDTLSFLOOR", "secret", "")),
			config.WithCustomCABundle(bytes.NewReader(lab.caPEM)),
			config.WithRetryMaxAttempts(1),
		},
	}
}

// upload creates bucket and puts every file under dir at key
// prefix + its path relative to dir, through the SDK.
func (lab *s3Lab) upload(t *testing.T, bucket, dir, prefix string) {
	t.Helper()
	ctx := context.Background()
	cfg, err := awsfloor.LoadDefaultConfig(ctx, tlsfloor.Default, lab.options(0).Config...)
	if err != nil {
		t.Fatal(err)
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.UsePathStyle = true
		// gofakes3 stores an aws-chunked body (sent with a trailing
		// checksum by default) as it arrives; send plain bodies.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
	})
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("create bucket: %v", err)
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		_, err = client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(prefix + filepath.ToSlash(rel)), Body: bytes.NewReader(body)})
		return err
	})
	if err != nil {
		t.Fatalf("upload %s: %v", dir, err)
	}
}

// TestS3SourceMatchesDirectory uploads the CloudTrail fixtures (corrupt,
// truncated, digest and insight files included) and generated delivery
// files in the S3 key layout, and reads them back through S3 in pages of
// four keys: the report must be the directory scan's, with objects named
// by URI, and digest and insight objects must never be fetched.
func TestS3SourceMatchesDirectory(t *testing.T) {
	lab := newS3Lab(t)
	dir := t.TempDir()
	copyTree(t, "../internal/trail/cloudtrail/testdata/AWSLogs", filepath.Join(dir, "AWSLogs"))
	if _, err := gen.Generate(dir, gen.Config{Seed: 7, Files: 9, RecordsPerFile: 40, OrgID: "o-exampleorg1", DuplicatePercent: 5, NoTLSPercent: 10}); err != nil {
		t.Fatal(err)
	}
	lab.upload(t, "trail-bucket", dir, "")
	want, err := cloudtrail.Scan(context.Background(), []string{filepath.Join(dir, "AWSLogs")}, cloudtrail.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := awsfloor.NewS3Source(context.Background(), "s3://trail-bucket/AWSLogs/", lab.options(4))
	if err != nil {
		t.Fatal(err)
	}
	got, err := cloudtrail.ScanSource(context.Background(), src, cloudtrail.Options{Workers: 8})
	if err != nil {
		t.Fatal(err)
	}
	if got.Totals.Read == 0 || len(got.Callers) == 0 {
		t.Fatalf("nothing read through S3: %+v", got.Totals)
	}
	local := filepath.ToSlash(dir) + "/"
	rename := cmp.Transformer("name", func(fe *cloudtrail.FileError) string {
		return strings.Replace(fe.Error(), local, "s3://trail-bucket/", 1)
	})
	if diff := cmp.Diff(want, got, rename); diff != "" {
		t.Errorf("S3 report differs from the directory's (-dir +s3):\n%s", diff)
	}
	objects := got.Totals.Files + got.Totals.Skipped.Digest + got.Totals.Skipped.Insight + got.Totals.Skipped.NotCloudTrail
	if want := (objects + 3) / 4; lab.lists < want {
		t.Errorf("%d ListObjectsV2 calls for %d objects in pages of 4, want at least %d", lab.lists, objects, want)
	}
	for _, g := range lab.gets {
		if k := cloudtrail.Classify(g); k != cloudtrail.KindLog {
			t.Errorf("fetched %s, which is not a log file (kind %d)", g, k)
		}
	}
}

// TestS3SourceMissingBucket checks that a listing failure names the URI.
func TestS3SourceMissingBucket(t *testing.T) {
	lab := newS3Lab(t)
	src, err := awsfloor.NewS3Source(context.Background(), "s3://no-such-bucket/AWSLogs/", lab.options(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = src.List(context.Background())
	if err == nil || !strings.Contains(err.Error(), "s3://no-such-bucket/AWSLogs/") {
		t.Errorf("List error = %v, want one naming s3://no-such-bucket/AWSLogs/", err)
	}
}

func TestParseS3URI(t *testing.T) {
	for _, tc := range []struct{ in, bucket, prefix string }{
		{"s3://b/AWSLogs/", "b", "AWSLogs/"},
		{"s3://b", "b", ""},
		{"s3://b/a/b/c.json.gz", "b", "a/b/c.json.gz"},
	} {
		b, p, err := awsfloor.ParseS3URI(tc.in)
		if err != nil || b != tc.bucket || p != tc.prefix {
			t.Errorf("ParseS3URI(%q) = %q, %q, %v; want %q, %q", tc.in, b, p, err, tc.bucket, tc.prefix)
		}
	}
	for _, bad := range []string{"b/AWSLogs", "https://b/x", "s3:///x", "s3://"} {
		if _, _, err := awsfloor.ParseS3URI(bad); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("ParseS3URI(%q) error = %v, want one naming it", bad, err)
		}
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}
