// Targets (b), (c), (d): one Nest app, the driver chosen by DRIVER=apollo|mercurius|mercurius-jit.
// Each is configured as a production app would be: no playground/graphiql, no request logging.
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MembersResolver, PG_POOL } from './schema.js';
import { makePool } from './page.js';

const driver = process.env.DRIVER ?? 'mercurius-jit';
const port = Number(process.env.PORT);

function graphqlModule(): DynamicModule {
  if (driver === 'apollo') {
    // Loaded lazily so the Mercurius targets never pay for Apollo's module graph, and vice versa.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ApolloDriver } = require('@nestjs/apollo') as typeof import('@nestjs/apollo');
    return GraphQLModule.forRoot({ driver: ApolloDriver, autoSchemaFile: true, playground: false, graphiql: false });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MercuriusDriver } = require('@nestjs/mercurius') as typeof import('@nestjs/mercurius');
  return GraphQLModule.forRoot({
    driver: MercuriusDriver, autoSchemaFile: true, graphiql: false,
    ...(driver === 'mercurius-jit' ? { jit: 1 } : {}),
  });
}

async function main(): Promise<void> {
  const pool = makePool();

  @Module({ imports: [graphqlModule()], providers: [MembersResolver, { provide: PG_POOL, useValue: pool }] })
  class AppModule {}

  let app;
  if (driver === 'apollo') {
    app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FastifyAdapter } = require('@nestjs/platform-fastify') as typeof import('@nestjs/platform-fastify');
    app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: ['error', 'warn'] });
  }
  await app.listen(port, '127.0.0.1');
  console.log('ready');
  process.on('SIGTERM', () => { void app.close().then(() => pool.end()); });
}

main().catch((err: unknown) => { console.error(err); process.exit(1); });
