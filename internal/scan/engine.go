package scan

import (
	"context"
	"fmt"
	"slices"

	"github.com/tlsfloor/tlsfloor/internal/finding"
	"github.com/tlsfloor/tlsfloor/internal/platform"
	"github.com/tlsfloor/tlsfloor/internal/scan/source"
)

// engine holds what every worker shares: the rules, indexed by kind.
type engine struct {
	opts    Options
	rules   []*ruleInfo
	byKind  map[source.Kind][]int // indexes into rules
	filters map[source.Kind]*kindFilter
	known   map[string]bool // rule IDs
}

// ruleInfo is a rule with its remediation and references resolved.
type ruleInfo struct {
	rule        *source.Rule
	remediation string
	references  []string
}

// newEngine indexes the rules of opts.
func newEngine(opts Options) *engine {
	e := &engine{opts: opts, byKind: map[source.Kind][]int{}, filters: map[source.Kind]*kindFilter{}, known: map[string]bool{}}
	for i := range opts.Rules {
		r := &opts.Rules[i]
		e.rules = append(e.rules, resolveRule(r))
		e.known[r.ID] = true
		for _, k := range r.Kinds {
			e.byKind[k] = append(e.byKind[k], i)
		}
	}
	for k, idx := range e.byKind {
		e.filters[k] = newKindFilter(k, e.rules, idx)
	}
	return e
}

// resolveRule takes the remediation from the knowledge base when the rule
// names an entry, and adds the entry's sources to the references.
func resolveRule(r *source.Rule) *ruleInfo {
	info := &ruleInfo{rule: r, remediation: r.Fix, references: slices.Clone(r.References)}
	if entry, ok := platform.Lookup(r.PlatformEntry); ok && r.PlatformEntry != "" {
		info.remediation = entry.Remediation
		for _, s := range entry.Sources {
			if !slices.Contains(info.references, s) {
				info.references = append(info.references, s)
			}
		}
	}
	return info
}

// wants reports whether a file of kind is worth reading. An empty kind
// is worth reading only when the file has no extension, for its "#!"
// line; YAML and JSON are refined by content, so they are read when any
// of their variants has rules.
func (e *engine) wants(k source.Kind, noExt bool) bool {
	switch {
	case k == "":
		return noExt && e.anyRules(kindsByShebang()...)
	case k == source.YAML:
		return e.anyRules(source.YAML, source.Kubernetes, source.CloudFormation)
	case k == source.JSON:
		return e.anyRules(source.JSON, source.CloudFormation)
	}
	return e.anyRules(k)
}

// anyRules reports whether any rule reads one of kinds.
func (e *engine) anyRules(kinds ...source.Kind) bool {
	for _, k := range kinds {
		if len(e.byKind[k]) > 0 {
			return true
		}
	}
	return false
}

// kindsByShebang lists the kinds a "#!" line can give.
func kindsByShebang() []source.Kind {
	var ks []source.Kind
	for _, k := range byInterpreter {
		ks = append(ks, k)
	}
	return ks
}

// Rules describes the rules for a report's metadata (finding.Run.Rules):
// one per rule, in order, then the engine's own TF-SCAN-SUPPRESS.
func Rules(rules []source.Rule) []finding.Rule {
	out := make([]finding.Rule, 0, len(rules)+1)
	for i := range rules {
		info := resolveRule(&rules[i])
		r := info.rule
		out = append(out, finding.Rule{
			ID: r.ID, Title: r.Title, Description: r.Description, Severity: r.Severity,
			Help: info.remediation, CWE: r.CWE, Tags: kindTags(r.Kinds), References: info.references,
		})
	}
	return append(out, suppressRule)
}

// kindTags names the file kinds a rule reads, for SARIF tags.
func kindTags(kinds []source.Kind) []string {
	tags := make([]string, len(kinds))
	for i, k := range kinds {
		tags[i] = string(k)
	}
	return tags
}

// checkers holds one worker's checkers, made on first use.
type checkers map[int]source.Checker

