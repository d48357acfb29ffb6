// Connect to one tlsfloor handshake lab server with Node's default TLS
// settings, trusting only the lab CA.
//
// Usage: node probe.js CA_FILE HOST PORT
'use strict';
const fs = require('fs');
const tls = require('tls');

const [ca, host, port] = process.argv.slice(2);
const sock = tls.connect({ host, port: Number(port), ca: fs.readFileSync(ca) }, () => {
  const cipher = sock.getCipher();
  const key = sock.getEphemeralKeyInfo() || {};
  console.log('tlsfloor-probe', sock.getProtocol(), cipher.standardName || cipher.name, key.name || '-');
  sock.end('GET / HTTP/1.1\r\nHost: ' + host + '\r\nConnection: close\r\n\r\n');
});
sock.setTimeout(10000, () => sock.destroy(new Error('timed out')));
sock.on('data', () => {});
sock.on('error', (e) => {
  console.error((e.code ? e.code + ': ' : '') + e.message);
  process.exitCode = 1;
});
