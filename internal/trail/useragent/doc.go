// Package useragent reads the userAgent field of a CloudTrail record and
// says what it can about the caller: the SDK or tool, its version, the
// language runtime, the operating system, and what the string cannot tell.
//
// # Recognised
//
//   - AWS SDK for .NET: legacy aws-sdk-dotnet-35, -45, -coreclr,
//     -netstandard, -pcl, -unity, aws-sdk-unity and aws-sdk-dotnet bases
//     with .NET_Runtime/, .NET_Framework/, .NET_Core/ and OS/ tokens (also
//     the older ".NET Runtime/" form with spaces), and the UA 2.0 form with
//     os/windows#, lang/.NET_Runtime# and md/.NET_Framework#; aws-sdk-net.
//   - AWS Tools for PowerShell: AWSPowerShell/, AWSPowerShell.Common/,
//     AWSPowerShell.NetCore/ with WindowsPowerShell/ or PowerShellCore/.
//   - AWS SDK for Java v1 and v2 (legacy and UA 2.1 forms).
//   - boto3, botocore and the AWS CLI v1 and v2 (legacy and UA 2.x forms).
//   - AWS SDK for Go v1 ("(go1.x; os; arch)"), v2 pre-GA, "/" and "#" forms.
//   - AWS SDK for JavaScript v2 (aws-sdk-nodejs, aws-sdk-js/2) and v3.
//   - AWS SDK for Ruby (aws-sdk-ruby2, aws-sdk-ruby3) and PHP.
//   - Terraform (APN/1.0 HashiCorp/1.0 Terraform/… and the 2016
//     terraform/… form), with the provider and the SDK underneath.
//   - Console and AWS-operated callers: "AWS Internal", aws-internal/3,
//     *Console*, Coral/, and service principals (*.amazonaws.com).
//   - Agents wrapped in "[…]", joined by ", ", prefixed by tool tokens, and
//     truncated at CloudTrail's 1 KB limit.
//
// Anything else is Family "unknown" with the raw string kept.
//
// # What an agent cannot tell
//
// A user agent is what the client says about itself, and it leaves gaps
// that [Agent.Unknowns] lists with what to check instead. The legacy
// .NET_Framework/4.0 token stands for every .NET Framework from 4.0 to
// 4.8.1 (check the application's TargetFramework or the NDP\v4\Full
// Release registry value); a Windows version of 6.1.7601 is Windows 7 SP1
// or Windows Server 2008 R2 SP1; 6.2.9200 may be a newer Windows hidden by
// the compatibility shim; no agent carries the SCHANNEL or .NETFramework
// registry values, the installed hotfixes (KB3154518 and the like), the
// OpenSSL version, the JVM's jdk.tls settings or GODEBUG.
// [Agent.Facts] turns what is known into [platform.Facts] and leaves the
// rest zero, so the knowledge base reports it as unknown.
package useragent
