/**
 * Mercurius options of the hardened endpoint: spread into GraphQLModule.forRoot in app.module.ts.
 * Owns: introspection and GraphiQL switches, batching, the parser's token cap and the alias/cost
 * check (preValidation: before graphql-js validates, so a hostile document is refused cheaply).
 */
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { NoSchemaIntrospectionCustomRule, type DocumentNode } from 'graphql';
import { assertWithinLimits } from './query-limits.js';
import type { SecurityConfig } from './security.config.js';

interface HookContext {
  reply?: { request?: { body?: unknown; query?: unknown } };
}

function variablesOf(context: HookContext): Record<string, unknown> | undefined {
  const request = context.reply?.request;
  const body = request?.body as { variables?: unknown } | undefined;
  const vars = body && typeof body === 'object' ? body.variables : (request?.query as { variables?: unknown } | undefined)?.variables;
  if (typeof vars === 'string') {
    try {
      return JSON.parse(vars) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return vars && typeof vars === 'object' ? (vars as Record<string, unknown>) : undefined;
}

export function graphqlSecurityOptions(config: SecurityConfig): Partial<MercuriusDriverConfig> {
  return {
    graphiql: config.graphiql,
    // One operation per request: a JSON array body is refused (BAD_REQUEST). Clients batch with
    // several root fields in one operation, which the cost limit covers.
    allowBatchedQueries: false,
    parserOptions: { maxTokens: config.maxTokens },
    validationRules: config.introspection ? [] : [NoSchemaIntrospectionCustomRule],
    hooks: {
      preValidation: [
        async (_schema: unknown, document: DocumentNode, context: unknown) => {
          assertWithinLimits(document, variablesOf(context as HookContext), config);
        },
      ],
    },
  } as Partial<MercuriusDriverConfig>;
}
