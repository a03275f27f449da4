// Minimal types for the parts of `smpp` (0.5.x, untyped CommonJS) that this project uses: client
// and server sessions, PDUs and the GSM 03.38 coder. Import it as `import smpp from 'smpp'`:
// most of its exports are assigned in loops, which Node's ESM named-export detection misses.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  namespace smpp {
    /** A decoded PDU: header fields plus every parameter/TLV of its command by SMPP name. */
    interface PDU {
      command: string;
      command_id: number;
      command_status: number;
      sequence_number: number;
      [param: string]: any;
      isResponse(): boolean;
      response(options?: Record<string, unknown>): PDU;
    }
    const PDU: { new (command: string, options?: Record<string, unknown>): PDU };

    type PduCallback = (pdu: PDU) => void;

    class Session extends EventEmitter {
      socket: Socket;
      send(pdu: PDU, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      pause(): void;
      resume(): void;
      bind_transceiver(options: Record<string, unknown>, cb?: PduCallback): boolean;
      submit_sm(options: Record<string, unknown>, cb?: PduCallback): boolean;
      deliver_sm(options: Record<string, unknown>, cb?: PduCallback): boolean;
      enquire_link(options?: Record<string, unknown>, cb?: PduCallback): boolean;
      unbind(options?: Record<string, unknown>, cb?: PduCallback): boolean;
    }

    class Server extends NetServer {
      sessions: Session[];
    }

    interface ConnectOptions {
      host?: string;
      port?: number;
      url?: string;
      tls?: boolean;
      auto_enquire_link_period?: number;
    }

    function connect(options: ConnectOptions | string, listener?: () => void): Session;
    function createServer(listener?: (session: Session) => void): Server;
    function createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;

    const gsmCoder: {
      encode(text: string, shiftTable?: number): Buffer;
      decode(bytes: Buffer, shiftTable?: number): string;
    };

    const ESME_ROK: number;
    const ESME_RSYSERR: number;
    const ESME_RBINDFAIL: number;
    const ESME_RTHROTTLED: number;
    const ESME_RINVDSTADR: number;
    const ESME_RX_T_APPN: number;
  }
  export = smpp;
}
