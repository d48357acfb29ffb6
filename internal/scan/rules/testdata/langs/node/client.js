const tls = require('tls');
const https = require('https');

tls.connect({ host: 'example.com', port: 443, minVersion: 'TLSv1' }); // want "TF-NODE-001"
const agent = new https.Agent({
  minVersion: 'TLSv1.1', // want "TF-NODE-001"
  maxVersion: 'TLSv1.1', // want "TF-NODE-001"
  secureProtocol: 'TLSv1_method', // want "TF-NODE-002"
  rejectUnauthorized: false, // want "TF-NODE-004"
});
tls.connect({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' }); // ok "TF-NODE-001"
// tls.connect({ minVersion: 'TLSv1' }); // ok "TF-NODE-001"
console.log("minVersion: 'TLSv1' is not allowed"); // ok "TF-NODE-001"

tls.createSecureContext({ secureProtocol: 'TLSv1_1_client_method' }); // want "TF-NODE-002"
tls.createSecureContext({ 'secureProtocol': 'SSLv3_method' }); // want "TF-NODE-002"
tls.createSecureContext({ secureProtocol: 'TLSv1_2_method' }); // ok "TF-NODE-002"
tls.createSecureContext({ secureProtocol: 'TLS_method' }); // ok "TF-NODE-002"
const s = "secureProtocol: 'TLSv1_method'"; // ok "TF-NODE-002"

tls.DEFAULT_MIN_VERSION = 'TLSv1'; // want "TF-NODE-003"
tls.DEFAULT_MIN_VERSION = 'TLSv1.2'; // ok "TF-NODE-003"
// tls.DEFAULT_MIN_VERSION = 'TLSv1.1'; // ok "TF-NODE-003"
const d = "tls.DEFAULT_MIN_VERSION = 'TLSv1'"; // ok "TF-NODE-003"

https.get({ host: 'example.com', rejectUnauthorized: true }); // ok "TF-NODE-004"
// https.get({ rejectUnauthorized: false }); // ok "TF-NODE-004"
const r = 'rejectUnauthorized: false'; // ok "TF-NODE-004"

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // want "TF-NODE-005"
process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0; // want "TF-NODE-005"
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1'; // ok "TF-NODE-005"
// process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // ok "TF-NODE-005"
const e = "NODE_TLS_REJECT_UNAUTHORIZED = '0'"; // ok "TF-NODE-005"