// get returns the worker's checker for rule i.
func (c checkers) get(e *engine, i int) source.Checker {
	ch, ok := c[i]
	if !ok {
		ch = e.rules[i].rule.New()
		c[i] = ch
	}
	return ch
}

// worker is what one checking goroutine keeps from file to file.
type worker struct {
	cs  checkers
	buf []byte // the last file's content, reused for the next
}

// work checks the files of jobs until it is closed.
func (e *engine) work(ctx context.Context, jobs <-chan job, results chan<- fileResult) {
	w := &worker{cs: checkers{}}
	for j := range jobs {
		if ctx.Err() != nil {
			continue
		}
		results <- e.checkJob(j, w)
	}
}

// checkJob reads one file and runs the rules for its kind whose anchors
// it holds. Nothing made from the file's content outlives the call: the
// content is the worker's buffer, read over by the next file.
func (e *engine) checkJob(j job, w *worker) fileResult {
	f, skip, err := e.read(j, &w.buf)
	if skip != "" {
		return fileResult{path: j.rel, skip: skip, err: err}
	}
	res := fileResult{path: j.rel, read: true}
	mask, directive := e.filters[f.Kind].run(f.Content)
	var errs ruleErrors
	for pos, i := range e.byKind[f.Kind] {
		if !runs(mask, pos) {
			continue
		}
		ms, err := w.cs.get(e, i).Check(f)
		errs.add(e.rules[i].rule.ID, err)
		for _, m := range ms {
			res.findings = append(res.findings, e.rules[i].finding(f, m))
		}
	}
	if directive {
		bad := applySuppressions(j.rel, f.Content, res.findings, func(id string) bool { return e.known[id] })
		res.findings = append(res.findings, bad...)
	}
	res.notes = errs.notes(j.rel)
	return res
}

// ruleErrors collects the errors of the rules that checked one file. The
// rules of a family share a parse, so the same error comes from several
// rules: it is kept once, with the rules that met it.
type ruleErrors struct {
	errs  []error
	rules [][]string
}

// add records err, if any, of rule id.
func (re *ruleErrors) add(id string, err error) {
	if err == nil {
		return
	}
	for i, e := range re.errs {
		if e.Error() == err.Error() {
			re.rules[i] = append(re.rules[i], id)
			return
		}
	}
	re.errs = append(re.errs, err)
	re.rules = append(re.rules, []string{id})
}

// notes returns one note per distinct error.
func (re *ruleErrors) notes(path string) []Note {
	var out []Note
	for i, err := range re.errs {
		reason := "rule " + re.rules[i][0]
		if n := len(re.rules[i]); n > 1 {
			reason = fmt.Sprintf("rules %s and %d more", re.rules[i][0], n-1)
		}
		out = append(out, Note{Path: path, Reason: reason, Err: err})
	}
	return out
}

// finding makes a finding of a match.
func (r *ruleInfo) finding(f *source.File, m source.Match) finding.Finding {
	msg := m.Message
	if msg == "" {
		msg = r.rule.Title
	}
	snippet := m.Snippet
	if snippet == "" {
		snippet = lineText(f.Content, m.Line)
	}
	return finding.Finding{
		RuleID:   r.rule.ID,
		Severity: r.rule.Severity,
		Verdict:  m.Verdict,
		Title:    r.rule.Title,
		Message:  msg,
		Location: &finding.Location{
			Path: f.Path, Line: m.Line, Column: m.Column,
			EndLine: m.EndLine, EndColumn: m.EndColumn, Snippet: clip(snippet),
		},
		Evidence:    slices.Clone(m.Evidence),
		Remediation: r.remediation,
		References:  slices.Clone(r.references),
	}
}

// fileResult is what a worker found in one file.
type fileResult struct {
	path     string
	read     bool   // the rules saw the file
	skip     string // or the reason it was skipped
	err      error  // the cause of the skip, if any
	findings []finding.Finding
	notes    []Note
}

// String names the file and what became of it, for test failures.
func (r fileResult) String() string {
	return fmt.Sprintf("%s: read=%v skip=%q err=%v findings=%d", r.path, r.read, r.skip, r.err, len(r.findings))
}
