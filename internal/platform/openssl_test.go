package platform

import "crypto/tls"

var opensslCases = []entryCase{
	{id: "TF-PLAT-OPENSSL-VERSION", name: "3.0", facts: linux(ossl("3.0.19", "")), want: Pass},
	{id: "TF-PLAT-OPENSSL-VERSION", name: "1.0.1e", facts: linux(ossl("1.0.1e", "")), want: Pass},
	{id: "TF-PLAT-OPENSSL-VERSION", name: "1.0.0t", facts: linux(ossl("1.0.0t", "")), want: Fail},
	{id: "TF-PLAT-OPENSSL-VERSION", name: "version not read", facts: linux(ossl("", "")), want: Unknown},
	{id: "TF-PLAT-OPENSSL-VERSION", name: "no OpenSSL", facts: linux(nil), want: notApplicable},

	{id: "TF-PLAT-OPENSSL-MINPROTOCOL", name: "TLSv1.2", facts: linux(ossl("3.0.19", "TLSv1.2")), want: Pass},
	{id: "TF-PLAT-OPENSSL-MINPROTOCOL", name: "TLSv1.3", facts: linux(ossl("3.0.19", "TLSv1.3")), want: Pass},
	{id: "TF-PLAT-OPENSSL-MINPROTOCOL", name: "TLSv1", facts: linux(ossl("3.0.19", "TLSv1")), want: Fail, msg: "TLS 1.0"},
	{id: "TF-PLAT-OPENSSL-MINPROTOCOL", name: "None", facts: linux(ossl("3.0.19", "None")), want: Fail},
	{id: "TF-PLAT-OPENSSL-MINPROTOCOL", name: "unset", facts: linux(ossl("3.0.19", "")), want: Warn, msg: "no protocol floor: security level alone sets no version floor"},
	{id: "TF-PLAT-OPENSSL-MINPROTOCOL", name: "unreadable", facts: linux(ossl("3.0.19", "TLSv9")), want: Unknown},
	{id: "TF-PLAT-OPENSSL-MINPROTOCOL", name: "crypto-policy system", facts: linux(&OpenSSL{Version: "3.0.7", CryptoPolicy: "DEFAULT"}), want: notApplicable},

	{id: "TF-PLAT-OPENSSL-CRYPTOPOLICY", name: "DEFAULT", facts: linux(&OpenSSL{Version: "3.0.7", CryptoPolicy: "DEFAULT"}), want: Pass},
	{id: "TF-PLAT-OPENSSL-CRYPTOPOLICY", name: "FUTURE", facts: linux(&OpenSSL{Version: "3.0.7", CryptoPolicy: "FUTURE"}), want: Pass},
	{id: "TF-PLAT-OPENSSL-CRYPTOPOLICY", name: "FIPS:OSPP", facts: linux(&OpenSSL{Version: "3.0.7", CryptoPolicy: "FIPS:OSPP"}), want: Pass},
	{id: "TF-PLAT-OPENSSL-CRYPTOPOLICY", name: "LEGACY", facts: linux(&OpenSSL{Version: "3.0.7", CryptoPolicy: "LEGACY:AD-SUPPORT"}), want: Fail},
	{id: "TF-PLAT-OPENSSL-CRYPTOPOLICY", name: "module lowers", facts: linux(&OpenSSL{Version: "3.0.7", CryptoPolicy: "DEFAULT:TLS10", PolicyMinTLS: "TLS1.0"}), want: Fail, msg: "TLS 1.0"},
	{id: "TF-PLAT-OPENSSL-CRYPTOPOLICY", name: "custom", facts: linux(&OpenSSL{Version: "3.0.7", CryptoPolicy: "MYCORP"}), want: Unknown},
	{id: "TF-PLAT-OPENSSL-CRYPTOPOLICY", name: "no policy", facts: linux(ossl("3.0.19", "")), want: notApplicable},

	{id: "TF-PLAT-OPENSSL-TLS13", name: "1.1.1w", facts: linux(ossl("1.1.1w", "")), want: Pass},
	{id: "TF-PLAT-OPENSSL-TLS13", name: "1.1.0l", facts: linux(ossl("1.1.0l", "")), want: Fail},
	{id: "TF-PLAT-OPENSSL-TLS13", name: "TLS 1.2 floor", facts: linux(ossl("1.1.0l", "")), floor: tls12Floor, want: notApplicable},

	{id: "TF-PLAT-OPENSSL-PQ", name: "3.5.0", facts: linux(ossl("3.5.0", "")), want: Pass},
	{id: "TF-PLAT-OPENSSL-PQ", name: "3.0.19", facts: linux(ossl("3.0.19", "")), want: Fail},
	{id: "TF-PLAT-OPENSSL-PQ", name: "TLS 1.3 floor", facts: linux(ossl("3.0.19", "")), floor: &Floor{Version: tls.VersionTLS13}, want: notApplicable},
}

var appleCases = []entryCase{
	{id: "TF-PLAT-MACOS-VERSION", name: "14.5", facts: mac("14.5", nil), want: Pass},
	{id: "TF-PLAT-MACOS-VERSION", name: "10.9.5", facts: mac("10.9.5", nil), want: Pass},
	{id: "TF-PLAT-MACOS-VERSION", name: "10.8.5", facts: mac("10.8.5", nil), want: Fail},
	{id: "TF-PLAT-MACOS-VERSION", name: "not read", facts: mac("", nil), want: Unknown},
	{id: "TF-PLAT-MACOS-VERSION", name: "Linux", facts: linux(nil), want: notApplicable},

	{id: "TF-PLAT-MACOS-TLS13", name: "10.15.7", facts: mac("10.15.7", nil), want: Pass},
	{id: "TF-PLAT-MACOS-TLS13", name: "10.13.6", facts: mac("10.13.6", nil), want: Fail},
}
