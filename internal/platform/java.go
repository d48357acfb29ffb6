package platform

import (
	"crypto/tls"
	"fmt"
	"strconv"
	"strings"

	"github.com/tlsfloor/tlsfloor/internal/finding"
)

var javaEntries = []Entry{
	{
		ID:          "TF-PLAT-JAVA-DISABLED-ALGORITHMS",
		Title:       "Java jdk.tls.disabledAlgorithms disables TLSv1 and TLSv1.1",
		Platform:    "Java",
		Condition:   "Java runtimes (java.security of the JDK or JRE)",
		Requirement: "jdk.tls.disabledAlgorithms lists TLSv1 and TLSv1.1, as OpenJDK 16+, 11.0.11+ and 8u292+ ship it",
		Remediation: "add TLSv1, TLSv1.1 (and SSLv3) to jdk.tls.disabledAlgorithms in $JAVA_HOME/conf/security/java.security (Java 8: jre/lib/security/java.security), and remove any -Djava.security.properties= file or Security.setProperty call that drops them",
		Sources:     []string{srcJDK8254713, srcJDK17Sec},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeJavaDisabled,
	},
	{
		ID:          "TF-PLAT-JAVA-PROTOCOLS",
		Title:       "Java jdk.tls.client.protocols / https.protocols name nothing below TLS 1.2",
		Platform:    "Java",
		Condition:   "Java runtimes (system properties from JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS)",
		Requirement: "jdk.tls.client.protocols and https.protocols, when set, list only TLSv1.2 and TLSv1.3",
		Remediation: "set -Djdk.tls.client.protocols=TLSv1.3,TLSv1.2 and -Dhttps.protocols=TLSv1.3,TLSv1.2 (or remove them) wherever the JVM options are set",
		Sources:     []string{srcJDK17Sec, srcJDK8254713},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeJavaProtocols,
	},
	{
		ID:          "TF-PLAT-JAVA-VERSION",
		Title:       "Java release disables TLS 1.0/1.1 by default",
		Platform:    "Java",
		Condition:   "Java runtimes",
		Requirement: "Java 8 clients default to TLS 1.2 (Java 7 clients do not); TLS 1.0/1.1 are disabled by default from JDK 16, 11.0.11 and 8u292 (Oracle 8u291)",
		Remediation: "upgrade to a current Java 17 or 21 LTS update (at least 8u292 / 11.0.11)",
		Sources:     []string{srcJDK8254713, srcJDK8TLS12},
		Severity:    finding.High,
		MinFloor:    tls.VersionTLS12,
		judge:       judgeJavaVersion,
	},
	{
		ID:          "TF-PLAT-JAVA-TLS13",
		Title:       "Java can use TLS 1.3",
		Platform:    "Java",
		Condition:   "Java runtimes, under a TLS 1.3 floor",
		Requirement: "Java 11 or later (JEP 332); Java 8 from 8u261 only when jdk.tls.client.protocols enables TLSv1.3, since it is off for the default client context there",
		Remediation: "upgrade to Java 11 or later (17/21 LTS recommended); on 8u261+ set -Djdk.tls.client.protocols=TLSv1.3,TLSv1.2",
		Sources:     []string{srcJEP332, srcJDK8245485},
		Severity:    finding.Medium,
		MinFloor:    tls.VersionTLS13,
		judge:       judgeJavaTLS13,
	},
}

// javaVersion reads "1.8.0_292", "8u292", "11.0.11+9", "17.0.15" and "21"
// as a feature release and an update number.
func javaVersion(s string) (major, update int, ok bool) {
	s = strings.TrimSpace(s)
	nums := strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if len(nums) == 0 || !strings.HasPrefix(s, nums[0]) {
		return 0, 0, false
	}
	n := func(i int) int {
		if i >= len(nums) {
			return 0
		}
		x, _ := strconv.Atoi(nums[i])
		return x
	}
	switch {
	case nums[0] == "1" && len(nums) > 1: // 1.8.0_292
		return n(1), n(3), true
	case strings.HasPrefix(strings.ToLower(s[len(nums[0]):]), "u"): // 8u292
		return n(0), n(1), true
	}
	return n(0), n(2), true
}

