import { SetMetadata } from '@nestjs/common';
import type { Capability } from '@muster/domain';

export const REQUIRED_CAPABILITY = 'muster:requiredCapability';
export const PUBLIC_OPERATION = 'muster:publicOperation';

/**
 * The resolver needs a principal holding `capability` on at least one organisation it reaches
 * (else FORBIDDEN). The service then checks the one organisation the call is about
 * (AccessService.assert: NOT_FOUND outside reach, FORBIDDEN inside reach without it).
 */
export const RequireCapability = (capability: Capability) => SetMetadata(REQUIRED_CAPABILITY, capability);

/** The operation works without a principal (login, acceptInvitation). Everything else needs one. */
export const PublicOperation = () => SetMetadata(PUBLIC_OPERATION, true);
