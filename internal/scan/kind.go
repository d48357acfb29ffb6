package scan

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// byBaseName maps file names, lower-cased, to kinds.
var byBaseName = map[string]source.Kind{
	"go.mod":                  source.GoMod,
	"go.work":                 source.GoMod,
	"dockerfile":              source.Dockerfile,
	"containerfile":           source.Dockerfile,
	".env":                    source.EnvFile,
	"app.config":              source.DotNetConfig,
	"web.config":              source.DotNetConfig,
	"directory.build.props":   source.MSBuild,
	"directory.build.targets": source.MSBuild,
	"java.security":           source.JavaProps,
	"nginx.conf":              source.Nginx,
	"haproxy.cfg":             source.HAProxy,
	"httpd.conf":              source.Apache,
	"apache2.conf":            source.Apache,
	".htaccess":               source.Apache,
	"openssl.cnf":             source.OpenSSLConf,
	"projectversion.txt":      source.UnityVersion, // under ProjectSettings/, see kindByName
	"projectsettings.asset":   source.UnitySettings,
	"docker-compose.yml":      source.YAML,
	"docker-compose.yaml":     source.YAML,
	"compose.yaml":            source.YAML,
	"compose.yml":             source.YAML,
	".gitlab-ci.yml":          source.YAML,
	"bitbucket-pipelines.yml": source.YAML,
}

// byExtension maps extensions, lower-cased with the dot, to kinds. YAML
// and JSON are refined by content (see refineKind).
var byExtension = map[string]source.Kind{
	".go":     source.Go,
	".cs":     source.CSharp,
	".csproj": source.MSBuild, ".vbproj": source.MSBuild, ".fsproj": source.MSBuild,
	".ps1": source.PowerShell, ".psm1": source.PowerShell, ".psd1": source.PowerShell,
	".java": source.Java, ".kt": source.Java, ".kts": source.Java,
	".properties": source.JavaProps,
	".py":         source.Python,
	".js":         source.JavaScript, ".mjs": source.JavaScript, ".cjs": source.JavaScript, ".jsx": source.JavaScript,
	".ts": source.JavaScript, ".tsx": source.JavaScript, ".mts": source.JavaScript, ".cts": source.JavaScript,
	".rb":  source.Ruby,
	".php": source.PHP,
	".sh":  source.Shell, ".bash": source.Shell, ".zsh": source.Shell, ".ksh": source.Shell,
	".dockerfile": source.Dockerfile,
	".env":        source.EnvFile,
	".tf":         source.Terraform,
	".yaml":       source.YAML, ".yml": source.YAML,
	".json": source.JSON,
}

// kindByName returns the kind a slash-separated, root-relative path has
// by its name alone, or "" when the name does not say. YAML and JSON
// files come back as YAML and JSON and are refined by content.
func kindByName(rel string) source.Kind {
	base := strings.ToLower(path.Base(rel))
	dir := strings.ToLower(path.Base(path.Dir(rel)))
	switch {
	case base == "projectversion.txt" || base == "projectsettings.asset":
		if dir == "projectsettings" {
			return byBaseName[base]
		}
		return ""
	case byBaseName[base] != "":
		return byBaseName[base]
	case strings.HasSuffix(base, ".tf.json"):
		return source.Terraform
	case strings.HasSuffix(base, ".exe.config") || strings.HasSuffix(base, ".dll.config"):
		return source.DotNetConfig
	case strings.HasPrefix(base, "dockerfile.") || strings.HasPrefix(base, "containerfile."):
		return source.Dockerfile
	case strings.HasPrefix(base, ".env."):
		return source.EnvFile
	}
	if k := kindByDir(rel, dir, base); k != "" {
		return k
	}
	return byExtension[path.Ext(base)]
}

// kindByDir recognises server configuration by the directory it sits in.
func kindByDir(rel, dir, base string) source.Kind {
	lower := "/" + strings.ToLower(rel)
	switch {
	case dir == "sites-available" || dir == "sites-enabled":
		if strings.Contains(lower, "/apache2/") {
			return source.Apache
		}
		return source.Nginx
	case !strings.HasSuffix(base, ".conf"):
		return ""
	case strings.Contains(lower, "/apache2/") || strings.Contains(lower, "/httpd/"):
		return source.Apache
	case dir == "conf.d" || strings.Contains(lower, "/nginx/"):
		return source.Nginx
	}
	return ""
}

// shebang matches the interpreter of a "#!" line, through env or not.
var shebang = regexp.MustCompile(`^#!\s*(?:\S*/)?(?:env\s+(?:-\S+\s+)*)?(?:\S*/)?([A-Za-z]+[0-9.]*)(?:\s|$)`)

// byInterpreter maps shebang interpreters to kinds.
var byInterpreter = map[string]source.Kind{
	"sh": source.Shell, "bash": source.Shell, "dash": source.Shell, "zsh": source.Shell, "ksh": source.Shell, "ash": source.Shell,
	"python": source.Python, "python3": source.Python, "python2": source.Python,
	"node": source.JavaScript, "deno": source.JavaScript, "bun": source.JavaScript,
	"pwsh": source.PowerShell, "ruby": source.Ruby, "php": source.PHP,
}

// kindByShebang reads the "#!" line of a file without an extension.
func kindByShebang(prefix []byte) source.Kind {
	line, _, _ := bytes.Cut(prefix, []byte("\n"))
	m := shebang.FindSubmatch(line)
	if m == nil {
		return ""
	}
	name := strings.TrimRight(string(m[1]), "0123456789.")
	if k, ok := byInterpreter[string(m[1])]; ok {
		return k
	}
	return byInterpreter[name]
}

// Content signs of CloudFormation and Kubernetes documents.
var (
	cfnYAML  = regexp.MustCompile(`(?m)^AWSTemplateFormatVersion\s*:|^\s*Type\s*:\s*["']?AWS::|^Transform\s*:\s*["']?AWS::`)
	cfnJSON  = regexp.MustCompile(`"AWSTemplateFormatVersion"\s*:|"Type"\s*:\s*"AWS::`)
	k8sAPI   = regexp.MustCompile(`(?m)^apiVersion\s*:`)
	k8sKind  = regexp.MustCompile(`(?m)^kind\s*:`)
	yamlKind = map[source.Kind]bool{source.YAML: true, source.JSON: true}
)

// refineKind decides YAML and JSON files by content: CloudFormation
// templates, Kubernetes manifests, or plain YAML and JSON. The regular
// expressions run only on files that hold their literal words.
func refineKind(k source.Kind, content []byte) source.Kind {
	switch {
	case !yamlKind[k]:
		return k
	case k == source.JSON && bytes.Contains(content, []byte("AWS")) && cfnJSON.Match(content):
		return source.CloudFormation
	case k == source.JSON:
		return k
	case bytes.Contains(content, []byte("AWS")) && cfnYAML.Match(content):
		return source.CloudFormation
	case bytes.Contains(content, []byte("apiVersion")) && k8sAPI.Match(content) && k8sKind.Match(content):
		return source.Kubernetes
	}
	return k
}

// needsContent reports whether the kind from the name is refined by
// content.
func needsContent(k source.Kind) bool { return yamlKind[k] }

// Kinds returns every kind the walker gives files, sorted.
func Kinds() []source.Kind {
	set := map[source.Kind]bool{source.CloudFormation: true, source.Kubernetes: true}
	for _, k := range byBaseName {
		set[k] = true
	}
	for _, k := range byExtension {
		set[k] = true
	}
	for _, k := range byInterpreter {
		set[k] = true
	}
	kinds := make([]source.Kind, 0, len(set))
	for k := range set {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}
