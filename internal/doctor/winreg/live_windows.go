package winreg

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// Live reads from this machine's registry the keys [Facts] looks at, as
// an export of HKEY_LOCAL_MACHINE would hold them, so that a live
// machine and an exported one are judged by the same code. Keys that do
// not exist are left out; any other failure is an error naming the key.
//
// It reads the 64-bit registry view even from a 32-bit process, so
// Wow6432Node is read by its name as in an export.
//
// Installed updates are found from the names of the Component Based
// Servicing packages, best effort: a package named after a KB article,
// such as "Package_for_KB3154518~31bf3856ad364e35~amd64~~6.1.1.1", counts
// as that update installed. Windows keeps no standard list of installed
// updates in the registry (Get-HotFix asks WMI), and on Windows 10 and
// later cumulative updates replace single KBs, so there the build and UBR
// are the better test. If the packages cannot be read, Live says so in
// the export's Notes and leaves the updates unknown.
func Live() (*Export, error) {
	m := newMerger()
	for _, b := range branches() {
		err := readBranch(m, b)
		switch {
		case err != nil && b.kbNames:
			m.out.Notes = append(m.out.Notes, fmt.Sprintf("%s: installed updates unknown: %v", liveName, err))
		case err != nil:
			return nil, err
		}
	}
	m.out.Name = liveName
	return m.out, nil
}

// access is what Live opens keys for.
const access = registry.QUERY_VALUE | registry.ENUMERATE_SUB_KEYS | registry.WOW64_64KEY

// readBranch reads one branch into m; a branch that does not exist is
// skipped.
func readBranch(m *merger, b branch) error {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, b.path, access)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return liveError(b.path, err)
	}
	defer k.Close()
	switch {
	case b.kbNames:
		return readKBNames(m, k, b.path)
	case b.tree:
		return readTree(m, k, b.path)
	}
	return readValues(m, k, b.path)
}

// readTree reads the values of k, at path, and of every key below it.
func readTree(m *merger, k registry.Key, path string) error {
	if err := readValues(m, k, path); err != nil {
		return err
	}
	names, err := k.ReadSubKeyNames(-1)
	if err != nil {
		return liveError(path, err)
	}
	for _, name := range names {
		if err := readSubtree(m, k, path, name); err != nil {
			return err
		}
	}
	return nil
}

// readSubtree opens the subkey name of parent and reads it as a tree.
func readSubtree(m *merger, parent registry.Key, path, name string) error {
	sub, err := registry.OpenKey(parent, name, access)
	if errors.Is(err, registry.ErrNotExist) {
		return nil // deleted while we read
	}
	if err != nil {
		return liveError(path+`\`+name, err)
	}
	defer sub.Close()
	return readTree(m, sub, path+`\`+name)
}

// readValues adds the key at path with all its values.
func readValues(m *merger, k registry.Key, path string) error {
	names, err := k.ReadValueNames(-1)
	if err != nil {
		return liveError(path, err)
	}
	key := m.key(`HKEY_LOCAL_MACHINE\` + path)
	for _, name := range names {
		v, err := readValue(k, name)
		if errors.Is(err, registry.ErrNotExist) {
			continue // deleted while we read
		}
		if err != nil {
			return liveError(path+` value "`+name+`"`, err)
		}
		key.set(name, v)
	}
	return nil
}

// readValue reads one value's type and bytes, growing the buffer if the
// value grows between the two calls.
func readValue(k registry.Key, name string) (Value, error) {
	n, _, err := k.GetValue(name, nil)
	for err == nil {
		buf := make([]byte, n)
		var typ uint32
		n, typ, err = k.GetValue(name, buf)
		if err == nil {
			return Value{Type: Type(typ), Data: buf[:n]}, nil
		}
		if errors.Is(err, registry.ErrShortBuffer) {
			err = nil
		}
	}
	return Value{}, err
}

// readKBNames adds, without values, the subkeys of k whose names contain
// a KB article number. Best effort: see Live.
func readKBNames(m *merger, k registry.Key, path string) error {
	names, err := k.ReadSubKeyNames(-1)
	if err != nil {
		return liveError(path, err)
	}
	m.key(`HKEY_LOCAL_MACHINE\` + path)
	for _, name := range names {
		if kbPattern.MatchString(name) {
			m.key(`HKEY_LOCAL_MACHINE\` + path + `\` + name)
		}
	}
	return nil
}

// liveError names the key a registry call failed on.
func liveError(path string, err error) error {
	return fmt.Errorf(`reg: reading HKEY_LOCAL_MACHINE\%s: %w`, path, err)
}