// javaList splits a protocol or algorithm list into its first words.
func javaList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if f := strings.Fields(item); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// contains reports whether list holds name, ignoring case.
func contains(list []string, name string) bool {
	for _, s := range list {
		if strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// eachJava runs judge on every Java runtime.
func eachJava(f *Facts, judge func(rt Runtime, subj string) []Result) []Result {
	var out []Result
	for _, rt := range runtimes(f, RuntimeJava) {
		out = append(out, judge(rt, runtimeSubject(rt))...)
	}
	return out
}

func judgeJavaDisabled(f *Facts, _ Floor) []Result {
	return eachJava(f, func(rt Runtime, subj string) []Result {
		v, ok := setting(rt.Settings, "jdk.tls.disabledAlgorithms")
		e := ev("jdk.tls.disabledAlgorithms", v)
		if o, _ := setting(rt.Settings, "java.security.properties"); o != "" {
			return one(Unknown, subj, "java.security.properties="+o+" overrides java.security; read jdk.tls.disabledAlgorithms there", e, ev("java.security.properties", o))
		}
		if !ok {
			return one(Unknown, subj, "jdk.tls.disabledAlgorithms not read: look in $JAVA_HOME/conf/security/java.security")
		}
		var missing []string
		for _, p := range []string{"TLSv1", "TLSv1.1"} {
			if !contains(javaList(v), p) {
				missing = append(missing, p)
			}
		}
		if len(missing) > 0 {
			return one(Fail, subj, "jdk.tls.disabledAlgorithms does not disable "+strings.Join(missing, " and ")+": TLS below 1.2 stays usable", e)
		}
		return one(Pass, subj, "jdk.tls.disabledAlgorithms disables TLSv1 and TLSv1.1", e)
	})
}

func judgeJavaProtocols(f *Facts, _ Floor) []Result {
	return eachJava(f, func(rt Runtime, subj string) []Result {
		var bad []string
		var evs []finding.Evidence
		for _, prop := range []string{"jdk.tls.client.protocols", "https.protocols"} {
			v, _ := setting(rt.Settings, prop)
			if v == "" {
				continue
			}
			evs = append(evs, ev(prop, v))
			for _, p := range javaList(v) {
				if ver, ok := parseTLSVersion(p); ok && ver < tls.VersionTLS12 {
					bad = append(bad, prop+" names "+p)
				}
			}
		}
		if len(bad) > 0 {
			return one(Fail, subj, strings.Join(bad, ", ")+": the client asks for TLS below 1.2", evs...)
		}
		if len(evs) == 0 {
			return one(Pass, subj, "jdk.tls.client.protocols and https.protocols are not set: the JDK defaults apply")
		}
		return one(Pass, subj, "the protocol properties name only TLS 1.2 and later", evs...)
	})
}

func judgeJavaVersion(f *Facts, _ Floor) []Result {
	return eachJava(f, func(rt Runtime, subj string) []Result {
		major, update, ok := javaVersion(rt.Version)
		e := ev("java.version", rt.Version)
		switch {
		case !ok:
			return one(Unknown, subj, "Java version not collected: read java.version (java -XshowSettings:properties -version)")
		case major < 8:
			return one(Fail, subj, fmt.Sprintf("Java %d clients do not enable TLS 1.2 by default", major), e)
		case major >= 16, major == 8 && update >= 291, major == 11 && update >= 11:
			return one(Pass, subj, "Java "+rt.Version+" disables TLS 1.0 and 1.1 by default", e)
		}
		return one(Warn, subj, "Java "+rt.Version+" still enables TLS 1.0 and 1.1 by default (disabled from 8u292, 11.0.11 and 16)", e)
	})
}

func judgeJavaTLS13(f *Facts, _ Floor) []Result {
	return eachJava(f, func(rt Runtime, subj string) []Result {
		major, update, ok := javaVersion(rt.Version)
		cp, _ := setting(rt.Settings, "jdk.tls.client.protocols")
		dis, _ := setting(rt.Settings, "jdk.tls.disabledAlgorithms")
		evs := []finding.Evidence{ev("java.version", rt.Version), ev("jdk.tls.client.protocols", cp)}
		on := cp != "" && contains(javaList(cp), "TLSv1.3")
		switch {
		case !ok:
			return one(Unknown, subj, "Java version not collected")
		case contains(javaList(dis), "TLSv1.3"), cp != "" && !on:
			return one(Fail, subj, "TLSv1.3 is disabled or left out of jdk.tls.client.protocols", evs...)
		case major >= 11, major == 8 && update >= 261 && on:
			return one(Pass, subj, "Java "+rt.Version+" uses TLS 1.3", evs...)
		case major == 8 && update >= 261:
			return one(Fail, subj, "Java "+rt.Version+" has TLS 1.3, but it is off for the default client context: set jdk.tls.client.protocols", evs...)
		}
		return one(Fail, subj, "Java "+rt.Version+" has no TLS 1.3 (Java 11+, or 8u261+)", evs...)
	})
}
