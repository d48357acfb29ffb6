require 'openssl'
require 'net/http'

ctx = OpenSSL::SSL::SSLContext.new
ctx.ssl_version = :TLSv1 # want "TF-RUBY-001"
ctx.ssl_version = :SSLv3 # want "TF-RUBY-001"
ctx.ssl_version = "TLSv1_1" # want "TF-RUBY-001"
Net::HTTP.start('example.com', 443, use_ssl: true, ssl_version: :TLSv1_1) # want "TF-RUBY-001"
ctx.ssl_version = :TLSv1_2 # ok "TF-RUBY-001"
# ctx.ssl_version = :TLSv1 # ok "TF-RUBY-001"
doc = "ctx.ssl_version = :TLSv1" # ok "TF-RUBY-001"

ctx.min_version = OpenSSL::SSL::TLS1_VERSION # want "TF-RUBY-002"
ctx.min_version = :TLS1_1 # want "TF-RUBY-002"
ctx.max_version = OpenSSL::SSL::TLS1_1_VERSION # want "TF-RUBY-002"
ctx.min_version = OpenSSL::SSL::TLS1_2_VERSION # ok "TF-RUBY-002"
# ctx.min_version = OpenSSL::SSL::TLS1_VERSION # ok "TF-RUBY-002"
note = 'min_version = OpenSSL::SSL::TLS1_VERSION' # ok "TF-RUBY-002"

ctx.verify_mode = OpenSSL::SSL::VERIFY_NONE # want "TF-RUBY-003"
http = Net::HTTP.new('example.com', 443)
http.verify_mode = OpenSSL::SSL::VERIFY_NONE # want "TF-RUBY-003"
ctx.verify_mode = OpenSSL::SSL::VERIFY_PEER # ok "TF-RUBY-003"
warn 'insecure' if ctx.verify_mode == OpenSSL::SSL::VERIFY_NONE # ok "TF-RUBY-003"
# http.verify_mode = OpenSSL::SSL::VERIFY_NONE # ok "TF-RUBY-003"
msg = "OpenSSL::SSL::VERIFY_NONE" # ok "TF-RUBY-003"
