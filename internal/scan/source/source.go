// Package source holds the types scan rules and the scan engine share: a
// file as the walker read it, its kind, and a rule's match in it.
package source

import (
	"github.com/tlsfloor/tlsfloor/internal/finding"
)

// Kind says how a file is parsed. The walker decides it from the name and,
// where names are ambiguous, the content.
type Kind string

// File kinds.
const (
	Go             Kind = "go"             // *.go
	GoMod          Kind = "gomod"          // go.mod, go.work
	CSharp         Kind = "csharp"         // *.cs
	MSBuild        Kind = "msbuild"        // *.csproj, *.vbproj, *.fsproj, Directory.Build.props/targets
	DotNetConfig   Kind = "dotnetconfig"   // app.config, web.config, *.exe.config
	PowerShell     Kind = "powershell"     // *.ps1, *.psm1, *.psd1
	Java           Kind = "java"           // *.java, *.kt
	JavaProps      Kind = "javaprops"      // java.security, *.properties
	Python         Kind = "python"         // *.py
	JavaScript     Kind = "javascript"     // *.js, *.mjs, *.cjs, *.ts, *.tsx
	Ruby           Kind = "ruby"           // *.rb
	PHP            Kind = "php"            // *.php
	Shell          Kind = "shell"          // *.sh, *.bash, shebang scripts
	Dockerfile     Kind = "dockerfile"     // Dockerfile, *.Dockerfile, Containerfile
	EnvFile        Kind = "env"            // .env, *.env
	Terraform      Kind = "terraform"      // *.tf, *.tf.json
	CloudFormation Kind = "cloudformation" // YAML/JSON templates with AWSTemplateFormatVersion or Resources of AWS:: types
	Kubernetes     Kind = "kubernetes"     // YAML with apiVersion/kind
	YAML           Kind = "yaml"           // other *.yaml, *.yml
	JSON           Kind = "json"           // other *.json
	Nginx          Kind = "nginx"          // nginx.conf, conf.d/*.conf, sites-*/*
	HAProxy        Kind = "haproxy"        // haproxy.cfg
	Apache         Kind = "apache"         // httpd.conf, apache2/*.conf, .htaccess
	OpenSSLConf    Kind = "opensslconf"    // openssl.cnf
	UnityVersion   Kind = "unityversion"   // ProjectSettings/ProjectVersion.txt
	UnitySettings  Kind = "unitysettings"  // ProjectSettings/ProjectSettings.asset
)

// File is one file as the walker read it. Rules must not modify it.
type File struct {
	// Path is slash-separated and relative to the scan root.
	Path string
	// Kind decides which rules see the file.
	Kind Kind
	// Content is the whole file.
	Content []byte

	memo map[any]any
}

// Memo returns compute(f), calling compute only the first time it is
// asked for key on f: the rules of one family use it to parse a file once
// for all their checkers. Use a key of an unexported type, as for
// context values. The engine checks each file in one goroutine, so Memo
// needs no lock.
func (f *File) Memo(key any, compute func(*File) any) any {
	if v, ok := f.memo[key]; ok {
		return v
	}
	if f.memo == nil {
		f.memo = map[any]any{}
	}
	v := compute(f)
	f.memo[key] = v
	return v
}

// Match is one place a rule fires. The engine adds the rule's ID, title,
// severity and references, and the knowledge base's remediation, to make
// a finding.
type Match struct {
	// Line and Column are 1-based; Column counts bytes.
	Line, Column int
	// EndLine and EndColumn close the region, when known.
	EndLine, EndColumn int
	// Snippet is the matched source text, one line.
	Snippet string
	// Message says what was found here, naming the value: "MinVersion is
	// tls.VersionTLS10 (TLS 1.0)".
	Message string
	// Evidence lists decoded values: {"SecurityProtocol", "Tls | Tls11"}.
	Evidence []finding.Evidence
	// Verdict is empty (a failure) unless the rule reports otherwise:
	// "unknown" when it cannot verify (a binary Unity asset), "warn" for a
	// setting that is weak only by default, "pass" for an informational
	// match such as a Blazor WebAssembly project, whose browser decides.
	Verdict finding.Verdict
}

// Checker checks files for one rule. A Checker is used by one goroutine
// at a time; the engine makes one per worker with the rule's New.
type Checker interface {
	Check(f *File) ([]Match, error)
}

// Rule is one entry of the rule registry.
type Rule struct {
	// ID is stable: "TF-GO-001".
	ID string
	// Title is one line.
	Title string
	// Description says why it matters.
	Description string
	// Severity of a match.
	Severity finding.Severity
	// CWE is the weakness number, such as "327" or "295".
	CWE string
	// Kinds are the file kinds the rule reads.
	Kinds []Kind
	// Fix is the remediation, in general form. When PlatformEntry is set,
	// the knowledge base's remediation for that entry is used instead.
	Fix string
	// PlatformEntry is the internal/platform entry ID whose remediation
	// applies ("TF-PLAT-NETFX-VERSION"), if any.
	PlatformEntry string
	// References are URLs.
	References []string
	// Anchors say which files the rule can fire on at all; the zero value
	// runs it on every file of its kinds.
	Anchors Anchors
	// New makes a checker.
	New func() Checker
}

// Anchors are what a file must contain for a rule to fire on it. Before
// any rule reads a file, the engine looks for the anchors of all the
// rules of its kind in one pass over its bytes, and runs only the rules
// with an anchor in it: most files mention no TLS setting and are not
// parsed at all.
//
// Words must therefore be chosen so that every file the rule reports on
// holds one of them, whatever the syntax: a name the rule's code looks
// up, not the value it judges. Comments and strings count too, so an
// anchor never makes the rule miss.
type Anchors struct {
	// Words are matched as bytes, ignoring ASCII case, anywhere in the
	// file. None means the rule reads every file of its kinds.
	Words []string
	// Always lists kinds the rule reads whatever they hold: files judged
	// by what they lack (a go.mod with no go line), and structured files
	// whose parse errors the scan should report.
	Always []Kind
}
