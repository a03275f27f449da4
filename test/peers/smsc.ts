// SMSC simulator for tests: a real SMPP server (the `smpp` package) on a free loopback port. It
// checks bind_transceiver credentials, answers submit_sm with a message id, records every submit
// (decoded text, data_coding, addresses, UDH parts) and sends deliver_sm receipts. It can refuse
// the next submits with an error status, answer them late, or drop the connection instead.
import type { AddressInfo } from 'node:net';
import smpp from 'smpp';

export interface SmscSubmit {
  source: string;
  destination: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** the part's text decoded with its data_coding (UDH removed) */
  text: string;
  udh: { reference: number; total: number; part: number } | null;
  /** 0 when accepted */
  status: number;
  messageId: string | null;
}

export interface SmscMessage {
  destination: string;
  text: string;
  dataCoding: number;
  parts: SmscSubmit[];
}

export interface SmscOptions {
  systemId?: string;
  password?: string;
  /** stat word of the receipts; null sends none */
  receiptStat?: string | null;
  receiptDelayMs?: number;
  /** how often a receipt is offered when the client answers with an error (default 3) */
  receiptAttempts?: number;
}

type Fault = { kind: 'accept' } | { kind: 'fail'; status: number } | { kind: 'delay'; ms: number } | { kind: 'drop' };

export async function startSmsc(options: SmscOptions = {}) {
  const systemId = options.systemId ?? 'pakn';
  const password = options.password ?? 'secret';
  const submits: SmscSubmit[] = [];
  const binds: Array<{ systemId: string; ok: boolean }> = [];
  const receipts: Array<{ messageId: string; stat: string; attempt: number; ackStatus: number | null }> = [];
  const receiptAttempts = options.receiptAttempts ?? 3;
  const faults: Fault[] = [];
  let receiptStat = options.receiptStat === undefined ? 'DELIVRD' : options.receiptStat;
  let nextId = 1;

  const server = smpp.createServer((session) => {
    session.on('error', () => {}); // a client that vanishes is part of the tests
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      const ok = pdu.system_id === systemId && pdu.password === password;
      binds.push({ systemId: pdu.system_id, ok });
      session.send(pdu.response(ok ? { system_id: 'SMSC-SIM' } : { command_status: smpp.ESME_RBINDFAIL }));
      if (!ok) session.close();
    });
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => (session.send(pdu.response()), session.close()));
    session.on('submit_sm', (pdu: smpp.PDU) => {
      const fault = faults.shift();
      if (fault?.kind === 'drop') return void session.socket.destroy(); // neither recorded nor answered
      const status = fault?.kind === 'fail' ? fault.status : 0;
      const messageId = status === 0 ? `smsc-${nextId++}` : null;
      const message = pdu.short_message as { message?: string; udh?: Buffer[] };
      const concat = message.udh?.find((ie) => ie[0] === 0x00);
      submits.push({
        source: pdu.source_addr,
        destination: pdu.destination_addr,
        dataCoding: pdu.data_coding,
        esmClass: pdu.esm_class,
        registeredDelivery: pdu.registered_delivery,
        text: message.message ?? '',
        udh: concat ? { reference: concat[2], total: concat[3], part: concat[4] } : null,
        status,
        messageId,
      });
      const answer = () => {
        session.send(pdu.response(messageId ? { message_id: messageId } : { command_status: status }));
        if (messageId && receiptStat && pdu.registered_delivery & 1) {
          setTimeout(() => sendReceipt(session, pdu, messageId, receiptStat as string), options.receiptDelayMs ?? 20);
        }
      };
      if (fault?.kind === 'delay') setTimeout(answer, fault.ms);
      else answer();
    });
  });

  /** Sends a deliver_sm receipt; an error answer makes it try again, as SMSCs do. */
  function sendReceipt(session: smpp.Session, submit: smpp.PDU, messageId: string, stat: string, attempt = 1) {
    if (session.socket.destroyed || !session.socket.writable) return; // the client has gone
    const receipt = { messageId, stat, attempt, ackStatus: null as number | null };
    receipts.push(receipt);
    session.deliver_sm(
      {
        source_addr: submit.destination_addr,
        destination_addr: submit.source_addr,
        esm_class: 0x04,
        data_coding: 0,
        short_message: `id:${messageId} sub:001 dlvrd:001 submit date:2507011200 done date:2507011200 stat:${stat} err:000 text:`,
        receipted_message_id: messageId,
        message_state: stat === 'DELIVRD' ? 2 : 5,
      },
      (resp) => {
        receipt.ackStatus = resp.command_status;
        if (resp.command_status !== 0 && attempt < receiptAttempts) {
          setTimeout(() => sendReceipt(session, submit, messageId, stat, attempt + 1), options.receiptDelayMs ?? 20);
        }
      },
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `smpp://127.0.0.1:${port}`,
    systemId,
    password,
    submits,
    binds,
    receipts,
    /** accepted submits grouped into messages (concatenated parts joined in order) */
    messages(): SmscMessage[] {
      const groups = new Map<string, SmscSubmit[]>();
      for (const s of submits.filter((s) => s.status === 0)) {
        const key = s.udh
          ? `${s.destination}/${s.udh.reference}/${s.udh.total}`
          : `${s.destination}/single/${groups.size}`;
        groups.set(key, [...(groups.get(key) ?? []), s]);
      }
      return [...groups.values()].map((parts) => {
        const ordered = [...parts].sort((a, b) => (a.udh?.part ?? 0) - (b.udh?.part ?? 0));
        return {
          destination: parts[0].destination,
          dataCoding: parts[0].dataCoding,
          parts: ordered,
          text: ordered.map((p) => p.text).join(''),
        };
      });
    },
    /** let the next n submit_sm through normally (to place a later fault) */
    acceptNextSubmits(n: number) {
      for (let i = 0; i < n; i++) faults.push({ kind: 'accept' });
    },
    /** refuse the next n submit_sm with this command_status (default ESME_RTHROTTLED) */
    failNextSubmits(n: number, status = smpp.ESME_RTHROTTLED) {
      for (let i = 0; i < n; i++) faults.push({ kind: 'fail', status });
    },
    /** accept the next n submit_sm but answer each only after ms */
    delayNextSubmits(n: number, ms: number) {
      for (let i = 0; i < n; i++) faults.push({ kind: 'delay', ms });
    },
    /** drop the connection when the next submit_sm arrives, without accepting it */
    dropOnNextSubmit() {
      faults.push({ kind: 'drop' });
    },
    setReceiptStat(stat: string | null) {
      receiptStat = stat;
    },
    async close() {
      for (const session of [...server.sessions]) session.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Smsc = Awaited<ReturnType<typeof startSmsc>>;
