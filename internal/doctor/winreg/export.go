package winreg

import (
	"strings"
)

// Export is the content of one registry export, or of several merged.
type Export struct {
	// Name names the input, for messages: the file name given to [Parse],
	// or the names of merged exports joined by ", ".
	Name string
	// Keys lists the keys in the order they first appear. A path occurs
	// once: a key written twice has its values merged, later ones winning.
	Keys []Key
	// Notes lists what was read but skipped, such as deletions
	// ("[-HKEY_...]", `"Name"=-`), each prefixed with name:line.
	Notes []string
}

// Key is one registry key and its values.
type Key struct {
	// Path is the full path as the export spells it, starting with the
	// root key: `HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft`.
	Path string
	// Values holds the values by name; the default value ("@" in an
	// export) has the name "". Names are unique without regard to case.
	Values map[string]Value
}

// roots maps the abbreviated root key names to the full ones.
var roots = map[string]string{
	"HKLM": "HKEY_LOCAL_MACHINE",
	"HKCU": "HKEY_CURRENT_USER",
	"HKCR": "HKEY_CLASSES_ROOT",
	"HKU":  "HKEY_USERS",
	"HKCC": "HKEY_CURRENT_CONFIG",
}

// rootName returns the full name of the root key path starts with, and
// false if it starts with no root key.
func rootName(path string) (string, bool) {
	first, _, _ := strings.Cut(path, `\`)
	first = strings.ToUpper(first)
	if full, ok := roots[first]; ok {
		return full, true
	}
	for _, full := range roots {
		if first == full {
			return full, true
		}
	}
	return "", false
}

// canonical returns path in the form lookups compare: the root key's
// full name, lower case, without a trailing backslash. Registry paths are
// case-insensitive.
func canonical(path string) string {
	path = strings.TrimRight(path, `\`)
	if full, ok := rootName(path); ok {
		_, rest, found := strings.Cut(path, `\`)
		path = full
		if found {
			path += `\` + rest
		}
	}
	return strings.ToLower(path)
}

// Key returns the key at path, which may start with HKEY_LOCAL_MACHINE or
// HKLM (and so for the other roots) and is compared without regard to
// case. It returns nil if the export does not contain the key.
func (e *Export) Key(path string) *Key {
	want := canonical(path)
	for i := range e.Keys {
		if canonical(e.Keys[i].Path) == want {
			return &e.Keys[i]
		}
	}
	return nil
}

// Get returns the value called name, compared without regard to case;
// "" names the default value.
func (k *Key) Get(name string) (Value, bool) {
	if v, ok := k.Values[name]; ok {
		return v, true
	}
	for n, v := range k.Values {
		if strings.EqualFold(n, name) {
			return v, true
		}
	}
	return Value{}, false
}

// set stores v as the value called name, replacing a value whose name
// differs only in case.
func (k *Key) set(name string, v Value) {
	for n := range k.Values {
		if n != name && strings.EqualFold(n, name) {
			delete(k.Values, n)
		}
	}
	k.Values[name] = v
}

// Merge returns one export holding the keys of all exports, as when the
// branches of one machine were exported to separate files. Where two
// exports hold the same value, the later one wins. Nil exports are
// skipped; the exports given are not changed.
func Merge(exports ...*Export) *Export {
	m := newMerger()
	var names []string
	for _, e := range exports {
		if e == nil {
			continue
		}
		names = append(names, e.Name)
		m.out.Notes = append(m.out.Notes, e.Notes...)
		for _, k := range e.Keys {
			dst := m.key(k.Path)
			for name, v := range k.Values {
				dst.set(name, v.clone())
			}
		}
	}
	m.out.Name = strings.Join(names, ", ")
	return m.out
}

// merger builds an export, finding keys by canonical path.
type merger struct {
	out   *Export
	index map[string]int
}

func newMerger() *merger {
	return &merger{out: &Export{}, index: map[string]int{}}
}

// key returns the key at path, adding it if it is new.
func (m *merger) key(path string) *Key {
	c := canonical(path)
	if i, ok := m.index[c]; ok {
		return &m.out.Keys[i]
	}
	m.index[c] = len(m.out.Keys)
	m.out.Keys = append(m.out.Keys, Key{Path: path, Values: map[string]Value{}})
	return &m.out.Keys[len(m.out.Keys)-1]
}
