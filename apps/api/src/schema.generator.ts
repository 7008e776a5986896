/**
 * Prints the code-first GraphQL schema (sorted, stable) without a database: used by
 * `cli schema` (writes apps/api/schema.graphql) and `cli schema:check` (CI drift check).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { resolve } from 'node:path';
import { ApiKeyConnectionResolver, ApiKeyResolver, ViewerApiKeyResolver } from './api-key/api-key.resolver.js';
import { AuditEventConnectionResolver, AuditResolver } from './audit/audit.resolver.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { ImportResolver, MemberImportConnectionResolver } from './import/import.resolver.js';
import {
  DuplicateSuggestionConnectionResolver, DuplicateSuggestionResolver, MemberMergeConnectionResolver, MemberMergeResolver,
} from './dedupe/dedupe.resolver.js';
import { InsightsResolver } from './insights/insights.resolver.js';
import { MemberConnectionResolver, MemberResolver } from './member/member.resolver.js';
import { OrganisationUserConnectionResolver, UserResolver } from './user/user.resolver.js';
import { OrganisationConnectionResolver, OrganisationResolver } from './organisation/organisation.resolver.js';
import { SegmentConnectionResolver, SegmentResolver } from './segment/segment.resolver.js';
import { CampaignConnectionResolver, CampaignResolver } from './campaign/campaign.resolver.js';
import {
  ActionConnectionResolver, ActionResolver, ActionResponseConnectionResolver, ActionResponseEventResolver, ActionResponseResolver, CampaignResultsResolver,
} from './action/action.resolver.js';
import { DonationConnectionResolver, DonationPlanConnectionResolver, DonationPlanResolver, DonationResolver } from './donation/donation.resolver.js';
import { TrackedLinkResolver } from './tracked-link/tracked-link.resolver.js';

export const RESOLVERS = [
  OrganisationResolver,
  OrganisationConnectionResolver,
  MemberResolver,
  MemberConnectionResolver,
  InsightsResolver,
  AuthResolver,
  AuditResolver,
  AuditEventConnectionResolver,
  UserResolver,
  OrganisationUserConnectionResolver,
  ApiKeyResolver,
  ApiKeyConnectionResolver,
  ViewerApiKeyResolver,
  ImportResolver,
  MemberImportConnectionResolver,
  DuplicateSuggestionResolver,
  DuplicateSuggestionConnectionResolver,
  MemberMergeResolver,
  MemberMergeConnectionResolver,
  SegmentResolver,
  SegmentConnectionResolver,
  CampaignResolver,
  CampaignConnectionResolver,
  ActionResolver,
  ActionConnectionResolver,
  ActionResponseResolver,
  ActionResponseConnectionResolver,
  ActionResponseEventResolver,
  CampaignResultsResolver,
  DonationResolver,
  DonationConnectionResolver,
  DonationPlanResolver,
  DonationPlanConnectionResolver,
  TrackedLinkResolver,
];

export const SCHEMA_FILE = resolve(__dirname, '..', 'schema.graphql');

const HEADER = '# Generated from the code-first schema by `node dist/cli.js schema`. Do not edit by hand.\n\n';

export async function generateSchemaSdl(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    const factory = app.get(GraphQLSchemaFactory);
    const schema = await factory.create(RESOLVERS);
    return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}
