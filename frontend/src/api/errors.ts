/**
 * The API's one error envelope, `{"error": {"code", "message", "fields"?, "lines"?}}`,
 * as a thrown value the UI can switch on.
 */
import type { components } from './schema';

export type FieldErrorWire = components['schemas']['FieldError'];
export type ImportLineErrorWire = components['schemas']['ImportLineError'];
export type ErrorDetailWire = components['schemas']['ErrorDetail'];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, FieldErrorWire> | undefined;
  readonly lines: ImportLineErrorWire[] | undefined;

  constructor(status: number, detail: Partial<ErrorDetailWire> & { code: string }) {
    super(detail.message ?? detail.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = detail.code;
    this.fields = (detail.fields ?? undefined) as Record<string, FieldErrorWire> | undefined;
    this.lines = (detail.lines ?? undefined) as ImportLineErrorWire[] | undefined;
  }
}

/** Codes the SPA invents for failures that never reached the API. */
export const NETWORK_ERROR = 'network_error';
export const UNKNOWN_ERROR = 'unknown_error';

function isEnvelope(body: unknown): body is { error: ErrorDetailWire } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const inner = (body as { error: unknown }).error;
  return typeof inner === 'object' && inner !== null && typeof (inner as { code?: unknown }).code === 'string';
}

/** Turns whatever an endpoint answered into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isEnvelope(body)) return new ApiError(status, body.error);
  if (status === 413) return new ApiError(status, { code: 'payload_too_large', message: 'payload too large' });
  return new ApiError(status, { code: status >= 500 ? 'internal_error' : UNKNOWN_ERROR, message: `HTTP ${status}` });
}

/** Anything caught (an ApiError, a failed fetch, a bug) as an ApiError. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TypeError) return new ApiError(0, { code: NETWORK_ERROR, message: error.message });
  return new ApiError(0, { code: UNKNOWN_ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Unwraps an openapi-fetch result: the data, or a thrown ApiError.
 * `{data, error, response}` is what every `api.GET/POST/...` call resolves to.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.error === undefined) return result.data as T;
  throw toApiError(result.response.status, result.error);
}
