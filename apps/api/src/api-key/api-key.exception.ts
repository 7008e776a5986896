import { DomainException } from '../common/domain.exception.js';

export type ApiKeyErrorCode = 'API_KEY_NOT_FOUND';

export class ApiKeyException extends DomainException<ApiKeyErrorCode> {
  static notFound(): ApiKeyException {
    return new ApiKeyException('API_KEY_NOT_FOUND', 'API key not found');
  }
}
