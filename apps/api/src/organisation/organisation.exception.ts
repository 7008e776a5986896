import { DomainException } from '../common/domain.exception.js';

export type OrganisationErrorCode = 'ORGANISATION_NOT_FOUND';

export class OrganisationException extends DomainException<OrganisationErrorCode> {
  static notFound(): OrganisationException {
    return new OrganisationException('ORGANISATION_NOT_FOUND', 'Organisation not found');
  }
}
