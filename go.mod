module github.com/tlsfloor/tlsfloor

go 1.26

// The AWS SDK for Go v2, imported by awsfloor alone; service/s3 lists
// and reads CloudTrail logs for trail s3://bucket/prefix (awsfloor.S3Source).
require (
	github.com/aws/aws-sdk-go-v2 v1.48.0
	github.com/aws/aws-sdk-go-v2/config v1.33.18
	github.com/aws/aws-sdk-go-v2/service/s3 v1.114.10
)

// The Windows registry API, imported by internal/doctor/winreg on Windows
// alone.
require golang.org/x/sys v0.26.0

// YAML and JSON parsing with line numbers for the CloudFormation and
// Kubernetes rules (internal/scan/rules/iac_yaml.go).
require gopkg.in/yaml.v3 v3.0.1

// Gzip decompression of CloudTrail files (internal/trail/cloudtrail): about
// 1.5x the inflate rate of compress/gzip on CloudTrail JSON (measured by
// BenchmarkGunzip in that package, see bench/README.md "Trail").
require github.com/klauspost/compress v1.20.4

// Used by tests only.
require (
	github.com/aws/aws-sdk-go-v2/credentials v1.21.0
	github.com/aws/aws-sdk-go-v2/service/sts v1.52.0
	github.com/google/go-cmp v0.7.0
	// An in-process S3-compatible server on 127.0.0.1 for the trail s3://
	// tests (awsfloor, internal/cli): AWS itself is never contacted.
	github.com/johannesboyne/gofakes3 v1.2.0
	github.com/rogpeppe/go-internal v1.16.0
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
)

require (
	github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream v1.7.27 // indirect
	github.com/aws/aws-sdk-go-v2/feature/ec2/imds v1.20.9 // indirect
	github.com/aws/aws-sdk-go-v2/internal/configsources v1.5.12 // indirect
	github.com/aws/aws-sdk-go-v2/internal/endpoints/v2 v2.8.12 // indirect
	github.com/aws/aws-sdk-go-v2/internal/v4a v1.5.12 // indirect
	github.com/aws/aws-sdk-go-v2/service/internal/accept-encoding v1.13.25 // indirect
	github.com/aws/aws-sdk-go-v2/service/internal/checksum v1.11.13 // indirect
	github.com/aws/aws-sdk-go-v2/service/internal/presigned-url v1.14.12 // indirect
	github.com/aws/aws-sdk-go-v2/service/internal/s3shared v1.20.12 // indirect
	github.com/aws/aws-sdk-go-v2/service/signin v1.13.1 // indirect
	github.com/aws/aws-sdk-go-v2/service/sso v1.39.5 // indirect
	github.com/aws/aws-sdk-go-v2/service/ssooidc v1.44.5 // indirect
	github.com/aws/smithy-go v1.28.9 // indirect
	github.com/ryszard/goskiplist v0.0.0-20150312221310-2dfbae5fcf46 // indirect
	go.shabbyrobe.org/gocovmerge v0.0.0-20230507111327-fa4f82cfbf4d // indirect
	golang.org/x/text v0.14.0 // indirect
	golang.org/x/tools v0.26.0 // indirect
)
