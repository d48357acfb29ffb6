package jsonout

import (
	"fmt"
	"strings"
)

// Schema name parts: "tlsfloor." + command + "/v1".
const (
	schemaPrefix  = "tlsfloor."
	schemaVersion = "v1"
	schemaPattern = "tlsfloor.<command>/v1"
)

// schemaFor returns the schema name of a document for command.
func schemaFor(command string) string {
	return schemaPrefix + command + "/" + schemaVersion
}

// parseSchema returns the command a schema name is for, or an error naming
// the schema found and the one expected.
func parseSchema(name string) (string, error) {
	rest, ok := strings.CutPrefix(name, schemaPrefix)
	command, version, found := strings.Cut(rest, "/")
	if !ok || !found || !validCommand(command) {
		return "", fmt.Errorf("unknown schema %q (want %q)", name, schemaPattern)
	}
	if version != schemaVersion {
		return "", fmt.Errorf("unsupported schema version %q (want %q)", name, schemaFor(command))
	}
	return command, nil
}

// validCommand reports whether command can appear in a schema name: a
// lower-case letter, then lower-case letters, digits and dashes.
func validCommand(command string) bool {
	if command == "" || command[0] < 'a' || command[0] > 'z' {
		return false
	}
	for _, c := range []byte(command) {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}
