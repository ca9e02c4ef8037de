import type { APIErrorBody } from '../errors/api-error.js';
import { named, OpenAIStreamError } from '../errors/base.js';

/**
 * A refusal the relay sends to the browser as an OpenAI-shaped error: HTTP `status` with
 * `{ error: { message, type, code, param } }`, which the browser's client raises as the matching typed
 * error (`BadRequestError` for 400, `PermissionDeniedError` for 403, …). Throw it from `authorize` or
 * `policy`; the message is sent as it is, so it must not hold secrets.
 *
 * @example
 * ```ts
 * import { RelayError } from 'rxjs-openai-stream/server';
 *
 * const onlyMini = (params: { model: string }) => {
 *   if (params.model !== 'gpt-4o-mini') {
 *     throw new RelayError(400, 'This model is not available.', { code: 'model_not_allowed', param: 'model' });
 *   }
 *   return params;
 * };
 * ```
 */
export class RelayError extends OpenAIStreamError {
  static {
    named(this, 'RelayError');
  }
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  /** Extra response headers (e.g. `retry-after`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    message: string,
    init: {
      type?: string;
      code?: string | null;
      param?: string | null;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.status = status;
    this.type = init.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.headers = Object.freeze({ ...init.headers });
  }

  /** The OpenAI error object of the response body. */
  get body(): APIErrorBody {
    return { message: this.message, type: this.type, code: this.code, param: this.param };
  }
}
