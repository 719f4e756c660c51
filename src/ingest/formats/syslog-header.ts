import type { SyslogMessage, SyslogParseResult } from './syslog-message.js';

/** The severity keywords of syslog.conf and `logger -p`, by severity (RFC 5424 Table 2). */
export const severityNames = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

/** What PRI says: `<PRI>` = facility × 8 + severity. */
export interface SyslogPriority {
  facility: number;
  severity: number;
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function failure(column: number, message: string): SyslogParseResult {
  return { ok: false, issue: { message, column } };
}

/** The parts every message has, with the severity's name. */
export function messageBase(
  priority: SyslogPriority,
  format: SyslogMessage['format'],
  ts: number,
): Pick<SyslogMessage, 'facility' | 'severity' | 'severityName' | 'ts' | 'format'> {
  const severityName = severityNames[priority.severity] ?? 'debug';
  return { facility: priority.facility, severity: priority.severity, severityName, ts, format };
}
