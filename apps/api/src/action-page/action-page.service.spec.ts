import type { DataSource } from 'typeorm';
import type { MemberRepository } from '../member/member.repository';
import type { ActionPageRepository } from './action-page.repository';
import { ActionPageService } from './action-page.service';
import { LinkSecretMissingError } from './action-page.token';

describe('ActionPageService without MUSTER_LINK_SECRET in production', () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, MUSTER_LINK_SECRET: process.env.MUSTER_LINK_SECRET };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('still constructs (the API starts), and every use of the signer refuses with LinkSecretMissingError', async () => {
    process.env.NODE_ENV = 'production';
    delete process.env.MUSTER_LINK_SECRET;
    const service = new ActionPageService(null as unknown as DataSource, null as unknown as ActionPageRepository, null as unknown as MemberRepository,
      { transition: async () => ({ id: 'x' }) }, null);
    expect(() => service.signer).toThrow(LinkSecretMissingError);
    await expect(service.submit('anyslug00001', {}, '127.0.0.1')).rejects.toThrow(LinkSecretMissingError);
  });
});
