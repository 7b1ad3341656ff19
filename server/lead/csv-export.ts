// The decision log as CSV, streamed: keyset pages of the same query as the grid go through
// csv-stringify as they are read, so memory stays flat at any size. RFC 4180 (CRLF, quotes where
// needed), UTF-8 with a byte-order mark (Excel then shows Czech right), headers in the user's
// language, instants in ISO 8601 with the offset of the deployment calendar's zone.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import type { DecisionLogFilter, DecisionLogRow } from '../../shared/contract/lead.js';
import { checklistItemLabel, createI18n, type Locale } from '../../shared/i18n/index.js';
import type { ChecklistKey } from '../../shared/domain/checklist.js';
import type { Tx } from '../db/connect.js';
import { decisionPage } from './log-query.js';

const PAGE = 1_000;

const COLUMNS = [
  'id',
  'claimNumber',
  'partnerId',
  'partnerName',
  'customerName',
  'products',
  'reviewer',
  'action',
  'reasons',
  'verdict',
  'checklistPassed',
  'checklistMissing',
  'checklistNotes',
  'comment',
  'decidedAt',
  'receivedAt',
  'lagSeconds',
  'offline',
  'timeSpentSeconds',
  'claimVersion',
  'outcome',
  'refusal',
  'qaState',
  'later',
] as const;

export function decisionsCsv(db: Tx, filter: DecisionLogFilter, sort: 'newest' | 'oldest', locale: Locale, zone: string): Readable {
  // Labels repeat on every row: each is translated once (i18next's t costs more than the rest of a row).
  const i18n = createI18n(locale);
  const labels = new Map<string, string>();
  const t = (key: string, options?: Record<string, unknown>): string => {
    const memo = options ? `${key}\u0000${JSON.stringify(options)}` : key;
    let text = labels.get(memo);
    if (text === undefined) {
      if (labels.size > 10_000) labels.clear();
      text = options ? i18n.t(key, options) : i18n.t(key);
      labels.set(memo, text);
    }
    return text;
  };
  // An instant in the zone as luxon's toISO writes it, with the zone's offset looked up once per
  // 15-minute UTC bucket (offsets only change on quarter hours) rather than per value.
  const universal = DateTime.now().setZone(zone).zone.isUniversal;
  const offsets = new Map<number, number>();
  const two = (n: number) => String(n).padStart(2, '0');
  const at = (iso: string) => {
    const ms = Date.parse(iso);
    const bucket = Math.floor(ms / 900_000);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      if (offsets.size > 100_000) offsets.clear();
      offset = DateTime.fromMillis(bucket * 900_000, { zone }).offset;
      offsets.set(bucket, offset);
    }
    const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
    if (offset === 0 && universal) return `${local}Z`;
    const abs = Math.abs(offset);
    return `${local}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  };
  const item = (k: string) => {
    let text = labels.get(`item:${k}`);
    if (text === undefined) labels.set(`item:${k}`, (text = checklistItemLabel(i18n.t, k as ChecklistKey)));
    return text;
  };
  const reason = (code: string) => (t(`domain:parReason.${code}`, { defaultValue: '' }) || t(`domain:rejectionReason.${code}`, { defaultValue: code }));
  const values = (r: DecisionLogRow): string[] => [
    r.id,
    r.claimNumber,
    r.partnerId,
    r.partnerName,
    r.customerName,
    r.products.join('; '),
    r.reviewer.name,
    t(`domain:action.${r.action}`),
    r.reasons.map(reason).join('; '),
    r.verdict ?? '',
    (r.checklist?.passed ?? []).map(item).join('; '),
    (r.checklist?.missing ?? []).map(item).join('; '),
    Object.entries(r.checklist?.notes ?? {})
      .map(([k, note]) => `${item(k)}: ${note}`)
      .join('; '),
    r.comment ?? '',
    at(r.decidedAt),
    at(r.receivedAt),
    String(Math.round(r.lagMs / 1000)),
    t(r.offline ? 'lead:yes' : 'lead:no'),
    r.timeSpentMs === null ? '' : String(Math.round(r.timeSpentMs / 1000)),
    String(r.claimVersion),
    t(`lead:outcome.${r.outcome}`),
    r.refusal ? t(`domain:refusal.${r.refusal.code}`, { defaultValue: r.refusal.code, ...Object.fromEntries(Object.entries(r.refusal.params ?? {}).map(([k, v]) => [k, String(v)])) }) : '',
    r.qaState ? t(`lead:qaState.${r.qaState}`) : '',
    r.later.map((e) => t(`lead:later.${e}`)).join('; '),
  ];

  const record = (r: DecisionLogRow) => {
    const v = values(r);
    return Object.fromEntries(COLUMNS.map((key, i) => [key, v[i]]));
  };

  async function* rows(): AsyncGenerator<Record<string, string | undefined>> {
    let cursor: string | undefined;
    for (;;) {
      const page = await decisionPage(db, filter, { sort, cursor, limit: PAGE });
      for (const r of page.rows) yield record(r);
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  const csv = stringify({ bom: true, header: true, columns: COLUMNS.map((key) => ({ key, header: t(`lead:csv.${key}`) })), record_delimiter: 'windows' });
  const source = Readable.from(rows(), { objectMode: true });
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}
