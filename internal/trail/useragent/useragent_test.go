package useragent

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parseCases are real-looking agents from the catalogue, one or more per
// family, with every field they should give. Raw is filled from ua.
// testdata/agents.txt holds the same agents as fuzz seeds.
var parseCases = []struct {
	name string
	ua   string
	want Agent
}{
	{"dotnet-35 legacy Win7 SP1", "aws-sdk-dotnet-35/3.3.1.0 aws-sdk-dotnet-core/3.3.1.0 .NET_Runtime/2.0 .NET_Framework/3.5 OS/Microsoft_Windows_NT_6.1.7601_Service_Pack_1 ClientSync", Agent{Family: "aws-sdk-net", SDK: "aws-sdk-dotnet-35", SDKVersion: "3.3.1.0", Core: "aws-sdk-dotnet-core/3.3.1.0", Runtime: ".NET Framework", RuntimeVersion: "3.5", CLRVersion: "2.0", OS: "windows", OSVersion: "6.1.7601", OSBuild: 7601, ServicePack: 1, Unknowns: []string{note7601, noteRegistry}}},
	{"dotnet-45 legacy 4.0", "aws-sdk-dotnet-45/3.3.110.50 aws-sdk-dotnet-core/3.3.104.38 .NET_Runtime/4.0 .NET_Framework/4.0 OS/Microsoft_Windows_NT_6.1.7601_Service_Pack_1 ClientSync", Agent{Family: "aws-sdk-net", SDK: "aws-sdk-dotnet-45", SDKVersion: "3.3.110.50", Core: "aws-sdk-dotnet-core/3.3.104.38", Runtime: ".NET Framework", CLRVersion: "4.0", OS: "windows", OSVersion: "6.1.7601", OSBuild: 7601, ServicePack: 1, Unknowns: []string{note7601, noteFramework40, noteRegistry}}},
	{"dotnet older spaced template", "aws-sdk-dotnet/1.5.0.0/S3 .NET Runtime/4.0 .NET Framework/4.0 OS/Microsoft Windows NT 6.1.7601 Service Pack 1 ClientSync", Agent{Family: "aws-sdk-net", SDK: "aws-sdk-dotnet", SDKVersion: "1.5.0.0", Runtime: ".NET Framework", CLRVersion: "4.0", OS: "windows", OSVersion: "6.1.7601", OSBuild: 7601, ServicePack: 1, Unknowns: []string{note7601, noteFramework40, noteRegistry}}},
	{"dotnet-coreclr legacy", "aws-sdk-dotnet-coreclr/3.3.5.0 aws-sdk-dotnet-core/3.3.17.4 .NET_Core/4.6.26614.01 OS/Microsoft_Windows_10.0.15063 ClientAsync AWSDotNetCognito/1.0.0.0", Agent{Family: "aws-sdk-net", SDK: "aws-sdk-dotnet-coreclr", SDKVersion: "3.3.5.0", Core: "aws-sdk-dotnet-core/3.3.17.4", Runtime: ".NET Core", RuntimeVersion: "4.6.26614.01", OS: "windows", OSVersion: "10.0.15063", OSBuild: 15063, Unknowns: []string{noteRegistry, ".NET_Core/4.6.26614.01 is a System.Runtime file version (.NET Core 1.x or 2.x), not the product version: check the application's TargetFramework"}}},
	{"dotnet-netstandard legacy", "aws-sdk-dotnet-netstandard/3.5.2.27 aws-sdk-dotnet-core/3.5.2.9 .NET_Core/3.1.12 OS/Microsoft_Windows_10.0.18363 exec-env/aws-dotnet-deploy-cli_0.1.1 ClientAsync Paginator", Agent{Family: "aws-sdk-net", SDK: "aws-sdk-dotnet-netstandard", SDKVersion: "3.5.2.27", Core: "aws-sdk-dotnet-core/3.5.2.9", Runtime: ".NET Core", RuntimeVersion: "3.1.12", OS: "windows", OSVersion: "10.0.18363", OSBuild: 18363, ExecEnv: "aws-dotnet-deploy-cli_0.1.1", Unknowns: []string{noteRegistry}}},
	{"dotnet-pcl legacy", "aws-sdk-dotnet-pcl/3.1.0.0 aws-sdk-dotnet-core/3.1.0.0 .NET_Runtime/4.0 .NET_Framework/Unknown OS/Unknown ClientAsync", Agent{Family: "aws-sdk-net", SDK: "aws-sdk-dotnet-pcl", SDKVersion: "3.1.0.0", Core: "aws-sdk-dotnet-core/3.1.0.0", CLRVersion: "4.0", Unknowns: []string{noteFrameworkUnknown, notePCL}}},
	{"dotnet-unity legacy", "aws-sdk-unity/3.3.0.0 aws-sdk-core/3.3.0.0 .NET_Runtime/Unknown .NET_Framework/Unknown ClientAsync", Agent{Family: "aws-sdk-net", SDK: "aws-sdk-unity", SDKVersion: "3.3.0.0", Core: "aws-sdk-core/3.3.0.0", Unknowns: []string{noteFrameworkUnknown, noteUnity}}},
	{"dotnet-45 UA 2.0", "aws-sdk-dotnet-45/3.7.300.16 md/aws-sdk-dotnet-core#3.7.300.16 ua/2.0 os/windows#6.2.9200.0 lang/.NET_Runtime#4.0 md/.NET_Framework#4.8.09037", Agent{Family: "aws-sdk-net", SDK: "aws-sdk-dotnet-45", SDKVersion: "3.7.300.16", Core: "aws-sdk-dotnet-core/3.7.300.16", Runtime: ".NET Framework", RuntimeVersion: "4.8.09037", CLRVersion: "4.0", OS: "windows", OSVersion: "6.2.9200.0", OSBuild: 9200, Unknowns: []string{note9200, noteRegistry}}},
	{"aws-sdk-net UA 2.0 Win7 SP1", "aws-sdk-net/3.7.400.1 ua/2.0 os/windows#6.1.7601.65536 md/.NET_Framework#4.8.04084", Agent{Family: "aws-sdk-net", SDK: "aws-sdk-net", SDKVersion: "3.7.400.1", Runtime: ".NET Framework", RuntimeVersion: "4.8.04084", OS: "windows", OSVersion: "6.1.7601.65536", OSBuild: 7601, ServicePack: 1, Unknowns: []string{note7601, noteRegistry}}},
	{"dotnet-coreclr UA 2.0 Lambda PowerShell", "aws-sdk-dotnet-coreclr/3.7.300.2 md/aws-sdk-dotnet-core#3.7.300.2 ua/2.0 os/linux#5.10.0 lang/.NET_Core#6.0.25 lib/AWSLambdaPSCore#3.0.1.0", Agent{Family: "aws-sdk-net", SDK: "aws-sdk-dotnet-coreclr", SDKVersion: "3.7.300.2", Core: "aws-sdk-dotnet-core/3.7.300.2", Runtime: ".NET Core", RuntimeVersion: "6.0.25", OS: "linux", OSVersion: "5.10.0", Tool: "AWSLambdaPSCore/3.0.1.0"}},
	{"powershell legacy", "AWSPowerShell/3.3.563.1 .NET_Runtime/4.0 .NET_Framework/4.0 OS/Microsoft_Windows_NT_6.3.9600.0 WindowsPowerShell/5.1 ClientSync", Agent{Family: "powershell", SDK: "AWSPowerShell", SDKVersion: "3.3.563.1", Runtime: ".NET Framework", CLRVersion: "4.0", OS: "windows", OSVersion: "6.3.9600.0", OSBuild: 9600, Tool: "AWSPowerShell/3.3.563.1 WindowsPowerShell/5.1", Unknowns: []string{noteFramework40, noteRegistry}}},
	{"powershell common CloudShell", "AWSPowerShell.Common/4.1.90.0 .NET_Core/6.0.5 OS/Unix_5.10.223.211.872.amzn2.x86_64 PowerShellCore/7.-1 ClientAsync exec-env/CloudShell", Agent{Family: "powershell", SDK: "AWSPowerShell.Common", SDKVersion: "4.1.90.0", Runtime: ".NET Core", RuntimeVersion: "6.0.5", OS: "unix", OSVersion: "5.10.223.211.872.amzn2.x86_64", ExecEnv: "CloudShell", Tool: "AWSPowerShell.Common/4.1.90.0 PowerShellCore/7.-1", Unknowns: []string{notePSCore}}},
	{"java v1", "aws-sdk-java/1.12.261 Linux/4.14.287-215.504.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/25.342-b07 java/1.8.0_342 vendor/Amazon.com_Inc. cfg/retry-mode/standard", Agent{Family: "aws-sdk-java", SDK: "aws-sdk-java", SDKVersion: "1.12.261", Runtime: "Java", RuntimeVersion: "1.8.0_342", OS: "linux", OSVersion: "4.14.287-215.504.amzn2.x86_64", Unknowns: []string{noteJava}}},
	{"java v1 Windows Server", "aws-sdk-java/1.11.415 Windows_Server_2008_R2/6.1 Java_HotSpot(TM)_64-Bit_Server_VM/25.181-b13 java/1.8.0_181", Agent{Family: "aws-sdk-java", SDK: "aws-sdk-java", SDKVersion: "1.11.415", Runtime: "Java", RuntimeVersion: "1.8.0_181", OS: "windows", OSVersion: "6.1", Server: true, Unknowns: []string{noteJava}}},
	{"java v1 old vm token", "aws-sdk-java/1.10.77 Linux/3.13.0-74-generic Java_HotSpot(TM)_64-Bit_Server_VM/25.91-b14/1.8.0_91", Agent{Family: "aws-sdk-java", SDK: "aws-sdk-java", SDKVersion: "1.10.77", Runtime: "Java", RuntimeVersion: "1.8.0_91", OS: "linux", OSVersion: "3.13.0-74-generic", Unknowns: []string{noteJava}}},
	{"java v2 legacy", "aws-sdk-java/2.10.56 Linux/4.14.158-129.185.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/11.0.5+10-LTS Java/11.0.5 vendor/Amazon.com_Inc. io/sync http/Apache", Agent{Family: "aws-sdk-java-v2", SDK: "aws-sdk-java", SDKVersion: "2.10.56", Runtime: "Java", RuntimeVersion: "11.0.5", OS: "linux", OSVersion: "4.14.158-129.185.amzn2.x86_64", Unknowns: []string{noteJava}}},
	{"java v2 UA 2.1", "aws-sdk-java/2.42.6 md/io#sync md/http#Apache ua/2.1 api/Lambda#2.42.x os/Linux#5.10.247-280.992.amzn2.aarch64 lang/java#17.0.18 md/OpenJDK_64-Bit_Server_VM#17.0.18+8-LTS md/vendor#Amazon.com_Inc. md/en_US exec-env/AWS_Lambda_java17 m/D,g @aws/durable-execution-sdk-java/0.1.0", Agent{Family: "aws-sdk-java-v2", SDK: "aws-sdk-java", SDKVersion: "2.42.6", Runtime: "Java", RuntimeVersion: "17.0.18", OS: "linux", OSVersion: "5.10.247-280.992.amzn2.aarch64", ExecEnv: "AWS_Lambda_java17", Unknowns: []string{noteJava}}},
	{"boto3 legacy", "Boto3/1.9.201 Python/2.7.16 Linux/4.14.133-113.105.amzn2.x86_64 Botocore/1.12.201", Agent{Family: "boto3", SDK: "Boto3", SDKVersion: "1.9.201", Core: "botocore/1.12.201", Runtime: "Python", RuntimeVersion: "2.7.16", OS: "linux", OSVersion: "4.14.133-113.105.amzn2.x86_64", Unknowns: []string{notePython}}},
	{"boto3 UA 2.0", "Boto3/1.28.57 md/Botocore#1.31.57 ua/2.0 os/linux#5.10.186-179.751.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.5 md/pyimpl#CPython exec-env/AWS_Lambda_python3.11 cfg/retry-mode#legacy Botocore/1.31.57", Agent{Family: "boto3", SDK: "Boto3", SDKVersion: "1.28.57", Core: "botocore/1.31.57", Runtime: "Python", RuntimeVersion: "3.11.5", OS: "linux", OSVersion: "5.10.186-179.751.amzn2.x86_64", ExecEnv: "AWS_Lambda_python3.11", Unknowns: []string{notePython}}},
	{"botocore legacy", "Botocore/1.20.0 Python/3.8.5 Darwin/19.6.0", Agent{Family: "botocore", SDK: "Botocore", SDKVersion: "1.20.0", Runtime: "Python", RuntimeVersion: "3.8.5", OS: "macos", OSVersion: "19.6.0", Unknowns: []string{notePython}}},
	{"botocore UA 2.1", "Botocore/1.36.20 ua/2.1 os/macos#23.1.0 md/arch#arm64 lang/python#3.12.0 md/pyimpl#CPython cfg/retry-mode#legacy", Agent{Family: "botocore", SDK: "Botocore", SDKVersion: "1.36.20", Runtime: "Python", RuntimeVersion: "3.12.0", OS: "macos", OSVersion: "23.1.0", Unknowns: []string{notePython}}},
	{"aws-cli v1", "aws-cli/1.18.69 Python/2.7.18 Linux/4.14.165-133.209.amzn2.x86_64 botocore/1.16.19", Agent{Family: "aws-cli", SDK: "aws-cli", SDKVersion: "1.18.69", Core: "botocore/1.16.19", Runtime: "Python", RuntimeVersion: "2.7.18", OS: "linux", OSVersion: "4.14.165-133.209.amzn2.x86_64", Unknowns: []string{notePython}}},
	{"aws-cli v1 catalogue", "aws-cli/1.3.23 Python/2.7.6 Linux/2.6.18-164.el5", Agent{Family: "aws-cli", SDK: "aws-cli", SDKVersion: "1.3.23", Runtime: "Python", RuntimeVersion: "2.7.6", OS: "linux", OSVersion: "2.6.18-164.el5", Unknowns: []string{notePython}}},
	{"aws-cli v2 legacy CloudShell", "aws-cli/2.2.5 Python/3.8.8 Linux/4.14.232-176.381.amzn2.x86_64 exec-env/CloudShell exe/x86_64.amzn.2 prompt/off command/s3.ls", Agent{Family: "aws-cli", SDK: "aws-cli", SDKVersion: "2.2.5", Runtime: "Python", RuntimeVersion: "3.8.8", OS: "linux", OSVersion: "4.14.232-176.381.amzn2.x86_64", ExecEnv: "CloudShell", Unknowns: []string{noteCLIv2}}},
	{"aws-cli v2 UA 2.0", "aws-cli/2.15.0 md/awscrt#0.19.17 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#sts.get-caller-identity", Agent{Family: "aws-cli", SDK: "aws-cli", SDKVersion: "2.15.0", Runtime: "Python", RuntimeVersion: "3.11.6", OS: "windows", OSVersion: "10", Unknowns: []string{noteCLIv2}}},
	{"go v1", "aws-sdk-go/1.5.8 (go1.7.3; darwin; amd64)", Agent{Family: "aws-sdk-go", SDK: "aws-sdk-go", SDKVersion: "1.5.8", Runtime: "Go", RuntimeVersion: "1.7.3", OS: "macos", Unknowns: []string{noteGo}}},
	{"go v1 Lambda", "aws-sdk-go/1.44.0 (go1.18.1; linux; amd64) exec-env/AWS_Lambda_go1.x", Agent{Family: "aws-sdk-go", SDK: "aws-sdk-go", SDKVersion: "1.44.0", Runtime: "Go", RuntimeVersion: "1.18.1", OS: "linux", ExecEnv: "AWS_Lambda_go1.x", Unknowns: []string{noteGo}}},
	{"go v1 S3 wrapped", "[aws-sdk-go/1.1.0 (go1.5.2; darwin; amd64)]", Agent{Family: "aws-sdk-go", SDK: "aws-sdk-go", SDKVersion: "1.1.0", Runtime: "Go", RuntimeVersion: "1.5.2", OS: "macos", Unknowns: []string{noteGo}}},
	{"go v1 sdt prefix", "sdt/0.1.0 aws-sdk-go/1.12.8 (go1.9; darwin; amd64)", Agent{Family: "aws-sdk-go", SDK: "aws-sdk-go", SDKVersion: "1.12.8", Runtime: "Go", RuntimeVersion: "1.9", OS: "macos", Tool: "sdt/0.1.0", Unknowns: []string{noteGo}}},
	{"go v1 crossplane suffix", "aws-sdk-go/1.44.0 (go1.17.6; linux; amd64) crossplane-provider-jet-aws/v0.4.0", Agent{Family: "aws-sdk-go", SDK: "aws-sdk-go", SDKVersion: "1.44.0", Runtime: "Go", RuntimeVersion: "1.17.6", OS: "linux", Tool: "crossplane-provider-jet-aws/v0.4.0", Unknowns: []string{noteGo}}},
	{"go v2 pre-GA", "aws-sdk-go/2.3.4 GOOS/linux GOARCH/amd64 GO/go1.14", Agent{Family: "aws-sdk-go-v2", SDK: "aws-sdk-go", SDKVersion: "2.3.4", Runtime: "Go", RuntimeVersion: "1.14", OS: "linux", Unknowns: []string{noteGo}}},
	{"go v2 slash form", "aws-sdk-go-v2/1.9.1 os/macos lang/go/1.17 md/GOOS/darwin md/GOARCH/amd64 api/cloudcontrol/1.0.0", Agent{Family: "aws-sdk-go-v2", SDK: "aws-sdk-go-v2", SDKVersion: "1.9.1", Runtime: "Go", RuntimeVersion: "1.17", OS: "macos", Unknowns: []string{noteGo}}},
	{"go v2 hash form", "aws-sdk-go-v2/1.24.1 os/linux lang/go#1.20.4 md/GOOS#linux md/GOARCH#arm64 api/sts#1.26.7", Agent{Family: "aws-sdk-go-v2", SDK: "aws-sdk-go-v2", SDKVersion: "1.24.1", Runtime: "Go", RuntimeVersion: "1.20.4", OS: "linux", Unknowns: []string{noteGo}}},
	{"go v2 metrics first", "m/E aws-sdk-go-v2/1.32.5 os/macos lang/go#1.22.0 md/GOOS#darwin md/GOARCH#arm64 api/s3#1.69.0", Agent{Family: "aws-sdk-go-v2", SDK: "aws-sdk-go-v2", SDKVersion: "1.32.5", Runtime: "Go", RuntimeVersion: "1.22.0", OS: "macos", Unknowns: []string{noteGo}}},
	{"go v2 UA 2.1", "aws-sdk-go-v2/1.32.5 ua/2.1 os/macos lang/go#1.22.0 md/GOOS#darwin md/GOARCH#arm64 api/s3#1.69.0 m/E", Agent{Family: "aws-sdk-go-v2", SDK: "aws-sdk-go-v2", SDKVersion: "1.32.5", Runtime: "Go", RuntimeVersion: "1.22.0", OS: "macos", Unknowns: []string{noteGo}}},
	{"js v2 node", "aws-sdk-nodejs/2.1692.0 linux/v18.17.0 exec-env/AWS_Lambda_nodejs18.x", Agent{Family: "aws-sdk-js", SDK: "aws-sdk-nodejs", SDKVersion: "2.1692.0", Runtime: "Node.js", RuntimeVersion: "18.17.0", OS: "linux", ExecEnv: "AWS_Lambda_nodejs18.x"}},
	{"js v2 browser", "aws-sdk-js/2.1001.0", Agent{Family: "aws-sdk-js", SDK: "aws-sdk-js", SDKVersion: "2.1001.0", Runtime: "browser", Unknowns: []string{noteBrowser}}},
	{"js v3 first form", "aws-sdk-js/3.0.0-rc.9 os/linux/4.14.200-155.322.amzn2.x86_64 lang/js md/nodejs/12.14.0 api/iam/3.0.0-rc.9 cfg/retry-mode/standard", Agent{Family: "aws-sdk-js-v3", SDK: "aws-sdk-js", SDKVersion: "3.0.0-rc.9", Runtime: "Node.js", RuntimeVersion: "12.14.0", OS: "linux", OSVersion: "4.14.200-155.322.amzn2.x86_64"}},
	{"js v3 UA 2.1", "aws-sdk-js/3.922.0 ua/2.1 os/darwin#24.6.0 lang/js md/nodejs#22.19.0 api/bedrock-runtime#3.922.0 m/E,e app/RooCode#3.30.1", Agent{Family: "aws-sdk-js-v3", SDK: "aws-sdk-js", SDKVersion: "3.922.0", Runtime: "Node.js", RuntimeVersion: "22.19.0", OS: "macos", OSVersion: "24.6.0", Tool: "RooCode/3.30.1"}},
	{"ruby UA 2.1", "aws-sdk-ruby3/3.191.0 ua/2.1 api/s3#1.143.0 os/linux#5.15.0 md/x86_64 lang/ruby#3.2.2 md/3.2.2 m/A,D", Agent{Family: "aws-sdk-ruby", SDK: "aws-sdk-ruby3", SDKVersion: "3.191.0", Runtime: "Ruby", RuntimeVersion: "3.2.2", OS: "linux", OSVersion: "5.15.0"}},
	{"ruby legacy", "aws-sdk-ruby3/3.130.0 ruby/2.7.6 x86_64-linux aws-sdk-s3/1.114.0", Agent{Family: "aws-sdk-ruby", SDK: "aws-sdk-ruby3", SDKVersion: "3.130.0", Runtime: "Ruby", RuntimeVersion: "2.7.6", OS: "linux"}},
	{"ruby2 legacy Windows", "aws-sdk-ruby2/2.11.632 ruby/2.4.10 x64-mingw32 resources", Agent{Family: "aws-sdk-ruby", SDK: "aws-sdk-ruby2", SDKVersion: "2.11.632", Runtime: "Ruby", RuntimeVersion: "2.4.10", OS: "windows"}},
	{"php", "aws-sdk-php/3.209.0 OS/Linux#5.4.0 lang/php#8.1.2 GuzzleHttp/7", Agent{Family: "aws-sdk-php", SDK: "aws-sdk-php", SDKVersion: "3.209.0", Runtime: "PHP", RuntimeVersion: "8.1.2", OS: "linux", OSVersion: "5.4.0"}},
	{"php older", "aws-sdk-php/3.100.0 OS/Linux/4.15.0", Agent{Family: "aws-sdk-php", SDK: "aws-sdk-php", SDKVersion: "3.100.0", OS: "linux", OSVersion: "4.15.0"}},
	{"terraform go v1", "APN/1.0 HashiCorp/1.0 Terraform/1.1.2 (+https://www.terraform.io) terraform-provider-aws/3.76.1 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.44.157 (go1.19.3; darwin; arm64) HashiCorp-terraform-exec/0.17.3", Agent{Family: "terraform", SDK: "aws-sdk-go", SDKVersion: "1.44.157", Runtime: "Go", RuntimeVersion: "1.19.3", OS: "macos", Tool: "Terraform/1.1.2 terraform-provider-aws/3.76.1 HashiCorp-terraform-exec/0.17.3", Unknowns: []string{noteGo, noteTerraform}}},
	{"terraform go v2", "APN/1.0 HashiCorp/1.0 Terraform/1.5.7 (+https://www.terraform.io) terraform-provider-aws/5.31.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.24.0 os/linux lang/go#1.20.12 md/GOOS#linux md/GOARCH#amd64 api/sts#1.26.6", Agent{Family: "terraform", SDK: "aws-sdk-go-v2", SDKVersion: "1.24.0", Runtime: "Go", RuntimeVersion: "1.20.12", OS: "linux", Tool: "Terraform/1.5.7 terraform-provider-aws/5.31.0", Unknowns: []string{noteGo, noteTerraform}}},
	{"terraform 2016", "terraform/0.7.10 aws-sdk-go/1.5.4 (go1.7.3; darwin; amd64)", Agent{Family: "terraform", SDK: "aws-sdk-go", SDKVersion: "1.5.4", Runtime: "Go", RuntimeVersion: "1.7.3", OS: "macos", Tool: "terraform/0.7.10", Unknowns: []string{noteGo, noteTerraform}}},
	{"console", "console.amazonaws.com", Agent{Family: "console"}},
	{"console signin", "signin.amazonaws.com", Agent{Family: "console"}},
	{"console S3 joined", "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.488 Linux/5.10.184 OpenJDK_64-Bit_Server_VM/25.372-b08 java/1.8.0_372 vendor/Oracle_Corporation cfg/retry-mode/standard]", Agent{Family: "console"}},
	{"console CloudWatch", "AWS CloudWatch Console", Agent{Family: "console"}},
	{"service AWS Internal", "AWS Internal", Agent{Family: "aws-service"}},
	{"service AWS Internal hash", "AWS Internal/3", Agent{Family: "aws-service"}},
	{"service Amazon Internal", "Amazon Internal", Agent{Family: "aws-service"}},
	{"service principal", "lambda.amazonaws.com", Agent{Family: "aws-service"}},
	{"service aws-internal", "aws-internal/3 aws-sdk-java/1.12.488 Linux/5.10.184 OpenJDK_64-Bit_Server_VM/25.372-b08 java/1.8.0_372 vendor/Oracle_Corporation", Agent{Family: "aws-service"}},
	{"service Coral", "Coral/Netty4", Agent{Family: "aws-service"}},
	{"service CloudTrail", "[AWSCloudTrail, aws-internal/3 aws-sdk-java/1.12.488]", Agent{Family: "aws-service"}},
	{"unknown browser", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36", Agent{Family: "unknown"}},
	{"unknown Apache HttpClient", "Apache-HttpClient/UNAVAILABLE (Java/1.8.0_252)", Agent{Family: "unknown", Runtime: "Java", RuntimeVersion: "1.8.0_252"}},
	{"unknown replaced", "RooCode/3.30.1 m/E,e", Agent{Family: "unknown"}},
	{"truncated go comment", "aws-sdk-go/1.44.0 (go1.18.1; lin", Agent{Family: "aws-sdk-go", SDK: "aws-sdk-go", SDKVersion: "1.44.0", Runtime: "Go", RuntimeVersion: "1.18.1", Truncated: true, Unknowns: []string{noteGo, noteTruncated}}},
	{"truncated S3 wrapper", "[aws-sdk-go/1.1.0 (go1.5.2; darwin; amd64)", Agent{Family: "aws-sdk-go", SDK: "aws-sdk-go", SDKVersion: "1.1.0", Runtime: "Go", RuntimeVersion: "1.5.2", OS: "macos", Truncated: true, Unknowns: []string{noteGo, noteTruncated}}},
	{"garbage empty", "", Agent{Family: "unknown"}},
	{"garbage slashes", "////", Agent{Family: "unknown"}},
	{"garbage parens", "((( )) (", Agent{Family: "unknown", Truncated: true, Unknowns: []string{noteTruncated}}},
	{"garbage hash", "#/#/# os/ lang/ md/", Agent{Family: "unknown"}},
	{"garbage binary", "ÿþ aws-sdk-go/ (", Agent{Family: "unknown", Truncated: true, Unknowns: []string{noteTruncated}}},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			want.Raw = tc.ua
			if diff := cmp.Diff(want, Parse(tc.ua)); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tc.ua, diff)
			}
		})
	}
}

