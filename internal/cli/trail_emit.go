package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/trail/query"
)

// emitSQL prints the Athena or CloudTrail Lake SQL; the argument, if any,
// is the trail's S3 location (athena) or the event data store ID (lake).
func (tf *trailFlags) emitSQL(env *Env, args []string) error {
	if len(args) > 1 {
		return Usagef("--emit takes at most one argument: the S3 location (athena) or the event data store ID (lake)")
	}
	p, err := tf.queryParams()
	if err != nil {
		return err
	}
	arg := ""
	if len(args) == 1 {
		arg = args[0]
	}
	var sql string
	switch tf.emit {
	case "athena":
		if arg != "" && !strings.HasPrefix(arg, "s3://") {
			return Usagef("--emit athena: %q is not an s3:// location (s3://bucket/AWSLogs/ACCOUNT/CloudTrail/REGION)", arg)
		}
		p.Location = arg
		sql = query.AthenaTable(p) + "\n" + query.AthenaQuery(p) + ";\n"
	case "lake":
		p.EventDataStore = arg
		sql = query.LakeQuery(p) + ";\n"
	default:
		return Usagef("unknown --emit %q (want athena or lake)", tf.emit)
	}
	out, err := openOutput(env.Stdout, tf.report.Output)
	if err != nil {
		return err
	}
	defer out.abort()
	if _, err := io.WriteString(out, sql); err != nil {
		return fmt.Errorf("write SQL: %w", err)
	}
	return out.commit()
}

// queryParams are the floor and days from the flags: --until defaults to
// today (UTC), --since to 30 days before it.
func (tf *trailFlags) queryParams() (query.Params, error) {
	until := tf.until.t
	if until.IsZero() {
		until = time.Now().UTC().Truncate(24 * time.Hour)
	}
	since := tf.since.t
	if since.IsZero() {
		since = until.AddDate(0, 0, -30)
	}
	if since.After(until) {
		return query.Params{}, Usagef("--since %s is after --until %s", since.Format(time.DateOnly), until.Format(time.DateOnly))
	}
	return query.Params{Floor: tf.report.Floor.Policy().Floor(), Since: since, Until: until, Table: tf.table}, nil
}
