package scan

import (
	"testing"

	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// kindCases are one or more files of every kind the walker gives.
var kindCases = []struct {
	name    string
	path    string
	content string
	want    source.Kind
}{
	{name: "go", path: "cmd/main.go", want: source.Go},
	{name: "go.mod", path: "go.mod", want: source.GoMod},
	{name: "go.work", path: "x/go.work", want: source.GoMod},
	{name: "csharp", path: "src/Client.cs", want: source.CSharp},
	{name: "csproj", path: "src/App.csproj", want: source.MSBuild},
	{name: "Directory.Build.props", path: "Directory.Build.props", want: source.MSBuild},
	{name: "web.config", path: "site/Web.config", want: source.DotNetConfig},
	{name: "exe.config", path: "bin/tool.exe.config", want: source.DotNetConfig},
	{name: "powershell", path: "deploy.ps1", want: source.PowerShell},
	{name: "powershell module", path: "Mod.psm1", want: source.PowerShell},
	{name: "java", path: "App.java", want: source.Java},
	{name: "kotlin", path: "App.kt", want: source.Java},
	{name: "java.security", path: "conf/security/java.security", want: source.JavaProps},
	{name: "properties", path: "application.properties", want: source.JavaProps},
	{name: "python", path: "app.py", want: source.Python},
	{name: "javascript", path: "index.mjs", want: source.JavaScript},
	{name: "typescript", path: "index.ts", want: source.JavaScript},
	{name: "ruby", path: "app.rb", want: source.Ruby},
	{name: "php", path: "index.php", want: source.PHP},
	{name: "shell", path: "run.sh", want: source.Shell},
	{name: "dockerfile", path: "Dockerfile", want: source.Dockerfile},
	{name: "dockerfile variant", path: "Dockerfile.prod", want: source.Dockerfile},
	{name: "dockerfile suffix", path: "api.Dockerfile", want: source.Dockerfile},
	{name: "containerfile", path: "Containerfile", want: source.Dockerfile},
	{name: "env", path: ".env", want: source.EnvFile},
	{name: "env variant", path: ".env.production", want: source.EnvFile},
	{name: "env suffix", path: "app.env", want: source.EnvFile},
	{name: "terraform", path: "main.tf", want: source.Terraform},
	{name: "terraform json", path: "main.tf.json", want: source.Terraform},
	{name: "cloudformation yaml", path: "stack.yaml", content: "AWSTemplateFormatVersion: '2010-09-09'\n", want: source.CloudFormation},
	{name: "cloudformation by type", path: "t.yml", content: "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", want: source.CloudFormation},
	{name: "sam", path: "template.yaml", content: "Transform: AWS::Serverless-2016-10-31\n", want: source.CloudFormation},
	{name: "cloudformation json", path: "stack.json", content: `{"AWSTemplateFormatVersion": "2010-09-09"}`, want: source.CloudFormation},
	{name: "kubernetes", path: "deploy.yaml", content: "apiVersion: v1\nkind: Pod\n", want: source.Kubernetes},
	{name: "yaml", path: "ci.yml", content: "jobs: {}\n", want: source.YAML},
	{name: "yaml with indented kind", path: "x.yaml", content: "apiVersion: v1\nspec:\n  kind: x\n", want: source.YAML},
	{name: "json", path: "package.json", content: `{"name": "x"}`, want: source.JSON},
	{name: "nginx", path: "etc/nginx/nginx.conf", want: source.Nginx},
	{name: "nginx conf.d", path: "conf.d/site.conf", want: source.Nginx},
	{name: "nginx sites", path: "sites-enabled/default", want: source.Nginx},
	{name: "haproxy", path: "haproxy.cfg", want: source.HAProxy},
	{name: "apache", path: "httpd.conf", want: source.Apache},
	{name: "apache dir", path: "etc/apache2/mods-enabled/ssl.conf", want: source.Apache},
	{name: "htaccess", path: "www/.htaccess", want: source.Apache},
	{name: "openssl", path: "openssl.cnf", want: source.OpenSSLConf},
	{name: "unity version", path: "Game/ProjectSettings/ProjectVersion.txt", want: source.UnityVersion},
	{name: "unity settings", path: "ProjectSettings/ProjectSettings.asset", want: source.UnitySettings},
	{name: "unity name elsewhere", path: "docs/ProjectVersion.txt", want: ""},
	{name: "shebang sh", path: "bin/start", content: "#!/bin/sh\n", want: source.Shell},
	{name: "shebang env bash", path: "start", content: "#!/usr/bin/env bash\n", want: source.Shell},
	{name: "shebang python", path: "tool", content: "#!/usr/bin/python3.11\n", want: source.Python},
	{name: "shebang env flags node", path: "cli", content: "#!/usr/bin/env -S node --no-warnings\n", want: source.JavaScript},
	{name: "shebang pwsh", path: "x", content: "#!/usr/bin/env pwsh\n", want: source.PowerShell},
	{name: "no shebang", path: "LICENSE", content: "MIT\n", want: ""},
	{name: "unknown extension", path: "README.md", want: ""},
}

func TestKindDetection(t *testing.T) {
	for _, tt := range kindCases {
		t.Run(tt.name, func(t *testing.T) {
			got := kindByName(tt.path)
			if got == "" && tt.content != "" {
				got = kindByShebang([]byte(tt.content))
			}
			got = refineKind(got, []byte(tt.content))
			if got != tt.want {
				t.Errorf("kind of %s = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

// TestKindsCovered checks that Kinds lists exactly the kinds detection
// gives, each shown by a case above, and every kind source declares.
func TestKindsCovered(t *testing.T) {
	shown := map[source.Kind]bool{}
	for _, tt := range kindCases {
		shown[tt.want] = true
	}
	for _, k := range Kinds() {
		if !shown[k] {
			t.Errorf("kind %q has no detection case", k)
		}
	}
	declared := []source.Kind{
		source.Go, source.GoMod, source.CSharp, source.MSBuild, source.DotNetConfig, source.PowerShell,
		source.Java, source.JavaProps, source.Python, source.JavaScript, source.Ruby, source.PHP,
		source.Shell, source.Dockerfile, source.EnvFile, source.Terraform, source.CloudFormation,
		source.Kubernetes, source.YAML, source.JSON, source.Nginx, source.HAProxy, source.Apache,
		source.OpenSSLConf, source.UnityVersion, source.UnitySettings,
	}
	if got := Kinds(); len(got) != len(declared) {
		t.Errorf("Kinds() has %d kinds, source declares %d: %q", len(got), len(declared), got)
	}
}
