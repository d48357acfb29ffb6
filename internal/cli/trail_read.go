package cli

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/awsfloor"
	"github.com/tlsfloor/tlsfloor/internal/trail/cloudtrail"
	"github.com/tlsfloor/tlsfloor/internal/trail/query"
)

// s3Workers is how many S3 objects are fetched at once by default: with
// CloudTrail's many small objects, request latency, not CPU, sets the pace.
const s3Workers = 32

// read reads the arguments, log files or query results, into a report,
// and says which they were.
func (tf *trailFlags) read(ctx context.Context, env *Env, args []string, opt cloudtrail.Options) (*cloudtrail.Report, string, error) {
	stdin := bufio.NewReader(env.Stdin)
	input, err := tf.inputKind(args, stdin)
	if err != nil {
		return nil, "", err
	}
	if input != query.InputCloudTrail {
		rep, input, err := readExports(args, input, opt.Floor, stdin)
		return rep, input, err
	}
	rep, err := tf.readLogs(ctx, env, args, opt, stdin)
	return rep, input, err
}

// inputKind is --input, or what the arguments hold: log files unless every
// argument is a query result.
func (tf *trailFlags) inputKind(args []string, stdin *bufio.Reader) (string, error) {
	switch tf.input {
	case query.InputCloudTrail, query.InputAthena, query.InputLake:
		return tf.input, nil
	case "":
	default:
		return "", Usagef("unknown --input %q (want cloudtrail, athena or lake)", tf.input)
	}
	kinds := map[string][]string{}
	for _, a := range args {
		k := sniffArg(a, stdin)
		kinds[k] = append(kinds[k], a)
	}
	if len(kinds) > 1 {
		return "", WithHint(Usagef("trail cannot mix CloudTrail log files (%s) with query results (%s)",
			strings.Join(kinds[query.InputCloudTrail], ", "), strings.Join(slices.Concat(kinds[query.InputAthena], kinds[query.InputLake]), ", ")),
			"run trail once for each")
	}
	for k := range kinds {
		return k, nil
	}
	return query.InputCloudTrail, nil
}

// sniffArg tells what one argument is. Directories and s3:// URIs hold
// log files; a file or standard input is looked at.
func sniffArg(arg string, stdin *bufio.Reader) string {
	if strings.HasPrefix(arg, "s3://") || cloudtrail.Classify(arg) != cloudtrail.KindOther && strings.Contains(filepath.Base(arg), "_CloudTrail") {
		return query.InputCloudTrail // named as CloudTrail names its files
	}
	var head []byte
	if arg == "-" {
		head, _ = stdin.Peek(4096)
	} else {
		fi, err := os.Stat(arg)
		if err != nil || fi.IsDir() {
			return query.InputCloudTrail // errors are reported by the reader
		}
		head = fileHead(arg)
	}
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		head = gunzipHead(head)
	}
	if k := query.Sniff(head); k != "" {
		if k == query.InputAthena {
			return query.InputAthena // CSV; read the same whether from Athena or Lake
		}
		return k
	}
	return query.InputCloudTrail
}

func fileHead(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return head[:n]
}

// gunzipHead decompresses what it can of a gzip prefix.
func gunzipHead(head []byte) []byte {
	zr, err := gzip.NewReader(strings.NewReader(string(head)))
	if err != nil {
		return nil
	}
	out := make([]byte, 4096)
	n, _ := io.ReadFull(zr, out)
	return out[:n]
}

// readExports reads query results into a report.
func readExports(args []string, input string, floor uint16, stdin io.Reader) (*cloudtrail.Report, string, error) {
	b := query.NewBuilder(floor, 0)
	for _, a := range args {
		if err := addExport(b, a, input, stdin); err != nil {
			return nil, "", err
		}
	}
	rep, err := b.Report()
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", strings.Join(args, ", "), err)
	}
	return rep, b.Input(), nil
}

func addExport(b *query.Builder, arg, input string, stdin io.Reader) error {
	if arg == "-" {
		return b.Add(stdin, "stdin", input)
	}
	f, err := os.Open(arg)
	if err != nil {
		return err
	}
	defer f.Close()
	return b.Add(f, arg, input)
}

// readLogs reads CloudTrail log files from the paths, one s3:// URI, or
// standard input.
func (tf *trailFlags) readLogs(ctx context.Context, env *Env, args []string, opt cloudtrail.Options, stdin io.Reader) (*cloudtrail.Report, error) {
	if len(args) == 1 && args[0] == "-" {
		return cloudtrail.ScanReader(stdin, "stdin", opt)
	}
	line := newProgress(env.Stderr, "trail:", 0)
	defer line.finish()
	opt.Progress, opt.ProgressEvery = line.files, 200*time.Millisecond
	var uris []string
	for _, a := range args {
		if strings.HasPrefix(a, "s3://") || a == "-" {
			uris = append(uris, a)
		}
	}
	switch {
	case len(uris) == 0:
		return cloudtrail.Scan(ctx, args, opt)
	case len(args) > 1:
		return nil, WithHint(Usagef("trail reads one s3:// URI, or local paths, or standard input, at a time: got %s", strings.Join(args, " ")),
			"run trail once for each")
	}
	src, err := awsfloor.NewS3Source(ctx, args[0], awsfloor.S3SourceOptions{Policy: tlsfloor.Default, PathStyle: tf.pathStyle})
	if err != nil {
		return nil, err
	}
	if opt.Workers <= 0 {
		opt.Workers = s3Workers
	}
	return cloudtrail.ScanSource(ctx, src, opt)
}
