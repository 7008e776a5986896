/** Health module: owns GET /health. Must never: do more than a cheap database ping. */
import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';

@Module({ controllers: [HealthController] })
export class HealthModule {}
