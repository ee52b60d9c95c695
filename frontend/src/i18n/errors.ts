/**
 * The API's error codes and field-error codes, translated. The SPA switches on
 * `code`, never on the English `message`.
 */
import type { ApiError, FieldErrorWire } from '../api/errors';
import type { MessageKey } from './messages';
import type { Translate } from './I18nProvider';

/** Every `error.code` the SPA knows how to say. */
export const ERROR_MESSAGES: Record<string, MessageKey> = {
  validation_failed: 'error.validation_failed',
  invalid_body: 'error.invalid_body',
  malformed_json: 'error.malformed_json',
  invalid_query: 'error.invalid_query',
  invalid_credentials: 'error.invalid_credentials',
  email_taken: 'error.email_taken',
  forbidden: 'error.forbidden',
  login_required: 'error.login_required',
  invalid_token: 'error.invalid_token',
  token_expired: 'error.token_expired',
  invalid_refresh_token: 'error.invalid_refresh_token',
  organization_exists: 'error.organization_exists',
  organization_not_found: 'error.organization_not_found',
  listing_exists: 'error.listing_exists',
  listing_not_found: 'error.listing_not_found',
  user_not_found: 'error.user_not_found',
  member_not_found: 'error.member_not_found',
  already_member: 'error.already_member',
  already_exists: 'error.already_exists',
  last_owner: 'error.last_owner',
  cannot_demote_self: 'error.cannot_demote_self',
  invalid_status_transition: 'error.invalid_status_transition',
  import_invalid: 'error.import_invalid',
  payload_too_large: 'error.payload_too_large',
  unsupported_media_type: 'error.unsupported_media_type',
  invalid_encoding: 'error.invalid_encoding',
  route_not_found: 'error.route_not_found',
  internal_error: 'error.internal_error',
  network_error: 'error.network_error',
  unknown_error: 'error.unknown_error',
  introduction_exists: 'error.introduction_exists',
  recently_declined: 'error.recently_declined',
  already_answered: 'error.already_answered',
  introduction_closed: 'error.introduction_closed',
  rate_limited: 'error.rate_limited',
  introduction_not_found: 'error.introduction_not_found',
  cooperation_not_found: 'error.cooperation_not_found',
  invalid_stage_transition: 'error.invalid_stage_transition',
  notification_not_found: 'error.notification_not_found',
  saved_search_not_found: 'error.saved_search_not_found',
  webhook_not_found: 'error.webhook_not_found',
  too_many_saved_searches: 'error.too_many_saved_searches',
  too_many_webhooks: 'error.too_many_webhooks',
};

/** A sentence for an error, in the UI's language. */
export function errorMessage(error: Pick<ApiError, 'code'>, t: Translate): string {
  const key = ERROR_MESSAGES[error.code];
  return key ? t(key) : t('error.unknown_code', { code: error.code });
}

const FIELD_MESSAGES: Record<string, MessageKey> = {
  required: 'fieldError.required',
  too_long: 'fieldError.too_long',
  too_short: 'fieldError.too_short',
  invalid_type: 'fieldError.invalid_type',
  invalid_value: 'fieldError.invalid_value',
  invalid_format: 'fieldError.invalid_format',
  too_many: 'fieldError.too_many',
  too_few: 'fieldError.too_few',
  duplicate: 'fieldError.duplicate',
  unknown_field: 'fieldError.unknown_field',
  out_of_range: 'fieldError.out_of_range',
  not_found: 'fieldError.not_found',
  immutable: 'fieldError.immutable',
  invalid_reference: 'fieldError.invalid_reference',
  not_yours: 'fieldError.not_yours',
  own_listing: 'fieldError.own_listing',
  in_future: 'fieldError.in_future',
  before_current_stage: 'fieldError.before_current_stage',
  not_allowed: 'fieldError.not_allowed',
};

/** Codes whose English message carries the limit (`must be at most 200 characters`). */
const WITH_LIMIT: Record<string, MessageKey> = {
  too_long: 'fieldError.too_long_n',
  too_short: 'fieldError.too_short_n',
  too_many: 'fieldError.too_many_n',
  too_few: 'fieldError.too_few_n',
};

/** A field error, in the UI's language. */
export function fieldErrorMessage(error: Pick<FieldErrorWire, 'code' | 'message'>, t: Translate): string {
  const withLimit = WITH_LIMIT[error.code];
  const limit = /(\d+)/.exec(error.message)?.[1];
  if (withLimit && limit) return t(withLimit, { n: limit });
  const key = FIELD_MESSAGES[error.code];
  return key ? t(key) : t('fieldError.other', { message: error.message });
}
