import * as tls from 'tls';

const options: tls.ConnectionOptions = {
  minVersion: 'TLSv1', // want "TF-NODE-001"
  rejectUnauthorized: false, // want "TF-NODE-004"
};
const safe: tls.ConnectionOptions = { minVersion: 'TLSv1.2' }; // ok "TF-NODE-001"
export { options, safe };
