// SMPP 3.4 payload rules, kept apart from the session so they can be tested alone:
// - data_coding is always explicit: 0 (SMSC default alphabet, GSM 03.38 one septet per octet)
//   or 8 (UCS-2, big-endian);
// - a long text goes out as concatenated parts, each with a 6-octet UDH (IEI 0x00, 8-bit
//   reference) and esm_class 0x40, split where sms-segments-calculator counts (153/67);
// - a delivery receipt (deliver_sm, esm_class 0x04) is read from its TLVs or its text
//   "id:... sub:... dlvrd:... submit date:... done date:... stat:DELIVRD err:...".
import smpp from 'smpp';
import { smsInfo, splitSms } from '../domain/smsText';
import type { DeliveryReceipt } from './ports';

export const DATA_CODING_GSM = 0x00;
export const DATA_CODING_UCS2 = 0x08;
export const ESM_CLASS_UDHI = 0x40;
const ESM_CLASS_RECEIPT = 0x04;

export interface SubmitPart {
  data_coding: number;
  esm_class: number;
  short_message: Buffer;
}

/** A concatenation reference derived from the dedupe key, so a resent part keeps its group. */
export function concatReference(dedupeKey: string): number {
  let hash = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < dedupeKey.length; i++) {
    hash = Math.imul(hash ^ dedupeKey.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0) & 0xff;
}

function encode(text: string, dataCoding: number): Buffer {
  if (dataCoding === DATA_CODING_GSM) return smpp.gsmCoder.encode(text, 0);
  return Buffer.from(text, 'utf16le').swap16(); // UCS-2BE
}

/** The submit_sm payloads for one text: a single part, or UDH-concatenated parts. */
export function buildSubmitParts(text: string, reference: number): SubmitPart[] {
  const dataCoding = smsInfo(text).encoding === 'GSM-7' ? DATA_CODING_GSM : DATA_CODING_UCS2;
  const parts = splitSms(text);
  if (parts.length === 1) {
    return [{ data_coding: dataCoding, esm_class: 0, short_message: encode(text, dataCoding) }];
  }
  return parts.map((part, i) => ({
    data_coding: dataCoding,
    esm_class: ESM_CLASS_UDHI,
    short_message: Buffer.concat([
      Buffer.from([0x05, 0x00, 0x03, reference & 0xff, parts.length, i + 1]),
      encode(part, dataCoding),
    ]),
  }));
}

const finalStates: Record<string, DeliveryReceipt['status']> = {
  DELIVRD: 'delivered',
  UNDELIV: 'failed',
  EXPIRED: 'failed',
  REJECTD: 'failed',
  DELETED: 'failed',
};
// message_state TLV values (SMPP 3.4 §5.2.28) → the receipt's stat word
const stateWords: Record<number, string> = {
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

function receiptText(value: unknown): string {
  const message =
    value && typeof value === 'object' && 'message' in value ? (value as { message: unknown }).message : value;
  if (typeof message === 'string') return message;
  if (Buffer.isBuffer(message)) return message.toString('latin1');
  return '';
}

/**
 * The final state reported by a deliver_sm receipt; null for an ordinary mobile-originated
 * message or an intermediate state (ENROUTE, ACCEPTD, UNKNOWN).
 */
export function parseDeliveryReceipt(pdu: smpp.PDU): DeliveryReceipt | null {
  const text = receiptText(pdu.short_message) || receiptText(pdu.message_payload);
  const isReceipt = (pdu.esm_class & 0x3c) === ESM_CLASS_RECEIPT || /\bid:\S+.*\bstat:\w+/is.test(text);
  if (!isReceipt) return null;
  const tlvId = typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id.replace(/\0+$/, '') : '';
  const id = tlvId || /\bid:(\S+)/i.exec(text)?.[1];
  const stat = (/\bstat:(\w+)/i.exec(text)?.[1] ?? stateWords[pdu.message_state as number] ?? '').toUpperCase();
  const status = finalStates[stat];
  if (!id || !status) return null;
  return { providerMessageId: id, status, stat };
}
