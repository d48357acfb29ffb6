package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// ReadUsers reads a users file: one "name:password" a line, split at the
// first colon, so a password may hold colons but a name may not. Blank
// lines and lines starting with "#" are skipped; surrounding spaces of the
// line are trimmed, not those inside it. Passwords are plain text, as
// Proxy-Authorization: Basic carries them: keep the file readable by the
// proxy's user alone ([File.Warnings] says when it is not). A name given
// twice, an empty name or password, and a file without users are errors.
func ReadUsers(path string) (map[string]string, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, fmt.Errorf("users file: %w", err)
	}
	return ParseUsers(path, data)
}

// ParseUsers reads a users file's contents; name is its path, for errors.
func ParseUsers(name string, data []byte) (map[string]string, error) {
	users := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, maxFileSize+1)
	for line := 1; sc.Scan(); line++ {
		if err := addUser(users, sc.Text()); err != nil {
			return nil, &Error{File: name, Line: line, Err: err}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &Error{File: name, Err: err}
	}
	if len(users) == 0 {
		return nil, &Error{File: name, Err: errors.New("no users (want name:password lines)")}
	}
	return users, nil
}

// addUser adds the user on one line, if it holds one.
func addUser(users map[string]string, text string) error {
	text = strings.TrimSpace(text)
	if text == "" || strings.HasPrefix(text, "#") {
		return nil
	}
	name, password, ok := strings.Cut(text, ":")
	switch {
	case !ok:
		return errors.New("want name:password")
	case name == "":
		return errors.New("empty user name")
	case password == "":
		return fmt.Errorf("empty password for %q", name)
	case users[name] != "":
		return fmt.Errorf("user %q given twice", name)
	}
	users[name] = password
	return nil
}
