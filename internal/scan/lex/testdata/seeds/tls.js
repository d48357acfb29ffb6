#!/usr/bin/env node
// Seed for FuzzTokenize.
const tls = require('tls');
const re = /TLSv1[.]0\/x/gi, d = a / b / c;
const opts = { minVersion: 'TLSv1', secureProtocol: `TLSv1_method${x ? `a${y}` : ''}` };
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
class K { #priv = 1 }
