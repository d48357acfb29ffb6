package starttls

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
)

// SMTP limits. RFC 5321 section 4.5.3.1.5 caps a reply line at 512
// bytes, CRLF included; a reply longer than smtpMaxLines lines is taken as
// hostile.
const (
	smtpMaxLine  = 512
	smtpMaxLines = 50
)

// SMTPHello is the name given in EHLO: a reserved .invalid name (RFC
// 2606), as the client has no name of its own to give.
const SMTPHello = "tlsfloor.invalid"

// smtpReply is one SMTP reply (RFC 5321 section 4.2): a three-digit code
// and its lines, without line endings.
type smtpReply struct {
	code  int
	lines []string
}

// smtpStartTLS speaks the RFC 3207 opening: greeting, EHLO, STARTTLS.
func smtpStartTLS(conn net.Conn) error {
	r := bufio.NewReaderSize(conn, smtpMaxLine)
	if _, err := smtpExpect(r, "greeting", 220); err != nil {
		return err
	}
	if err := write(conn, "EHLO", []byte("EHLO "+SMTPHello+"\r\n")); err != nil {
		return err
	}
	ehlo, err := smtpExpect(r, "EHLO", 250)
	if err != nil {
		return err
	}
	if !ehlo.offers("STARTTLS") {
		return fmt.Errorf("server does not offer STARTTLS; its EHLO reply: %s", quote(strings.Join(ehlo.lines, " | ")))
	}
	if err := write(conn, "STARTTLS", []byte("STARTTLS\r\n")); err != nil {
		return err
	}
	if _, err := smtpExpect(r, "STARTTLS", 220); err != nil {
		return err
	}
	return checkDrained(r.Buffered(), "its STARTTLS reply")
}

// checkDrained fails when the server sent n bytes after its last reply:
// such bytes, sent in plain text before TLS starts, could be a reply
// injected by a man in the middle (STARTTLS response injection), and a
// TLS library would read them as the start of the ServerHello.
func checkDrained(n int, after string) error {
	if n > 0 {
		return fmt.Errorf("server sent %d unexpected bytes after %s, before TLS", n, after)
	}
	return nil
}

// smtpExpect reads a reply and fails unless its code is want; the error
// quotes the server's first line.
func smtpExpect(r *bufio.Reader, phase string, want int) (smtpReply, error) {
	rep, err := smtpRead(r)
	if err != nil {
		return smtpReply{}, fmt.Errorf("%s: %w", phase, err)
	}
	if rep.code != want {
		return smtpReply{}, fmt.Errorf("%s: want %d, server replied %s", phase, want, quote(rep.lines[0]))
	}
	return rep, nil
}

// smtpRead reads one reply of up to smtpMaxLines lines.
func smtpRead(r *bufio.Reader) (smtpReply, error) {
	var rep smtpReply
	for range smtpMaxLines {
		line, err := smtpLine(r)
		if err != nil {
			return smtpReply{}, err
		}
		code, more, err := parseReplyLine(line)
		if err != nil {
			return smtpReply{}, err
		}
		if rep.lines != nil && code != rep.code {
			return smtpReply{}, fmt.Errorf("reply line %s changes the code from %d", quote(line), rep.code)
		}
		rep.code, rep.lines = code, append(rep.lines, line)
		if !more {
			return rep, nil
		}
	}
	return smtpReply{}, fmt.Errorf("reply longer than %d lines (first: %s)", smtpMaxLines, quote(rep.lines[0]))
}

// smtpLine reads one line of at most smtpMaxLine bytes and returns it
// without CRLF (a bare LF is accepted).
func smtpLine(r *bufio.Reader) (string, error) {
	b, err := r.ReadSlice('\n')
	switch {
	case errors.Is(err, bufio.ErrBufferFull):
		return "", fmt.Errorf("reply line longer than %d bytes: %s", smtpMaxLine, quote(string(b)))
	case errors.Is(err, io.EOF) && len(b) > 0:
		return "", fmt.Errorf("connection closed inside reply line %s", quote(string(b)))
	case errors.Is(err, io.EOF):
		return "", errors.New("connection closed before a reply")
	case err != nil:
		return "", err
	}
	return string(bytes.TrimSuffix(b[:len(b)-1], []byte("\r"))), nil
}

// parseReplyLine splits "250-text", "250 text" or "250" into the code
// and whether more lines follow.
func parseReplyLine(line string) (code int, more bool, err error) {
	ok := len(line) >= 3 && line[0] >= '2' && line[0] <= '5' && digit(line[1]) && digit(line[2])
	if ok && len(line) > 3 {
		ok = line[3] == ' ' || line[3] == '-'
	}
	if !ok {
		return 0, false, fmt.Errorf("not an SMTP reply line: %s", quote(line))
	}
	code = int(line[0]-'0')*100 + int(line[1]-'0')*10 + int(line[2]-'0')
	return code, len(line) > 3 && line[3] == '-', nil
}

// digit reports whether c is an ASCII decimal digit.
func digit(c byte) bool { return c >= '0' && c <= '9' }

// offers reports whether an EHLO reply lists the extension keyword kw
// (case-insensitive) on one of the lines after the first.
func (rep smtpReply) offers(kw string) bool {
	for _, line := range rep.lines[1:] {
		if len(line) < 4 {
			continue
		}
		fields := strings.Fields(line[4:])
		if len(fields) > 0 && strings.EqualFold(fields[0], kw) {
			return true
		}
	}
	return false
}
