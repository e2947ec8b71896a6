'use strict';
// Preloaded with `node -r ./loopback.js ...`: makes every server in the process listen on 127.0.0.1.
// Neither kinesalite's CLI nor kinesis-mock has a host option; both would otherwise bind 0.0.0.0.
const net = require('net');
const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  const first = args[0];
  const isOptions = first !== null && typeof first === 'object' && !Array.isArray(first)
      && !(first instanceof net.Server) && ('port' in first || 'host' in first);
  if (isOptions) {
    args[0] = { ...first, host: LOOPBACK };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const second = args[1];
    if (second === undefined || second === null || typeof second === 'string') {
      args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK);
    }
  }
  return listen.apply(this, args);
};
