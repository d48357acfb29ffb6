package platform

const jdk17Disabled = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH"

func java(version string, kv ...string) Runtime { return rt(RuntimeJava, version, kv...) }

var javaCases = []entryCase{
	{id: "TF-PLAT-JAVA-DISABLED-ALGORITHMS", name: "OpenJDK 17 default", facts: only(java("17.0.15", "jdk.tls.disabledAlgorithms", jdk17Disabled)), want: Pass},
	{id: "TF-PLAT-JAVA-DISABLED-ALGORITHMS", name: "TLSv1.1 re-enabled", facts: only(java("17.0.15", "jdk.tls.disabledAlgorithms", "SSLv3, TLSv1, RC4")), want: Fail, msg: "TLSv1.1"},
	{id: "TF-PLAT-JAVA-DISABLED-ALGORITHMS", name: "empty", facts: only(java("1.8.0_282", "jdk.tls.disabledAlgorithms", "")), want: Fail, msg: "TLSv1 and TLSv1.1"},
	{id: "TF-PLAT-JAVA-DISABLED-ALGORITHMS", name: "not read", facts: only(java("17.0.15")), want: Unknown},
	{id: "TF-PLAT-JAVA-DISABLED-ALGORITHMS", name: "override file", facts: only(java("17.0.15", "jdk.tls.disabledAlgorithms", jdk17Disabled, "java.security.properties", "/etc/x.security")), want: Unknown},

	{id: "TF-PLAT-JAVA-PROTOCOLS", name: "unset", facts: only(java("17.0.15")), want: Pass},
	{id: "TF-PLAT-JAVA-PROTOCOLS", name: "TLS 1.3 and 1.2", facts: only(java("17.0.15", "jdk.tls.client.protocols", "TLSv1.3,TLSv1.2")), want: Pass},
	{id: "TF-PLAT-JAVA-PROTOCOLS", name: "https.protocols TLSv1", facts: only(java("1.8.0_292", "https.protocols", "TLSv1,TLSv1.2")), want: Fail, msg: "https.protocols names TLSv1"},

	{id: "TF-PLAT-JAVA-VERSION", name: "17.0.15", facts: only(java("17.0.15")), want: Pass},
	{id: "TF-PLAT-JAVA-VERSION", name: "1.8.0_292", facts: only(java("1.8.0_292")), want: Pass},
	{id: "TF-PLAT-JAVA-VERSION", name: "8u282", facts: only(java("8u282")), want: Warn},
	{id: "TF-PLAT-JAVA-VERSION", name: "11.0.10", facts: only(java("11.0.10")), want: Warn},
	{id: "TF-PLAT-JAVA-VERSION", name: "11.0.11+9", facts: only(java("11.0.11+9")), want: Pass},
	{id: "TF-PLAT-JAVA-VERSION", name: "13", facts: only(java("13.0.2")), want: Warn},
	{id: "TF-PLAT-JAVA-VERSION", name: "7", facts: only(java("1.7.0_80")), want: Fail},
	{id: "TF-PLAT-JAVA-VERSION", name: "unknown", facts: only(java("")), want: Unknown},

	{id: "TF-PLAT-JAVA-TLS13", name: "11", facts: only(java("11.0.11")), want: Pass},
	{id: "TF-PLAT-JAVA-TLS13", name: "8u252", facts: only(java("1.8.0_252")), want: Fail},
	{id: "TF-PLAT-JAVA-TLS13", name: "8u261 enabled", facts: only(java("1.8.0_261", "jdk.tls.client.protocols", "TLSv1.3,TLSv1.2")), want: Pass},
	{id: "TF-PLAT-JAVA-TLS13", name: "8u261 default", facts: only(java("1.8.0_261")), want: Fail, msg: "jdk.tls.client.protocols"},
	{id: "TF-PLAT-JAVA-TLS13", name: "17 with TLSv1.3 disabled", facts: only(java("17.0.15", "jdk.tls.disabledAlgorithms", "TLSv1.3, TLSv1")), want: Fail},
}
