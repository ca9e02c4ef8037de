import type { OpenAIClient } from '../client.js';
import type { ChatCompletionCreateParams } from '../chat/schemas/index.js';
import type { ResponseCreateParams } from '../responses/index.js';
import type { StreamStore } from './stream-store.js';

/**
 * A request the relay is about to send upstream, as `policy` sees it.
 *
 * @example
 * ```ts
 * import type { RelayCall } from 'rxjs-openai-stream/server';
 *
 * const modelOf = (call: RelayCall): string => String(call.params.model);
 * ```
 */
export type RelayCall =
  | { endpoint: 'chat.completions'; params: ChatCompletionCreateParams }
  | { endpoint: 'responses'; params: ResponseCreateParams };

/**
 * Options of {@link createRelay}.
 *
 * @example
 * ```ts
 * import { createClient } from 'rxjs-openai-stream';
 * import { RelayError, type RelayOptions } from 'rxjs-openai-stream/server';
 *
 * const options: RelayOptions = {
 *   client: createClient(), // the server's OPENAI_API_KEY
 *   authorize: (request) => request.headers.get('authorization') === 'Bearer session-token',
 *   policy: (call) => {
 *     if (call.params.model !== 'gpt-4o-mini') throw new RelayError(400, 'Model not allowed.', { param: 'model' });
 *     return call.endpoint === 'chat.completions'
 *       ? { ...call.params, max_completion_tokens: 1000, stream_options: { include_usage: true } }
 *       : { ...call.params, max_output_tokens: 1000 };
 *   },
 *   maxConcurrentStreams: 100,
 * };
 * ```
 */
export interface RelayOptions {
  /** The upstream client, holding the server's key (`createClient({ apiKey, baseURL })`). */
  client: OpenAIClient;
  /**
   * Who may call: `true` lets the request through, `false` answers 401 (throw a `RelayError` for another
   * status). Runs for every route, reconnects and cancels included. @defaultValue everyone
   */
  authorize?: (request: Request) => boolean | Promise<boolean>;
  /**
   * Rewrites a request before it goes upstream (allowed models, token caps, forced
   * `stream_options.include_usage`), or refuses it by throwing a `RelayError`. Returns the params to send.
   * @defaultValue the params as they came
   */
  policy?: (call: RelayCall, request: Request) => RelayCall['params'] | Promise<RelayCall['params']>;
  /** Where generations are kept for resume and fan-out. @defaultValue `createMemoryStreamStore()` */
  store?: StreamStore;
  /** The most upstream streams at once (non-streamed requests are not counted). @defaultValue Infinity */
  maxConcurrentStreams?: number;
  /** Past `maxConcurrentStreams`: wait for a free slot, or answer 429 with `retry-after: 1`. @defaultValue 'queue' */
  whenBusy?: 'queue' | 'reject';
  /**
   * When the last watcher's connection closes before the end: `'detach'` lets the generation go on for
   * `detachTimeout` so a reconnect can resume it, then stops it; `'abort'` stops it at once (no resume).
   * An explicit `DELETE <mount>/streams/<id>` always stops it at once. @defaultValue 'detach'
   */
  onDisconnect?: 'detach' | 'abort';
  /** How long (ms) a generation goes on with nobody watching. @defaultValue 10000 */
  detachTimeout?: number;
  /** The period (ms) of `: keep-alive` comments on event streams; 0 for none. @defaultValue 15000 */
  keepAliveMs?: number;
  /** The largest request body accepted (bytes); larger ones get 413. @defaultValue 1048576 (1 MiB) */
  maxBodyBytes?: number;
  /** The id of a new generation; it is a bearer capability, so make it unguessable. @defaultValue `crypto.randomUUID()` */
  generateId?: () => string;
}

/** {@link RelayOptions} with every default filled in, checked once. @internal */
export type ResolvedRelayOptions = Required<Omit<RelayOptions, 'store'>> & { store: StreamStore | undefined };

/** Fills in the defaults and names a bad option in a `TypeError`. @internal */
export function resolveRelayOptions(options: RelayOptions): ResolvedRelayOptions {
  if (!options || typeof options.client?.chat?.completions?.create !== 'function') {
    throw new TypeError('createRelay: `client` must be a client from createClient()');
  }
  const count = (name: keyof RelayOptions, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new TypeError(`createRelay: \`${name}\` must be a number >= 0, got ${String(value)}`);
    }
    return value;
  };
  const oneOf = <T extends string>(name: keyof RelayOptions, value: T | undefined, allowed: T[]): T => {
    if (value === undefined) return allowed[0]!;
    if (!allowed.includes(value))
      throw new TypeError(`createRelay: \`${name}\` must be one of ${allowed.join(', ')}`);
    return value;
  };
  return {
    client: options.client,
    authorize: options.authorize ?? (() => true),
    policy: options.policy ?? ((call) => call.params),
    store: options.store,
    maxConcurrentStreams: count('maxConcurrentStreams', options.maxConcurrentStreams, Infinity),
    whenBusy: oneOf('whenBusy', options.whenBusy, ['queue', 'reject']),
    onDisconnect: oneOf('onDisconnect', options.onDisconnect, ['detach', 'abort']),
    detachTimeout: count('detachTimeout', options.detachTimeout, 10_000),
    keepAliveMs: count('keepAliveMs', options.keepAliveMs, 15_000),
    maxBodyBytes: count('maxBodyBytes', options.maxBodyBytes, 1024 * 1024),
    generateId: options.generateId ?? (() => crypto.randomUUID()),
  };
}
