package platform

func python(version string, kv ...string) Runtime { return rt(RuntimePython, version, kv...) }

func node(version string, kv ...string) Runtime { return rt(RuntimeNode, version, kv...) }

var pyNodeCases = []entryCase{
	{id: "TF-PLAT-PY-MINVERSION", name: "TLSv1_2", facts: only(python("3.11.7", "ssl.minimum_version", "TLSv1_2")), want: Pass},
	{id: "TF-PLAT-PY-MINVERSION", name: "TLSVersion.TLSv1_3", facts: only(python("3.11.7", "ssl.minimum_version", "TLSVersion.TLSv1_3")), want: Pass},
	{id: "TF-PLAT-PY-MINVERSION", name: "TLSv1", facts: only(python("3.11.7", "ssl.minimum_version", "TLSv1")), want: Fail},
	{id: "TF-PLAT-PY-MINVERSION", name: "770", facts: only(python("3.11.7", "ssl.minimum_version", "770")), want: Fail, msg: "TLS 1.1"},
	{id: "TF-PLAT-PY-MINVERSION", name: "MINIMUM_SUPPORTED", facts: only(python("3.11.7", "ssl.minimum_version", "MINIMUM_SUPPORTED")), want: Fail},
	{id: "TF-PLAT-PY-MINVERSION", name: "not read", facts: only(python("3.11.7")), want: Unknown},

	{id: "TF-PLAT-PY-VERSION", name: "3.11", facts: only(python("3.11.7")), want: Pass},
	{id: "TF-PLAT-PY-VERSION", name: "3.9", facts: only(python("3.9.18")), want: Warn},

	{id: "TF-PLAT-NODE-MINVERSION", name: "TLSv1.2", facts: only(node("20.20.2", "tls.DEFAULT_MIN_VERSION", "TLSv1.2")), want: Pass},
	{id: "TF-PLAT-NODE-MINVERSION", name: "TLSv1", facts: only(node("20.20.2", "tls.DEFAULT_MIN_VERSION", "TLSv1")), want: Fail},
	{id: "TF-PLAT-NODE-MINVERSION", name: "not read", facts: only(node("20.20.2")), want: Unknown},

	{id: "TF-PLAT-NODE-OPTIONS", name: "unset", facts: only(node("20.20.2")), want: Pass},
	{id: "TF-PLAT-NODE-OPTIONS", name: "unrelated", facts: only(node("20.20.2", "NODE_OPTIONS", "--max-old-space-size=4096")), want: Pass},
	{id: "TF-PLAT-NODE-OPTIONS", name: "tls-min-v1.0", facts: only(node("20.20.2", "NODE_OPTIONS", "--tls-min-v1.0 --max-old-space-size=4096")), want: Fail},
	{id: "TF-PLAT-NODE-OPTIONS", name: "legacy provider", facts: only(node("20.20.2", "NODE_OPTIONS", "--openssl-legacy-provider")), want: Warn},

	{id: "TF-PLAT-NODE-VERSION", name: "20", facts: only(node("20.20.2")), want: Pass},
	{id: "TF-PLAT-NODE-VERSION", name: "v prefix", facts: only(node("v20.20.2")), want: Pass},
	{id: "TF-PLAT-NODE-VERSION", name: "10", facts: only(node("10.24.1")), want: Warn},
}
