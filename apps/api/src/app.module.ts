import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { DataSource } from 'typeorm';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { graphqlErrorFormatter } from './common/graphql-error.formatter.js';
import { InputValidationPipe } from './common/validation.pipe.js';
import { AccessModule } from './access/access.module.js';
import { ActionModule } from './action/action.module.js';
import { CampaignModule } from './campaign/campaign.module.js';
import { ActionPageModule } from './action-page/action-page.module.js';
import { TrackedLinkModule } from './tracked-link/tracked-link.module.js';
import { ApiKeyModule } from './api-key/api-key.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DedupeModule } from './dedupe/dedupe.module.js';
import { DonationModule } from './donation/donation.module.js';
import { ExportModule } from './export/export.module.js';
import { securityConfig } from './security/security.config.js';
import { graphqlSecurityOptions } from './security/security.graphql.js';
import { HealthModule } from './health/health.module.js';
import { ImportModule } from './import/import.module.js';
import { InsightsModule } from './insights/insights.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MemberModule } from './member/member.module.js';
import { OrganisationModule } from './organisation/organisation.module.js';
import { SegmentModule } from './segment/segment.module.js';
import { UserModule } from './user/user.module.js';

/** Depth beyond which a query is refused as QUERY_TOO_COMPLEX (members → edges → node → phones is 5). */
export const QUERY_DEPTH_LIMIT = 8;

export const DOMAIN_MODULES = [AccessModule, AuditModule, AuthModule, OrganisationModule, MemberModule, InsightsModule, UserModule, ApiKeyModule, JobsModule, ImportModule, SegmentModule,
  CampaignModule, ActionModule, DonationModule, ActionPageModule, TrackedLinkModule];

@Global()
@Module({})
class DataSourceModule {
  static with(dataSource: DataSource): DynamicModule {
    return { module: DataSourceModule, providers: [{ provide: DataSource, useValue: dataSource }], exports: [DataSource] };
  }
}

@Module({})
export class AppModule {
  static forRoot(dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DataSourceModule.with(dataSource),
        DatabaseModule,
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          // Introspection, GraphiQL, batching, alias and cost limits (security/, docs/security.md).
          ...graphqlSecurityOptions(securityConfig()),
          // Compile a query to JavaScript after its first run (measured in bench/, see docs/).
          jit: 1,
          queryDepth: QUERY_DEPTH_LIMIT,
          errorFormatter: graphqlErrorFormatter as MercuriusDriverConfig['errorFormatter'],
        }),
        HealthModule,
        ...DOMAIN_MODULES,
        DedupeModule,
        ExportModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
