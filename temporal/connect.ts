// Connecting to Temporal with the standard settings (address, namespace, TLS / API key), shared
// by the API, the worker and the scripts.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config';

export interface TemporalTarget {
  address: string;
  namespace: string;
  tls: boolean;
  apiKey?: string;
}

export function temporalTarget(config: Config, address = config.temporalAddress ?? '127.0.0.1:7233'): TemporalTarget {
  return {
    address,
    namespace: config.temporalNamespace,
    tls: config.temporalTls || Boolean(config.temporalApiKey),
    apiKey: config.temporalApiKey,
  };
}

export async function connectClient(target: TemporalTarget): Promise<Client> {
  const connection = await Connection.connect({
    address: target.address,
    tls: target.tls || undefined,
    apiKey: target.apiKey,
  });
  return new Client({ connection, namespace: target.namespace });
}

export async function connectWorkerConnection(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect({ address: target.address, tls: target.tls || undefined, apiKey: target.apiKey });
}
