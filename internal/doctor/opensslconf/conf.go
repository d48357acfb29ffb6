// Package opensslconf reads the parts of an OpenSSL configuration file that
// set a system-wide TLS floor: the chain openssl_conf → ssl_conf →
// system_default, and its MinProtocol, MaxProtocol and CipherString
// (OpenSSL 3.0 config(5) and SSL_CONF_cmd(3) manual pages).
//
// The file is outside data: every line is parsed defensively and errors
// name the file and line. .include directives are followed, to a bounded
// depth, since RHEL-family systems include the crypto-policies back-end
// there.
package opensslconf

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// maxIncludeDepth bounds nested .include directives.
const maxIncludeDepth = 8

// maxLineLen bounds one logical line.
const maxLineLen = 1 << 16

// Config is a parsed configuration: sections of name = value pairs. The
// unnamed default section is "".
type Config struct {
	Sections map[string]map[string]string
	// Files lists every file read, the main one first.
	Files []string
}

// SystemDefault is what the configuration sets for every TLS connection
// made through libssl's default context.
type SystemDefault struct {
	// Section is the system_default section's name, "" when the chain
	// openssl_conf → ssl_conf → system_default is not configured.
	Section      string
	MinProtocol  string
	MaxProtocol  string
	CipherString string
}

// ParseFile reads the configuration at path and the files it includes.
func ParseFile(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opensslconf: %w", err)
	}
	defer f.Close()
	c := &Config{Sections: map[string]map[string]string{}}
	if err := c.parse(path, f, 0); err != nil {
		return nil, err
	}
	return c, nil
}

// Parse reads one configuration from r; name is used in errors. Includes
// are resolved against the file system.
func Parse(name string, r io.Reader) (*Config, error) {
	c := &Config{Sections: map[string]map[string]string{}}
	if err := c.parse(name, r, 0); err != nil {
		return nil, err
	}
	return c, nil
}

// parser holds the state of one file's parse.
type parser struct {
	c       *Config
	name    string
	section string
	depth   int
}

func (c *Config) parse(name string, r io.Reader, depth int) error {
	return c.parseIn(name, r, depth, "")
}

// line handles one line, comments already removed.
func (p *parser) line(s string) error {
	switch {
	case s == "":
		return nil
	case strings.HasPrefix(s, "["):
		return p.header(s)
	case strings.HasPrefix(s, ".include"):
		arg := strings.TrimSpace(strings.TrimPrefix(s, ".include"))
		return p.include(strings.TrimSpace(strings.TrimPrefix(arg, "=")))
	case strings.HasPrefix(s, ".pragma"):
		return nil
	}
	key, value, ok := strings.Cut(s, "=")
	if !ok {
		return fmt.Errorf("line %q is neither a section, a directive nor name = value", s)
	}
	p.set(strings.TrimSpace(key), unquote(strings.TrimSpace(value)))
	return nil
}

func (p *parser) header(s string) error {
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return fmt.Errorf("section header %q has no closing bracket", s)
	}
	p.section = strings.TrimSpace(s[1:end])
	return nil
}

func (p *parser) set(key, value string) {
	sec := p.c.Sections[p.section]
	if sec == nil {
		sec = map[string]string{}
		p.c.Sections[p.section] = sec
	}
	sec[key] = value
}

// include reads a file, or every *.cnf/*.conf file in a directory, in
// name order. A relative path is taken from the including file's directory.
func (p *parser) include(path string) error {
	if p.depth >= maxIncludeDepth {
		return fmt.Errorf(".include nested deeper than %d", maxIncludeDepth)
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(p.name), path)
	}
	files, err := includeFiles(path)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := p.includeFile(f); err != nil {
			return err
		}
	}
	return nil
}

func includeFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf(".include: %w", err)
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf(".include: %w", err)
	}
	var files []string
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); !e.IsDir() && (ext == ".cnf" || ext == ".conf") {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	sort.Strings(files)
	return files, nil
}

func (p *parser) includeFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf(".include: %w", err)
	}
	defer f.Close()
	// An included file continues in the includer's current section until
	// it opens its own: RHEL's openssl.cnf relies on it, its
	// [crypto_policy] section being only an .include of the
	// crypto-policies back-end, which has no section header.
	return p.c.parseIn(path, f, p.depth+1, p.section)
}

func (c *Config) parseIn(name string, r io.Reader, depth int, section string) error {
	c.Files = append(c.Files, name)
	p := &parser{c: c, name: name, depth: depth, section: section}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxLineLen)
	for n := 1; sc.Scan(); n++ {
		if err := p.line(strings.TrimSpace(stripComment(sc.Text()))); err != nil {
			return fmt.Errorf("opensslconf: %s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("opensslconf: %s: %w", name, err)
	}
	return nil
}

// stripComment removes a # comment that is not inside quotes.
func stripComment(s string) string {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '#':
			return s[:i]
		}
	}
	return s
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// SystemDefault follows the chain from the default section's appName key
// ("openssl_conf" for most programs, "nodejs_conf" for Node.js) to the
// system_default section.
func (c *Config) SystemDefault(appName string) SystemDefault {
	init := c.Sections[""][appName]
	sslConf := c.Sections[init]["ssl_conf"]
	name := c.Sections[sslConf]["system_default"]
	sec, ok := c.Sections[name]
	if name == "" || !ok {
		return SystemDefault{}
	}
	return SystemDefault{
		Section:      name,
		MinProtocol:  command(sec, "MinProtocol"),
		MaxProtocol:  command(sec, "MaxProtocol"),
		CipherString: command(sec, "CipherString"),
	}
}

// command returns the value of an SSL_CONF command in a section. A name may
// carry a prefix up to a dot so that one command can appear twice, as in
// RHEL's crypto-policies back-end ("TLS.MinProtocol", "DTLS.MinProtocol");
// values for DTLS are not TLS floors and are skipped.
func command(sec map[string]string, cmd string) string {
	if v, ok := sec[cmd]; ok {
		return v
	}
	for _, k := range slices.Sorted(maps.Keys(sec)) {
		_, suffix, ok := strings.Cut(k, ".")
		if ok && suffix == cmd && !strings.HasPrefix(sec[k], "DTLS") {
			return sec[k]
		}
	}
	return ""
}
