package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// rawFile is the file's shape, for yaml.v3's strict decoding: it rejects
// unknown keys and values of the wrong kind. The values themselves are read
// from the node tree, which keeps their lines.
type rawFile struct {
	Listen       string     `yaml:"listen"`
	Metrics      string     `yaml:"metrics"`
	Mode         string     `yaml:"mode"`
	Floor        string     `yaml:"floor"`
	Allow        []string   `yaml:"allow"`
	Resolve      []string   `yaml:"resolve"`
	UsersFile    string     `yaml:"users_file"`
	TLS          rawTLS     `yaml:"tls"`
	Upgrade      rawUpgrade `yaml:"upgrade"`
	Limits       rawLimits  `yaml:"limits"`
	DrainTimeout string     `yaml:"drain_timeout"`
}

type rawUpgrade struct {
	Enabled bool     `yaml:"enabled"`
	Clients []string `yaml:"clients"`
	CAFile  string   `yaml:"ca_file"`
}

type rawTLS struct {
	CertFile     string `yaml:"cert_file"`
	KeyFile      string `yaml:"key_file"`
	ClientCAFile string `yaml:"client_ca_file"`
}

type rawLimits struct {
	MaxConns      int    `yaml:"max_conns"`
	HeaderTimeout string `yaml:"header_timeout"`
	HelloTimeout  string `yaml:"hello_timeout"`
	IdleTimeout   string `yaml:"idle_timeout"`
	DialTimeout   string `yaml:"dial_timeout"`
}

// Parse reads a configuration file's contents; name is its path, used in
// errors and to find a relative users_file. Like Load, it rejects the file
// whole on the first error.
func Parse(name string, data []byte) (*File, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, nil, err)
	}
	if err := strictDecode(name, &doc, data); err != nil {
		return nil, err
	}
	f := Defaults()
	f.Path, f.lines = name, map[string]int{}
	if len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		return f, nil // an empty file: every default
	}
	p := &parser{file: f, dir: filepath.Dir(name)}
	if err := p.mapping("", doc.Content[0]); err != nil {
		return nil, err
	}
	if err := f.TLS.check(); err != nil {
		return nil, &Error{File: name, Line: f.lines["tls"], Key: "tls", Err: err}
	}
	return f, nil
}

// strictDecode decodes data into rawFile with unknown keys refused, and
// checks that it holds one document only.
func strictDecode(name string, doc *yaml.Node, data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var raw rawFile
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return yamlError(name, doc, err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return &Error{File: name, Line: next.Line, Err: errors.New("more than one YAML document")}
	}
	return nil
}

// yamlLine matches the "line N: " yaml.v3 puts before its messages.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError turns a yaml.v3 error into an *Error for its first problem,
// naming the key whose value is on its line when doc has one.
func yamlError(name string, doc *yaml.Node, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	e := &Error{File: name}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if !yamlUnknownField.MatchString(msg) { // that message names the key
			e.Key = keyAt(doc, e.Line)
		}
	}
	e.Err = errors.New(plainYAMLMessage(strings.TrimPrefix(msg, "yaml: ")))
	return e
}

// yamlUnknownField and yamlWrongKind match yaml.v3's messages for an
// unknown key and for a value of the wrong kind.
var (
	yamlUnknownField = regexp.MustCompile(`^field (\S+) not found in type config\.raw(\w+)$`)
	yamlWrongKind    = regexp.MustCompile(`^cannot unmarshal (!!\w+)(?: (.*))? into (\S+)$`)
)

// plainYAMLMessage rewrites yaml.v3's messages, which name Go types, in
// the file's terms.
func plainYAMLMessage(msg string) string {
	if m := yamlUnknownField.FindStringSubmatch(msg); m != nil {
		section := map[string]string{"File": "", "TLS": "tls ", "Upgrade": "upgrade ", "Limits": "limits "}[m[2]]
		return fmt.Sprintf("unknown %skey %q (known: %s)", section, m[1], strings.Join(knownKeys[m[2]], ", "))
	}
	if m := yamlWrongKind.FindStringSubmatch(msg); m != nil {
		got := strings.TrimPrefix(m[1], "!!")
		if m[2] != "" {
			got += " " + m[2]
		}
		return fmt.Sprintf("want %s, got %s", kindOf(m[3]), got)
	}
	return msg
}

// kindOf names the YAML kind a Go type of rawFile is decoded from.
func kindOf(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "config.raw"):
		return "a mapping of settings"
	case goType == "bool":
		return "true or false"
	case goType == "int":
		return "an integer"
	}
	return "a single value"
}

// knownKeys lists each section's keys, for the unknown-key message.
var knownKeys = map[string][]string{
	"File":    {"listen", "metrics", "mode", "floor", "allow", "resolve", "users_file", "tls", "upgrade", "limits", "drain_timeout"},
	"TLS":     {"cert_file", "key_file", "client_ca_file"},
	"Upgrade": {"enabled", "clients", "ca_file"},
	"Limits":  {"max_conns", "header_timeout", "hello_timeout", "idle_timeout", "dial_timeout"},
}

// keyAt returns the path of the key whose value starts on line, or "".
func keyAt(n *yaml.Node, line int) string {
	if n == nil {
		return ""
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Line == line && v.Kind != yaml.MappingNode {
			return k.Value
		}
		if sub := keyAt(v, line); sub != "" {
			return k.Value + "." + sub
		}
	}
	return ""
}
