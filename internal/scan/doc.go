// Package scan is the engine of "tlsfloor scan": it walks directories,
// decides each file's kind, runs the rules that read that kind (see
// internal/scan/rules) and turns their matches into findings, sorted and
// with inline suppressions applied.
//
// [Scan] is the entry point; [Options] says which rules run and what is
// skipped, and [Result] holds the findings, a [finding.Summary] and
// [Note]s about single files.
//
// # Walking
//
// Each path given is a root: a directory is walked, a file is read
// whatever its name or place. In a directory:
//
//   - .gitignore files are obeyed, the root's and every nested one, with
//     the rules of gitignore(5): "#" comments, "!" negation, a trailing
//     "/" for directories only, a "/" at the start or in the middle
//     anchoring the pattern to its file's directory, "*", "?", "[a-z]",
//     "**" for any number of directories, the last match winning and
//     deeper files overriding shallower ones. .gitignore files above the
//     root, .git/info/exclude and the global excludes file are not read.
//   - Options.Exclude globs use the same syntax, matched against paths
//     below the root.
//   - vendor/, node_modules/, third_party/, bower_components/ and
//     .terraform/ are skipped unless Options.IncludeVendor is set; .git/,
//     .hg/ and .svn/ always are.
//   - Symbolic links are never followed. A link to a path inside the root
//     is counted as such, since the target is scanned at its own path; a
//     link out of the root, or to a directory that contains it (a loop),
//     is counted and noted.
//   - Files over Options.MaxSize (default [DefaultMaxSize], 10 MB) are
//     skipped and noted; binary files, with a NUL byte in the first 8 KB,
//     are skipped, except Unity settings assets, whose rules report that
//     they cannot verify them. Files starting with a UTF-16 byte order
//     mark are decoded to UTF-8; any other bytes, valid UTF-8 or not, go
//     to the rules as they are.
//   - A file whose kind no rule reads is not read.
//
// Nothing is dropped silently: every file not read is counted in
// Summary.Skipped under one of the Skip reasons. A file some rule could
// not read to the end (a syntax error in XML, YAML, HCL, go.mod or Go)
// is counted as SkipPartial instead of read, and named in a note with
// the line where its reader stopped; the findings before that line are
// kept.
//
// # Kinds
//
// The kind (source.Kind) comes from the file name: extensions (.go, .cs,
// .ps1, .tf, ...), names (go.mod, Dockerfile, web.config, .env, ...),
// directories (ProjectSettings/, conf.d/, sites-enabled/, apache2/) and,
// for files without an extension, the "#!" line. YAML and JSON files are
// told apart by content: CloudFormation templates (AWSTemplateFormatVersion
// or a Type of AWS::...), Kubernetes manifests (top-level apiVersion and
// kind, YAML only), or plain YAML and JSON. [Kinds] lists them all.
//
// # Checking
//
// Files are checked by Options.Workers goroutines (default
// runtime.NumCPU()); each has its own checker of each rule, and reads a
// file once for all rules, with one read call sized by the open file's
// size, into a buffer it reuses for the next file.
//
// Before any rule parses a file, one pass over its bytes looks for the
// anchor words of every rule of its kind (source.Anchors), ignoring
// ASCII case, and only the rules with an anchor in the file run; a rule
// without anchors runs on every file of its kinds. The pass is an
// Aho-Corasick automaton; when every word is at least 5 bytes long, only
// the 4-byte windows at a stride of (shortest word - 3) are looked up
// first, and the automaton reads only around those that may belong to a
// word. The same pass finds suppression directives. The findings are sorted by path, line, column
// and rule, so that the output does not depend on scheduling. A rule's
// remediation is the knowledge base's (internal/platform) when the rule
// names an entry, its own Fix otherwise.
//
// # Suppressions
//
// A comment that starts with "tlsfloor:ignore TF-XXX-NNN[,TF-YYY-NNN] --
// reason", on the line of a finding or the line above, suppresses the
// rules it names there, in any comment syntax: //, /* */, #, ;, <!-- -->,
// --, REM. A comment marker inside a double-quoted string does not count,
// nor does the text later in a comment. The
// finding is still reported, with a finding.Suppression of kind "inline"
// and the reason as justification. A comment without a reason, or naming
// no rule or an unknown one, suppresses nothing and is reported as a
// finding of its own, [SuppressRuleID] (low).
//
// # Baselines
//
// A [Baseline] made from an earlier run's findings hides the findings
// whose [Fingerprint] (rule, path and line text, not line number) it
// holds, as many times as it holds each.
package scan
