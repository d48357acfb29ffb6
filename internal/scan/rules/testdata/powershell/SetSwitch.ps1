# TF-PS-005: [AppContext]::SetSwitch with a TLS switch set to $true.
[AppContext]::SetSwitch('Switch.System.Net.DontEnableSchUseStrongCrypto', $true) # want "TF-PS-005"
[System.AppContext]::SetSwitch("Switch.System.Net.DontEnableSystemDefaultTlsVersions", $true) # want "TF-PS-005"
[AppContext]::SetSwitch('Switch.System.Net.DontEnableSchUseStrongCrypto', $false) # ok "TF-PS-005"
[AppContext]::SetSwitch('Switch.Custom.Thing', $true) # ok "TF-PS-005"
# [AppContext]::SetSwitch('Switch.System.Net.DontEnableSchUseStrongCrypto', $true) # ok "TF-PS-005"
