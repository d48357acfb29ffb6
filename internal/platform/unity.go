package platform

func judgeUnityVersion(f *Facts, _ Floor) []Result {
	return eachProject(f, RuntimeUnity, func(p Project) []Result {
		return minVersion(p, []string{"m_EditorVersion"}, "2018.2", "Unity editor")
	})
}

func judgeUnityRuntime(f *Facts, _ Floor) []Result {
	return eachProject(f, RuntimeUnity, func(p Project) []Result {
		subj := projectSubject(p)
		v, ok := setting(p.Settings, "scriptingRuntimeVersion")
		e := ev("scriptingRuntimeVersion", v)
		switch {
		case !ok || v == "":
			// Projects older than the 4.x option have no key (unverified);
			// a binary ProjectSettings.asset cannot be read at all.
			return one(Unknown, subj, "scriptingRuntimeVersion not found in ProjectSettings.asset: check Player > Scripting Runtime Version")
		case v == "1":
			return one(Pass, subj, "scriptingRuntimeVersion: 1 (.NET 4.x Equivalent) brings TLS 1.2", e)
		case v == "0":
			return one(Fail, subj, "scriptingRuntimeVersion: 0 is the legacy .NET 3.5 runtime, without TLS 1.2", e)
		}
		return one(Unknown, subj, "scriptingRuntimeVersion: "+v+" is not a value this check knows", e)
	})
}

func judgeBlazor(f *Facts, _ Floor) []Result {
	const msg = "Blazor WebAssembly sends HTTP through the browser: the browser decides the TLS version, and every WebAssembly-capable browser had TLS 1.2 first"
	var out []Result
	for _, rt := range runtimes(f, RuntimeBlazorWasm) {
		out = append(out, res(Pass, runtimeSubject(rt), msg))
	}
	for _, p := range projects(f, RuntimeBlazorWasm) {
		out = append(out, res(Pass, projectSubject(p), msg))
	}
	return out
}
