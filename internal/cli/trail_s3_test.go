package cli

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"encoding/pem"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/tlsfloor/tlsfloor/internal/testpki"
	"github.com/tlsfloor/tlsfloor/internal/trail/gen"
)

// s3Bucket starts an S3-compatible server (gofakes3, in memory) on
// 127.0.0.1 over TLS, holding every file under dir in bucket at its path
// relative to dir, and points the AWS SDK's default chain at it through
// the environment: endpoint, CA bundle, static test credentials, Region.
// AWS itself cannot be reached from tests; the SDK that trail uses talks
// real HTTPS and SigV4 to this server.
func s3Bucket(t *testing.T, bucket, dir string) {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		_, err = backend.PutObject(bucket, filepath.ToSlash(rel), map[string]string{}, bytes.NewReader(body), int64(len(body)), nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ca := testpki.New(t)
	srv := httptest.NewUnstartedServer(gofakes3.New(backend).Server())
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, testpki.ECDSA)}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Cert.Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_S3": srv.URL, "AWS_CA_BUNDLE": caFile, "AWS_REGION": "us-east-1",
		"AWS_ACCESS_KEY_ID": "AKIDTLSFLOOR", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "",
		"AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none"),
		"AWS_PROFILE": "", "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": "",
	} {
		t.Setenv(k, v)
	}
}

// trailJSON runs trail --format json and returns the document.
func trailJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := Main(context.Background(), append([]string{"trail", "--format", "json"}, args...), strings.NewReader(""), &stdout, &stderr)
	if err != nil {
		t.Fatalf("trail %v: %v\n%s", args, err, stderr.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc["run"].(map[string]any), "started")
	return doc
}

// TestTrailS3 uploads the CloudTrail fixtures and generated delivery files
// in the S3 key layout and runs trail on s3://bucket/AWSLogs/: the report
// must be the one trail gives for the same directory, objects named by
// URI instead of path.
func TestTrailS3(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../trail/cloudtrail/testdata/AWSLogs", filepath.Join(dir, "AWSLogs"))
	if _, err := gen.Generate(dir, gen.Config{Seed: 3, Files: 20, RecordsPerFile: 30, OrgID: "o-exampleorg1", DuplicatePercent: 5, NoTLSPercent: 10}); err != nil {
		t.Fatal(err)
	}
	s3Bucket(t, "org-trail", dir)
	local := trailJSON(t, filepath.Join(dir, "AWSLogs"))
	remote := trailJSON(t, "--s3-path-style", "s3://org-trail/AWSLogs/")
	unreadable := remote["summary"].(map[string]any)["details"].(map[string]any)["unreadable"].([]any)
	if len(unreadable) == 0 {
		t.Fatal("no unreadable object reported from S3: the fixtures' corrupt files were not read")
	}
	for _, u := range unreadable {
		file := u.(map[string]any)["file"].(string)
		if !strings.HasPrefix(file, "s3://org-trail/AWSLogs/") {
			t.Errorf("unreadable %q not named by its URI", file)
		}
		u.(map[string]any)["file"] = strings.Replace(file, "s3://org-trail/", filepath.ToSlash(dir)+"/", 1)
	}
	if diff := cmp.Diff(local, remote); diff != "" {
		t.Errorf("trail on S3 differs from trail on the directory (-dir +s3):\n%s", diff)
	}
}

// TestTrailS3Errors checks that a bad URI or a missing bucket is an
// error naming it.
func TestTrailS3Errors(t *testing.T) {
	s3Bucket(t, "org-trail", t.TempDir())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--s3-path-style", "s3://no-such-bucket/AWSLogs/"}, "list s3://no-such-bucket/AWSLogs/"},
		{[]string{"s3://"}, `"s3://" is not an s3://bucket/prefix URI`},
		{[]string{"s3://org-trail/a", "s3://org-trail/b"}, "trail reads one s3:// URI"},
	} {
		var stdout, stderr bytes.Buffer
		err := Main(context.Background(), append([]string{"trail"}, tc.args...), strings.NewReader(""), &stdout, &stderr)
		if err == nil || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("trail %v: error %v, stderr %q; want %q", tc.args, err, stderr.String(), tc.want)
		}
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}
