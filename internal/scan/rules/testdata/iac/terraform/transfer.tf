# Transfer Family servers: the security policy by name, and FTPS servers
# left on the oldest one.

resource "aws_transfer_server" "default_ftps" { # want "TF-IAC-013"
  protocols   = ["FTPS"]
  certificate = aws_acm_certificate.ftp.arn
}

resource "aws_transfer_server" "old_ftps" {
  protocols            = ["SFTP", "FTPS"]
  security_policy_name = "TransferSecurityPolicy-2018-11" # want "TF-IAC-013"
}

resource "aws_transfer_server" "default_sftp" { # ok "TF-IAC-013"
  protocols = ["SFTP"]
}

resource "aws_transfer_server" "typo" {
  protocols            = ["FTPS"]
  security_policy_name = "TransferSecurityPolicy-2024-1" # want "TF-IAC-012"
}

resource "aws_transfer_server" "fips" { # ok "TF-IAC-013"
  protocols            = ["FTPS"]
  security_policy_name = "TransferSecurityPolicy-FIPS-2023-05" # ok "TF-IAC-012" "TF-IAC-013"
}

resource "aws_transfer_server" "fips2024" { # ok "TF-IAC-013"
  protocols            = ["FTPS"]
  security_policy_name = "TransferSecurityPolicy-FIPS-2024-01" # ok "TF-IAC-012" "TF-IAC-013"
}

resource "aws_transfer_server" "variable" {
  protocols            = ["FTPS"]
  security_policy_name = var.transfer_policy # ok "TF-IAC-012" "TF-IAC-013"
  # security_policy_name = "TransferSecurityPolicy-2018-11" # ok "TF-IAC-013"
}

resource "aws_ssm_parameter" "policy" {
  name  = "security_policy_name"
  value = "TransferSecurityPolicy-Typo" # ok "TF-IAC-012"
}
