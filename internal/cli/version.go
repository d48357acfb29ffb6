package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// Version is the tlsfloor version. A release build sets it with
//
//	-ldflags "-X github.com/tlsfloor/tlsfloor/internal/cli.Version=v1.2.3"
//
// When it is empty, the version of the main module in the build
// information is used.
var Version string

// versionSchema names the layout of "tlsfloor version -json".
const versionSchema = "tlsfloor.version/v1"

// versionCommand returns the version command.
func versionCommand() *Command {
	return &Command{
		Name:    "version",
		Summary: "print the version and build information",
		Usage: `Usage: tlsfloor version [-json]

Version prints the tlsfloor version; the source revision, its time and
whether the tree was modified, when the build recorded them; the Go
version; and the operating system and architecture. With -json it prints
the same as one JSON object whose "schema" is "tlsfloor.version/v1".

Example:

	$ tlsfloor version
	$ tlsfloor version -json | jq -r .revision
`,
		Setup: setupVersion,
	}
}

// setupVersion registers -json and returns the version command's run.
func setupVersion(fs *flag.FlagSet) RunFunc {
	asJSON := fs.Bool("json", false, "print the information as a JSON object")
	return func(_ context.Context, env *Env, args []string) error {
		if len(args) > 0 {
			return Usagef("version takes no arguments")
		}
		info := readVersion()
		if *asJSON {
			return info.writeJSON(env.Stdout)
		}
		return info.writeText(env.Stdout)
	}
}

// versionInfo is what the version command prints.
type versionInfo struct {
	Schema    string `json:"schema"`
	Version   string `json:"version"`
	Revision  string `json:"revision,omitempty"`
	Time      string `json:"time,omitempty"`
	Modified  *bool  `json:"modified,omitempty"`
	GoVersion string `json:"go_version"`
	OS        string `json:"os"`
	Arch      string `json:"arch"`
}

// readVersion reads the version of the running binary.
func readVersion() versionInfo {
	bi, _ := debug.ReadBuildInfo()
	return newVersionInfo(Version, bi)
}

// newVersionInfo combines the -ldflags version with the build information,
// which may be nil.
func newVersionInfo(version string, bi *debug.BuildInfo) versionInfo {
	v := versionInfo{
		Schema:    versionSchema,
		Version:   version,
		GoVersion: runtime.Version(),
		OS:        runtime.GOOS,
		Arch:      runtime.GOARCH,
	}
	if bi != nil {
		v.addBuildInfo(bi)
	}
	if v.Version == "" {
		v.Version = "unknown"
	}
	return v
}

// addBuildInfo fills in what bi records.
func (v *versionInfo) addBuildInfo(bi *debug.BuildInfo) {
	if v.Version == "" {
		v.Version = bi.Main.Version
	}
	if bi.GoVersion != "" {
		v.GoVersion = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			modified := s.Value == "true"
			v.Modified = &modified
		}
	}
}

// writeText prints v as aligned "name value" lines.
func (v versionInfo) writeText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "tlsfloor %s\n", v.Version)
	line := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "  %-9s %s\n", name, value)
		}
	}
	line("revision", v.Revision)
	line("time", v.Time)
	if v.Modified != nil {
		line("modified", fmt.Sprint(*v.Modified))
	}
	line("go", v.GoVersion)
	line("platform", v.OS+"/"+v.Arch)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeJSON prints v as an indented JSON object.
func (v versionInfo) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