func TestParseTruncatedAt1KB(t *testing.T) {
	full := "aws-sdk-java/2.42.6 md/io#sync md/http#Apache ua/2.1 api/Lambda#2.42.x os/Linux#5.10.247 lang/java#17.0.18 md/OpenJDK_64-Bit_Server_VM#17.0.18+8-LTS exec-env/AWS_Lambda_java17"
	for len(full) < 2*TruncateLimit {
		full += " app/some-long-application-identifier#1.0.0"
	}
	ua := full[:TruncateLimit]
	want := Agent{
		Raw: ua, Family: FamilyJavaV2, SDK: "aws-sdk-java", SDKVersion: "2.42.6",
		Runtime: RuntimeJava, RuntimeVersion: "17.0.18", OS: "linux", OSVersion: "5.10.247",
		ExecEnv: "AWS_Lambda_java17", Tool: Parse(ua).Tool, Truncated: true,
		Unknowns: []string{noteJava, noteTruncated},
	}
	if diff := cmp.Diff(want, Parse(ua)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(want.Tool, "some-long-application-identifier/1.0.0") {
		t.Errorf("Tool = %q, want the app/ token", want.Tool)
	}
}

func TestAgentsFileMatchesCases(t *testing.T) {
	agents := readAgents(t)
	if len(agents) != len(parseCases) {
		t.Fatalf("testdata/agents.txt has %d agents, parseCases %d", len(agents), len(parseCases))
	}
	for i, tc := range parseCases {
		if agents[i] != tc.ua {
			t.Errorf("agents.txt line for %q = %q, want %q", tc.name, agents[i], tc.ua)
		}
	}
}

func TestFamiliesCovered(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range parseCases {
		seen[tc.want.Family] = true
	}
	for _, f := range []string{FamilyNet, FamilyPowerShell, FamilyJava, FamilyJavaV2, FamilyBoto3, FamilyBotocore, FamilyCLI, FamilyGo, FamilyGoV2, FamilyJS, FamilyJSV3, FamilyRuby, FamilyPHP, FamilyConsole, FamilyService, FamilyTerraform, FamilyUnknown} {
		if !seen[f] {
			t.Errorf("no case for family %q", f)
		}
	}
}
