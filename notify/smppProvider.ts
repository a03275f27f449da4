// SMS over a direct SMPP 3.4 bind (bind_transceiver): one long-lived session that is re-bound
// after it drops, submit_sm with explicit data_coding and UDH-concatenated parts (see smppPdu.ts),
// registered_delivery 1 on the first part (whose id stands for the message), and deliver_sm
// receipts handed to onDeliveryReceipt listeners; a listener that throws makes the SMSC retry.
// SMPP has no request id, so de-duplication is this process's job: a send for a dedupe key that
// is still in flight joins it, and after a partial failure only the missing parts are resent.
import smpp from 'smpp';
import { buildSubmitParts, concatReference, parseDeliveryReceipt } from './smppPdu';
import {
  PermanentDeliveryError,
  type DeliveryReceipt,
  type SendResult,
  type SmsMessage,
  type SmsProvider,
} from './ports';

export interface SmppSettings {
  /** smpp://host:port (ssmpp:// for TLS; default ports 2775 / 3550) */
  url: string;
  systemId: string;
  password: string;
  /** the registered brandname (alphanumeric, at most 11 characters) */
  sourceAddr: string;
  systemType?: string;
  enquireLinkMs?: number;
  reconnectDelayMs?: number;
  bindTimeoutMs?: number;
  submitTimeoutMs?: number;
  log?: (line: string) => void;
}

// submit_sm_resp statuses that a retry cannot fix (invalid length, addresses, TON/NPI, esm_class)
const permanentStatuses = new Set([0x01, 0x0a, 0x0b, 0x43, 0x48, 0x49, 0x50, 0x51]);

type ReceiptListener = (receipt: DeliveryReceipt) => void | Promise<void>;

export class SmppProvider implements SmsProvider {
  readonly name = 'smpp';
  private session: smpp.Session | null = null;
  private binding: Promise<smpp.Session> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly pending = new Set<(error: Error) => void>();
  private readonly inFlight = new Map<string, Promise<SendResult>>();
  private readonly acceptedParts = new Map<string, string[]>();
  private readonly listeners: ReceiptListener[] = [];
  private readonly log: (line: string) => void;

  constructor(private readonly settings: SmppSettings) {
    this.log = settings.log ?? ((line) => console.warn(line));
  }

  /** Binds now (rather than on the first send) so receipts start flowing; keeps re-binding. */
  async start(): Promise<void> {
    await this.bound();
  }

  onDeliveryReceipt(listener: ReceiptListener): void {
    this.listeners.push(listener);
  }

  send(msg: SmsMessage): Promise<SendResult> {
    const running = this.inFlight.get(msg.dedupeKey);
    if (running) return running;
    const sending = this.submitAll(msg).finally(() => this.inFlight.delete(msg.dedupeKey));
    this.inFlight.set(msg.dedupeKey, sending);
    return sending;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const session = this.session;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(), 1000);
      session.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (!session.unbind({}, () => session.close())) session.destroy();
    });
  }

  private async submitAll(msg: SmsMessage): Promise<SendResult> {
    const parts = buildSubmitParts(msg.text, concatReference(msg.dedupeKey));
    const ids = this.acceptedParts.get(msg.dedupeKey) ?? [];
    for (const [i, part] of parts.entries()) {
      if (ids[i]) continue; // accepted by an earlier attempt
      ids[i] = await this.submit({
        service_type: this.settings.systemType ?? '',
        source_addr_ton: 5, // alphanumeric brandname
        source_addr_npi: 0,
        source_addr: this.settings.sourceAddr,
        dest_addr_ton: 1, // international, E.164 without '+'
        dest_addr_npi: 1,
        destination_addr: msg.to.replace(/^\+/, ''),
        registered_delivery: i === 0 ? 1 : 0, // one receipt a message, for the id we record
        ...part,
      }).catch((error: unknown) => {
        if (error instanceof PermanentDeliveryError) this.acceptedParts.delete(msg.dedupeKey);
        else if (ids.length) this.acceptedParts.set(msg.dedupeKey, ids);
        throw error;
      });
    }
    this.acceptedParts.delete(msg.dedupeKey);
    return { providerMessageId: ids[0] };
  }

  private async submit(options: Record<string, unknown>): Promise<string> {
    const session = await this.bound();
    return new Promise<string>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new Error('SMPP submit_sm timed out')),
        this.settings.submitTimeoutMs ?? 30_000,
      );
      this.pending.add(fail);
      const sent = session.submit_sm(options, (resp) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        if (resp.command_status === 0) return resolve(String(resp.message_id));
        const text = `SMPP submit_sm refused: command_status 0x${resp.command_status.toString(16)}`;
        reject(
          permanentStatuses.has(resp.command_status)
            ? new PermanentDeliveryError(text, String(resp.command_status))
            : new Error(text),
        );
      });
      if (!sent) fail(new Error('SMPP session is not writable'));
    });
  }

  private bound(): Promise<smpp.Session> {
    if (this.closed) return Promise.reject(new Error('SMPP provider is closed'));
    if (this.session) return Promise.resolve(this.session);
    this.binding ??= this.bind().finally(() => (this.binding = null));
    return this.binding;
  }

  private bind(): Promise<smpp.Session> {
    const { url, systemId, password, systemType } = this.settings;
    return new Promise((resolve, reject) => {
      const session = smpp.connect({ url, auto_enquire_link_period: this.settings.enquireLinkMs ?? 30_000 });
      const timer = setTimeout(() => {
        reject(new Error('SMPP bind timed out'));
        session.destroy();
      }, this.settings.bindTimeoutMs ?? 10_000);
      session.on('error', (error: Error) => {
        this.log(`[sms:smpp] ${error.message}`);
        reject(error); // 'close' follows
      });
      session.on('close', () => {
        clearTimeout(timer);
        reject(new Error('SMPP connection closed'));
        this.dropped(session);
      });
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        session.close();
      });
      session.on('deliver_sm', (pdu: smpp.PDU) => void this.receive(session, pdu));
      session.on('connect', () =>
        session.bind_transceiver({ system_id: systemId, password, system_type: systemType ?? '' }, (resp) => {
          clearTimeout(timer);
          if (resp.command_status !== 0 || this.closed) {
            reject(
              new Error(
                this.closed
                  ? 'SMPP provider is closed'
                  : `SMPP bind refused: command_status 0x${resp.command_status.toString(16)}`,
              ),
            );
            return session.close();
          }
          this.session = session;
          resolve(session);
        }),
      );
    });
  }

  /** The session is gone: fail what waits on it and bind again unless closing. */
  private dropped(session: smpp.Session): void {
    if (this.session === session) this.session = null;
    for (const fail of [...this.pending]) fail(new Error('SMPP connection closed'));
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.bound().catch((error: Error) => this.log(`[sms:smpp] re-bind failed: ${error.message}`));
    }, this.settings.reconnectDelayMs ?? 5_000);
  }

  /** Answers deliver_sm after the listeners have stored it; a failure asks the SMSC to retry. */
  private async receive(session: smpp.Session, pdu: smpp.PDU): Promise<void> {
    const receipt = parseDeliveryReceipt(pdu);
    try {
      if (receipt) for (const listener of this.listeners) await listener(receipt);
      session.send(pdu.response());
    } catch (error) {
      this.log(`[sms:smpp] receipt ${receipt?.providerMessageId} not stored: ${(error as Error).message}`);
      session.send(pdu.response({ command_status: smpp.ESME_RX_T_APPN }));
    }
  }
}
