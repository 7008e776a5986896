/** The API's public error codes: stable, documented, the only ones clients ever see. */
export type ApiErrorCode = 'NOT_FOUND' | 'VALIDATION_FAILED' | 'BAD_REQUEST' | 'QUERY_TOO_COMPLEX' | 'INTERNAL'
  | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'CSRF_FAILED' | 'INVALID_CREDENTIALS';

export interface ApiError {
  message: string;
  code: ApiErrorCode;
  fields?: { path: string; message: string }[];
}
