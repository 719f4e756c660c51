import { InputError } from '../../model/index.js';

const protocols = new Set(['mqtt:', 'mqtts:', 'ws:', 'wss:']);

/**
 * Checks a broker URL and returns the form that may be shown: scheme and host only. Credentials
 * in the URL are refused rather than stripped, because a URL travels into logs, error messages
 * and process listings, where a password option does not.
 */
export function checkBrokerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw urlError('is not a URL; expected e.g. mqtt://127.0.0.1:1883');
  }
  if (!protocols.has(url.protocol))
    throw urlError(`has the scheme ${url.protocol}; expected mqtt:, mqtts:, ws: or wss:`);
  if (url.username !== '' || url.password !== '') {
    throw urlError('carries credentials; pass username and password as options instead');
  }
  if (url.hostname === '') throw urlError('names no host');
  return `${url.protocol}//${url.host}`;
}

function urlError(message: string): InputError {
  return new InputError(`MQTT: the broker url ${message}`, [{ field: 'url', message }]);
}
