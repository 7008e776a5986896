import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

/**
 * GET /health for load balancers and the launcher. It pings the pool directly rather than through
 * the request context: it must answer even when opening a transaction would hang or fail.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; database: string }> {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'ok' };
    } catch {
      reply.code(503);
      return { status: 'unavailable', database: 'unavailable' };
    }
  }
}
