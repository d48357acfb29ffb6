# Seed for FuzzTokenize.
=begin
ctx.ssl_version = :TLSv1
=end
ctx = OpenSSL::SSL::SSLContext.new
ctx.min_version = OpenSSL::SSL::TLS1_VERSION
x = %w(a (b) c) + "#{ "}" }" + <<~EOS + %q[nested [x]]
  :TLSv1 in heredoc
EOS
y = a % b / c
ok = valid? && @ivar || $global || @@cvar
__END__
ctx.ssl_version = :SSLv3
