package snapshot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// Schema is the schema member of the snapshots this package writes and
// reads.
const Schema = "tlsfloor.snapshot/v1"

// schemaPrefix starts the schema of every snapshot version.
const schemaPrefix = "tlsfloor.snapshot/"

// Snapshot is one machine's facts at one time.
type Snapshot struct {
	// Collected is when the facts were collected.
	Collected time.Time
	// Host is the machine's name as the collector saw it; may be empty.
	Host string
	// Facts are the facts collected.
	Facts platform.Facts
}

// wire is a snapshot as JSON. Pointers tell a missing member from an
// empty one.
type wire struct {
	Schema    *string         `json:"schema"`
	Collected *string         `json:"collected"`
	Host      *string         `json:"host"`
	Facts     *platform.Facts `json:"facts"`
}

// Write writes s as a snapshot document, indented, ending in a newline.
// The collection time must be set and its year between 0 and 9999, as
// RFC 3339 requires.
func Write(w io.Writer, s Snapshot) error {
	if s.Collected.IsZero() {
		return errors.New("snapshot: no collection time")
	}
	if y := s.Collected.Year(); y < 0 || y > 9999 {
		return fmt.Errorf("snapshot: collection year %d is outside RFC 3339", y)
	}
	schema, collected := Schema, s.Collected.Format(time.RFC3339Nano)
	b, err := json.MarshalIndent(wire{Schema: &schema, Collected: &collected, Host: &s.Host, Facts: &s.Facts}, "", "  ")
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
