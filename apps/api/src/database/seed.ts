import type { DataSource } from 'typeorm';

export interface SeedOptions {
  unionMembers: number;
  campaignMembers: number;
  ifEmpty: boolean;
  seed?: string;
}

export async function seedDemoData(_ds: DataSource, _options: SeedOptions): Promise<{ line: string }> {
  throw new Error('seed: not implemented yet');
}
