package sarif

// The types below are the subset of the SARIF 2.1.0 object model that
// tlsfloor writes. Field names follow the specification's property names.

// sarifLog is the top-level object.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []run  `json:"runs"`
}

// run is one run of the tool.
type run struct {
	Tool               tool                        `json:"tool"`
	Invocations        []invocation                `json:"invocations"`
	AutomationDetails  automationDetails           `json:"automationDetails"`
	OriginalURIBaseIDs map[string]artifactLocation `json:"originalUriBaseIds,omitempty"`
	Results            []result                    `json:"results"`
}

// tool names the program; tlsfloor has no extensions.
type tool struct {
	Driver driver `json:"driver"`
}

// driver is the toolComponent that ran.
type driver struct {
	Name            string       `json:"name"`
	InformationURI  string       `json:"informationUri"`
	Version         string       `json:"version,omitempty"`
	SemanticVersion string       `json:"semanticVersion,omitempty"`
	Rules           []descriptor `json:"rules"`
}

// descriptor is a reportingDescriptor: one rule.
type descriptor struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     message        `json:"shortDescription"`
	FullDescription      message        `json:"fullDescription"`
	Help                 help           `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration configuration  `json:"defaultConfiguration"`
	Properties           ruleProperties `json:"properties"`
}

// message is a message, multiformatMessageString or artifactContent
// holding plain text only.
type message struct {
	Text string `json:"text"`
}

// help is a multiformatMessageString with both forms.
type help struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

// configuration is a reportingConfiguration.
type configuration struct {
	Level string `json:"level"`
}

// ruleProperties is a rule's property bag, as GitHub reads it.
type ruleProperties struct {
	Tags             []string `json:"tags"`
	Precision        string   `json:"precision"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

// invocation describes the run of the process.
type invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	StartTimeUTC               string         `json:"startTimeUtc,omitempty"`
	ToolExecutionNotifications []notification `json:"toolExecutionNotifications,omitempty"`
}

// notification is a condition of the tool rather than of the code.
type notification struct {
	Level   string  `json:"level"`
	Message message `json:"message"`
}

// automationDetails identifies the kind of run across uploads.
type automationDetails struct {
	ID string `json:"id"`
}

// result is one finding.
type result struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Kind                string            `json:"kind,omitempty"`
	Level               string            `json:"level"`
	Message             message           `json:"message"`
	Locations           []location        `json:"locations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []suppression     `json:"suppressions,omitempty"`
}

// location is where a result was found: a file or a named resource.
type location struct {
	PhysicalLocation *physicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []logicalLocation `json:"logicalLocations,omitempty"`
}

// physicalLocation is a region of a file.
type physicalLocation struct {
	ArtifactLocation artifactLocation `json:"artifactLocation"`
	Region           *region          `json:"region,omitempty"`
}

// artifactLocation is a file, by URI.
type artifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// region is a span of lines and columns, 1-based; zero fields are unknown.
type region struct {
	StartLine   int      `json:"startLine"`
	StartColumn int      `json:"startColumn,omitempty"`
	EndLine     int      `json:"endLine,omitempty"`
	EndColumn   int      `json:"endColumn,omitempty"`
	Snippet     *message `json:"snippet,omitempty"`
}

// logicalLocation names something that is not a file.
type logicalLocation struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// suppression records that a result is suppressed, and why.
type suppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}
