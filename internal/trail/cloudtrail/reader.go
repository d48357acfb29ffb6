package cloudtrail

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/gzip"
)

// Reader decodes delivery files. It keeps its buffers between files, so a
// worker should reuse one Reader; a Reader is not safe for concurrent use.
// Its memory is bounded by the largest record it accepts
// (DefaultMaxRecordBytes), not by the size of a file.
type Reader struct {
	br    *bufio.Reader
	gz    *gzip.Reader
	plain plainReader
	dec   *decoder
}

// NewReader returns a Reader that accepts records up to
// DefaultMaxRecordBytes.
func NewReader() *Reader { return newReader(0) }

func newReader(maxRecord int) *Reader {
	return &Reader{br: bufio.NewReaderSize(nil, 64<<10), dec: newDecoder(maxRecord)}
}

// ReadRecords decodes one delivery file from r, plain or gzip compressed
// (detected by its magic bytes), and calls fn for every record in order.
// name is used in errors. Records decoded before an error have been passed
// to fn. A *FileError wraps every error, and ErrNotCloudTrail marks a JSON
// document without "Records".
func ReadRecords(r io.Reader, name string, fn func(*Record)) (FileStats, error) {
	return NewReader().Read(r, name, fn)
}

// Read is ReadRecords with the Reader's buffers. Each call of fn gets a
// new *Record.
func (rd *Reader) Read(r io.Reader, name string, fn func(*Record)) (FileStats, error) {
	return rd.read(r, name, func(x *raw) {
		rec := new(Record)
		x.record(rec)
		fn(rec)
	})
}

// read decodes one file and passes each record's fields to fn; they are
// valid only during the call.
func (rd *Reader) read(r io.Reader, name string, fn func(*raw)) (FileStats, error) {
	src, err := rd.open(r)
	if err != nil {
		return FileStats{}, &FileError{File: name, Record: -1, Err: err}
	}
	st, idx, err := rd.dec.file(src, fn)
	rd.plain = plainReader{} // keep no reference to r
	if err != nil {
		return st, &FileError{File: name, Record: idx, Offset: rd.dec.s.offset(), Err: err}
	}
	return st, nil
}

// open returns the uncompressed stream of r.
func (rd *Reader) open(r io.Reader) (io.Reader, error) {
	rd.br.Reset(r)
	magic, err := rd.br.Peek(2)
	if err != nil {
		return rd.br, nil // empty or unreadable input fails in the decoder
	}
	if magic[0] != 0x1f || magic[1] != 0x8b {
		rd.plain = plainReader{rd.br, r}
		return &rd.plain, nil
	}
	if rd.gz == nil {
		rd.gz, err = gzip.NewReader(rd.br)
	} else {
		err = rd.gz.Reset(rd.br)
	}
	if err != nil {
		return nil, gzipError(err)
	}
	return gzipErrors{rd.gz}, nil
}

// plainReader reads plain JSON: what the check for gzip's magic bytes
// buffered, then straight from the source, so that the bytes are not
// copied through the buffer on their way to the decoder's.
type plainReader struct {
	br *bufio.Reader
	r  io.Reader
}

func (p *plainReader) Read(b []byte) (int, error) {
	if p.br.Buffered() > 0 {
		return p.br.Read(b)
	}
	return p.r.Read(b)
}

// gzipErrors prefixes decompression errors with "gzip".
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = gzipError(err)
	}
	return n, err
}

// gzipError names gzip as the source of err once.
func gzipError(err error) error {
	if strings.HasPrefix(err.Error(), "gzip: ") {
		return err
	}
	return fmt.Errorf("gzip: %w", err)
}

// record copies x into rec with one allocation for all its strings.
func (x *raw) record(rec *Record) {
	n := 0
	for _, f := range x.f {
		n += len(f)
	}
	var b strings.Builder
	b.Grow(n)
	for _, f := range x.f {
		b.Write(f)
	}
	all := b.String()
	var str [nFields]string
	for i, f := range x.f {
		str[i], all = all[:len(f)], all[len(f):]
	}
	*rec = Record{
		EventID: str[fEventID], EventTime: str[fEventTime], EventSource: str[fEventSource],
		EventName: str[fEventName], AWSRegion: str[fRegion], SourceIPAddress: str[fSourceIP],
		UserAgent: str[fUserAgent], RecipientAccountID: str[fRecipient], VPCEndpointID: str[fVPCEndpoint],
		EventType: str[fEventType], SessionCredentialFromConsole: str[fConsole],
		UserIdentity: UserIdentity{
			Type: str[fIDType], ARN: str[fIDARN], AccountID: str[fIDAccount],
			AccessKeyID: str[fIDAccessKey], PrincipalID: str[fIDPrincipal], InvokedBy: str[fIDInvokedBy],
		},
	}
	if x.tls {
		rec.TLSDetails = &TLSDetails{TLSVersion: str[fTLSVersion], CipherSuite: str[fTLSSuite], ClientProvidedHostHeader: str[fTLSHost]}
	}
}

// fromRecord sets x to the fields of rec, copied into buf, and returns
// buf for reuse.
func (x *raw) fromRecord(rec *Record, buf []byte) []byte {
	str := [nFields]string{
		fEventID: rec.EventID, fEventTime: rec.EventTime, fEventSource: rec.EventSource,
		fEventName: rec.EventName, fRegion: rec.AWSRegion, fSourceIP: rec.SourceIPAddress,
		fUserAgent: rec.UserAgent, fRecipient: rec.RecipientAccountID, fVPCEndpoint: rec.VPCEndpointID,
		fEventType: rec.EventType, fConsole: rec.SessionCredentialFromConsole,
		fIDType: rec.UserIdentity.Type, fIDARN: rec.UserIdentity.ARN, fIDAccount: rec.UserIdentity.AccountID,
		fIDAccessKey: rec.UserIdentity.AccessKeyID, fIDPrincipal: rec.UserIdentity.PrincipalID,
		fIDInvokedBy: rec.UserIdentity.InvokedBy,
	}
	if t := rec.TLSDetails; t != nil {
		str[fTLSVersion], str[fTLSSuite], str[fTLSHost] = t.TLSVersion, t.CipherSuite, t.ClientProvidedHostHeader
	}
	buf = buf[:0]
	var ends [nFields]int
	for i, s := range str {
		buf = append(buf, s...)
		ends[i] = len(buf)
	}
	start := 0
	for i, end := range ends {
		x.f[i] = buf[start:end:end]
		start = end
	}
	x.tls = rec.TLSDetails != nil
	return buf
}
