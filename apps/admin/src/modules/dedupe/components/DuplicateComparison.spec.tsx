import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { DuplicateComparison } from './DuplicateComparison';
import { comparedMember } from '../lib/dedupe-compare.fixtures';

describe('DuplicateComparison', () => {
  it('puts the records side by side with a labelled survivor choice per record and marks differing rows', () => {
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <DuplicateComparison
          organisationId="org-1"
          suggestionId="s-1"
          members={[comparedMember({ id: 'a', postcode: 'SW1A 1AA' }), comparedMember({ id: 'b', fullName: 'Ada King', postcode: 'N1 9GU' })]}
          survivorId="b"
          onSurvivor={() => undefined}
        />
      </MemoryRouter>,
    );
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(html).toContain('name="survivor-s-1" checked="" value="b"');
    expect(html).toContain('name="survivor-s-1" value="a"');
    expect(html).toContain('Keep this record');
    expect(html).toContain('href="/orgs/org-1/members/a"');
    expect(html).toContain('data-field="postcode" data-differs="true"');
    expect(html).toContain('data-field="status" data-differs="false"');
    expect(html).toContain('(differs)');
  });
});
