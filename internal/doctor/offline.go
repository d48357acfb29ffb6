package doctor

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/doctor/snapshot"
	"github.com/tlsfloor/tlsfloor/internal/doctor/winreg"
	"github.com/tlsfloor/tlsfloor/internal/platform"
)

// Offline is what FromPaths read.
type Offline struct {
	// Machines are the machines read, in argument order.
	Machines []Machine
	// Read counts the files parsed.
	Read int
	// Unreadable lists the files that could not be parsed, with why.
	Unreadable []Issue
}

// FromPaths reads machines from snapshot (.json) and registry export
// (.reg) files. A file is one machine; a directory is one machine made of
// every .json and .reg file directly in it (one export per registry
// branch, say). A file that cannot be read is reported and the others are
// still read.
func FromPaths(paths []string) Offline {
	var off Offline
	for _, p := range paths {
		files, err := machineFiles(p)
		if err != nil {
			off.Unreadable = append(off.Unreadable, Issue{Source: p, Err: err})
			continue
		}
		if m, ok := off.machine(machineName(p), files); ok {
			off.Machines = append(off.Machines, m)
		}
	}
	return off
}

// machineFiles lists the files that make up the machine at path.
func machineFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	var files []string
	for _, pattern := range []string{"*.reg", "*.json"} {
		m, _ := filepath.Glob(filepath.Join(path, pattern))
		files = append(files, m...)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .reg or .json files in directory")
	}
	sort.Strings(files)
	return files, nil
}

func machineName(path string) string {
	base := filepath.Base(filepath.Clean(path))
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// machine parses one machine's files; ok is false when none could be read.
func (off *Offline) machine(name string, files []string) (Machine, bool) {
	var exports []*winreg.Export
	var snaps []snapshot.Snapshot
	for _, f := range files {
		exp, snap, err := readFile(f)
		if err != nil {
			off.Unreadable = append(off.Unreadable, Issue{Source: f, Err: err})
			continue
		}
		off.Read++
		if exp != nil {
			exports = append(exports, exp)
		} else {
			snaps = append(snaps, snap)
		}
	}
	if len(exports) == 0 && len(snaps) == 0 {
		return Machine{}, false
	}
	return combine(name, exports, snaps)
}

// readFile parses a snapshot or a registry export, told apart by content.
func readFile(path string) (*winreg.Export, snapshot.Snapshot, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, snapshot.Snapshot{}, err
	}
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) {
		s, err := snapshot.Read(path, bytes.NewReader(b))
		return nil, s, err
	}
	exp, err := winreg.Parse(path, bytes.NewReader(b))
	return exp, snapshot.Snapshot{}, err
}

// combine makes one machine of its exports and snapshots: registry facts
// come from the merged exports; a snapshot adds what an export cannot
// carry (hotfixes, runtimes, OpenSSL) and stands alone when there is no
// export.
func combine(name string, exports []*winreg.Export, snaps []snapshot.Snapshot) (Machine, bool) {
	m := Machine{Name: name}
	for _, s := range snaps {
		overlay(&m.Facts, s.Facts)
	}
	if len(exports) == 0 {
		return m, true
	}
	merged := winreg.Merge(exports...)
	reg, err := winreg.Facts(merged)
	if err != nil {
		m.Issues = append(m.Issues, Issue{Source: name, Err: err})
	}
	for _, note := range merged.Notes {
		m.Issues = append(m.Issues, Issue{Source: name, Err: fmt.Errorf("%s", note)})
	}
	overlay(&m.Facts, reg)
	return m, true
}

// overlay copies the facts src knows into dst; the registry's Windows
// facts keep dst's hotfix list when src has none.
func overlay(dst *platform.Facts, src platform.Facts) {
	if src.Host != "" {
		dst.Host = src.Host
	}
	if src.OS.Family != "" {
		dst.OS = src.OS
	}
	if src.OpenSSL != nil {
		dst.OpenSSL = src.OpenSSL
	}
	if src.Windows != nil {
		w := *src.Windows
		if w.Hotfixes == nil && dst.Windows != nil {
			w.Hotfixes = dst.Windows.Hotfixes
		}
		dst.Windows = &w
	}
	dst.Runtimes = append(dst.Runtimes, src.Runtimes...)
	dst.Projects = append(dst.Projects, src.Projects...)
}
