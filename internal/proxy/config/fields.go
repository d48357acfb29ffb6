package config

import (
	"errors"
	"fmt"
	"net/netip"
	"path/filepath"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// parser fills a File from the YAML node tree.
type parser struct {
	file *File
	dir  string // the configuration file's directory
}

// sections are the keys whose values are mappings of more keys.
var sections = map[string]bool{"tls": true, "upgrade": true, "limits": true}

// setters read one key's value each; the keys in sections carry the
// section's name: "limits.max_conns".
var setters = map[string]func(p *parser, v *yaml.Node) error{
	"listen":                func(p *parser, v *yaml.Node) error { return scalarInto(v, &p.file.Listen, CheckAddr) },
	"metrics":               func(p *parser, v *yaml.Node) error { return scalarInto(v, &p.file.Metrics, CheckAddr) },
	"mode":                  (*parser).mode,
	"floor":                 (*parser).floor,
	"allow":                 (*parser).allow,
	"resolve":               (*parser).resolve,
	"users_file":            func(p *parser, v *yaml.Node) error { return p.path(v, &p.file.UsersFile) },
	"tls.cert_file":         func(p *parser, v *yaml.Node) error { return p.path(v, &p.file.TLS.CertFile) },
	"tls.key_file":          func(p *parser, v *yaml.Node) error { return p.path(v, &p.file.TLS.KeyFile) },
	"tls.client_ca_file":    func(p *parser, v *yaml.Node) error { return p.path(v, &p.file.TLS.ClientCAFile) },
	"upgrade.enabled":       (*parser).upgradeEnabled,
	"upgrade.clients":       (*parser).clients,
	"upgrade.ca_file":       func(p *parser, v *yaml.Node) error { return p.path(v, &p.file.UpgradeCA) },
	"limits.max_conns":      (*parser).maxConns,
	"limits.header_timeout": func(p *parser, v *yaml.Node) error { return timeout(v, &p.file.Limits.HeaderTimeout) },
	"limits.hello_timeout":  func(p *parser, v *yaml.Node) error { return timeout(v, &p.file.Limits.HelloTimeout) },
	"limits.idle_timeout":   func(p *parser, v *yaml.Node) error { return timeout(v, &p.file.Limits.IdleTimeout) },
	"limits.dial_timeout":   func(p *parser, v *yaml.Node) error { return timeout(v, &p.file.Limits.DialTimeout) },
	"drain_timeout":         (*parser).drainTimeout,
}

// mapping reads the keys of one mapping; prefix is "" at the top.
func (p *parser) mapping(prefix string, m *yaml.Node) error {
	m = deref(m)
	if m.Tag == "!!null" {
		return nil // "upgrade:" with nothing under it
	}
	if m.Kind != yaml.MappingNode {
		return errors.New("want a mapping of settings")
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		key := prefix + k.Value
		p.file.lines[key] = k.Line
		if sections[key] {
			if err := p.mapping(key+".", v); err != nil {
				return p.fail(key, k.Line, err)
			}
			continue
		}
		set, ok := setters[key]
		if !ok {
			return &Error{File: p.file.Path, Line: k.Line, Err: fmt.Errorf("unknown key %q", key)}
		}
		if err := set(p, v); err != nil {
			return p.fail(key, k.Line, err)
		}
	}
	return nil
}

// fail places err at key's line, or at the list item's line it carries.
func (p *parser) fail(key string, line int, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err // from a nested section: already placed
	}
	var ie *itemError
	if errors.As(err, &ie) {
		line, err = ie.line, ie.err
	}
	return &Error{File: p.file.Path, Line: line, Key: key, Err: err}
}

// itemError is a problem with one item of a list, at the item's line.
type itemError struct {
	line int
	err  error
}

func (e *itemError) Error() string { return e.err.Error() }

func (p *parser) upgradeEnabled(v *yaml.Node) error {
	if _, err := scalar(v); err != nil {
		return err
	}
	return v.Decode(&p.file.Upgrade.Enabled)
}

func (p *parser) mode(v *yaml.Node) error {
	s, err := scalar(v)
	if err == nil {
		p.file.Mode, err = ParseMode(s)
	}
	return err
}

func (p *parser) floor(v *yaml.Node) error {
	s, err := scalar(v)
	if err == nil {
		p.file.Floor, err = ParseFloor(s)
	}
	return err
}

func (p *parser) allow(v *yaml.Node) error {
	allow := []proxy.Pattern{}
	err := eachItem(v, func(s string) error {
		pat, err := proxy.ParsePattern(s)
		allow = append(allow, pat)
		return err
	})
	p.file.Allow = allow
	return err
}

func (p *parser) resolve(v *yaml.Node) error {
	p.file.Resolve = map[string]netip.AddrPort{}
	return eachItem(v, func(s string) error { return addResolve(p.file.Resolve, s) })
}

func (p *parser) clients(v *yaml.Node) error {
	p.file.Upgrade.Clients = nil
	return eachItem(v, func(s string) error {
		pfx, err := ParsePrefix(s)
		p.file.Upgrade.Clients = append(p.file.Upgrade.Clients, pfx)
		return err
	})
}

// path reads a file name; a relative one is taken from the configuration
// file's directory.
func (p *parser) path(v *yaml.Node, dst *string) error {
	s, err := scalar(v)
	if err != nil {
		return err
	}
	if !filepath.IsAbs(s) {
		s = filepath.Join(p.dir, s)
	}
	*dst = s
	return nil
}

func (p *parser) maxConns(v *yaml.Node) error {
	s, err := scalar(v)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return fmt.Errorf("want a whole number of connections, at least 1, got %q", s)
	}
	p.file.Limits.MaxConns = n
	return nil
}

func (p *parser) drainTimeout(v *yaml.Node) error {
	s, err := scalar(v)
	if err == nil {
		p.file.DrainTimeout, err = ParseDuration(s, true)
	}
	return err
}

// timeout reads a positive duration.
func timeout(v *yaml.Node, dst *time.Duration) error {
	s, err := scalar(v)
	if err == nil {
		*dst, err = ParseDuration(s, false)
	}
	return err
}

// scalarInto reads a scalar that check accepts into dst.
func scalarInto(v *yaml.Node, dst *string, check func(string) error) error {
	s, err := scalar(v)
	if err == nil {
		err = check(s)
	}
	*dst = s
	return err
}

// scalar returns the text of a single, non-empty value.
func scalar(v *yaml.Node) (string, error) {
	v = deref(v)
	switch {
	case v.Kind != yaml.ScalarNode:
		return "", errors.New("want a single value")
	case v.Tag == "!!null" || v.Value == "":
		return "", errors.New("empty value")
	}
	return v.Value, nil
}

// eachItem calls fn with each item of a non-empty list of values; an error
// is placed at its item's line.
func eachItem(v *yaml.Node, fn func(string) error) error {
	v = deref(v)
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		return errors.New("want a non-empty list (remove the key for the default)")
	}
	for _, item := range v.Content {
		s, err := scalar(item)
		if err == nil {
			err = fn(s)
		}
		if err != nil {
			return &itemError{line: item.Line, err: err}
		}
	}
	return nil
}

// deref follows an alias to the node it names.
func deref(v *yaml.Node) *yaml.Node {
	for v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	return v
}
