// TF-UNITY-004: editor scripts that switch builds back to the legacy runtime.
using UnityEditor;
using UnityEngine;

public static class BuildSettings
{
    [MenuItem("Build/Legacy")]
    static void Legacy()
    {
        PlayerSettings.scriptingRuntimeVersion = ScriptingRuntimeVersion.Legacy; // want "TF-UNITY-004"
        PlayerSettings.apiCompatibilityLevel = ApiCompatibilityLevel.NET_2_0_Subset; // want "TF-UNITY-004"
        PlayerSettings.SetApiCompatibilityLevel(BuildTargetGroup.Standalone, ApiCompatibilityLevel.NET_2_0); // want "TF-UNITY-004"
    }

    [MenuItem("Build/Modern")]
    static void Modern()
    {
        PlayerSettings.scriptingRuntimeVersion = ScriptingRuntimeVersion.Latest; // ok "TF-UNITY-004"
        PlayerSettings.SetApiCompatibilityLevel(BuildTargetGroup.Android, ApiCompatibilityLevel.NET_Standard_2_0); // ok "TF-UNITY-004"
        // PlayerSettings.scriptingRuntimeVersion = ScriptingRuntimeVersion.Legacy; // ok "TF-UNITY-004"
        Debug.Log("PlayerSettings.apiCompatibilityLevel = ApiCompatibilityLevel.NET_2_0"); // ok "TF-UNITY-004"
        if (PlayerSettings.scriptingRuntimeVersion == ScriptingRuntimeVersion.Legacy) { Debug.Log("legacy"); } // ok "TF-UNITY-004"
    }
}
