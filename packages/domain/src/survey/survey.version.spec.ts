import { parseSurveyDefinition, type SurveyDefinition } from './survey.definition.js';
import { surveyDefinitionJson, surveyVersionChanges } from './survey.version.js';

type Raw = Record<string, unknown> & { questions: Record<string, unknown>[] };

function base(): Raw {
  return {
    version: 1, title: 'Voter ID', start: 'support',
    questions: [
      {
        key: 'support', kind: 'SCALE', text: 'How likely are you to vote for Sam?', required: true, min: 1, max: 5, supportLevel: true,
        labels: [{ value: 1, label: 'Never' }],
        next: { rules: [{ from: 4, to: 5, goTo: 'help' }], default: 'note' },
      },
      {
        key: 'help', kind: 'SINGLE_CHOICE', text: 'Will you help?',
        choices: [{ key: 'yes', label: 'Yes' }, { key: 'no', label: 'No' }],
        next: { rules: [{ choice: 'no', goTo: 'END' }], default: 'note' },
      },
      { key: 'note', kind: 'FREE_TEXT', text: 'Anything else?', next: { default: 'END' } },
    ],
  };
}

function parse(raw: unknown): SurveyDefinition {
  const result = parseSurveyDefinition(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** The changes from the base survey to `edit(base)`, as "KIND path", and whether a new version is needed. */
function changes(edit: (raw: Raw) => void): { needsNewVersion: boolean; changes: string[] } {
  const after = base();
  edit(after);
  const result = surveyVersionChanges(parse(base()), parse(after));
  return { needsNewVersion: result.needsNewVersion, changes: result.changes.map((c) => `${c.kind} ${c.path}`) };
}

describe('surveyVersionChanges', () => {
  it('sees no change between equal meanings written differently', () => {
    expect(changes((raw) => {
      raw.questions[0].text = '  How likely are you to vote for Sam?';
      raw.questions[1].next = { rules: [{ choice: 'yes', goTo: 'note' }, { choice: 'no', goTo: 'END' }], default: 'note' };
      raw.version = 2;
    })).toEqual({ needsNewVersion: false, changes: [] });
  });

  it('needs no new version for a new title or another question order', () => {
    expect(changes((raw) => {
      raw.title = 'Voter ID (spring)';
      raw.questions.reverse();
    })).toEqual({ needsNewVersion: false, changes: ['TITLE title', 'ORDER questions'] });
  });

  it('needs a new version when the wording changes: question, choice label, scale label', () => {
    expect(changes((raw) => {
      raw.questions[0].text = 'How likely are you to vote for Alex?';
      raw.questions[0].labels = [{ value: 1, label: 'Not at all' }];
      raw.questions[1].choices = [{ key: 'yes', label: 'Yes, happily' }, { key: 'no', label: 'No' }];
    })).toEqual({
      needsNewVersion: true,
      changes: ['WORDING questions.support.text', 'WORDING questions.support.labels', 'WORDING questions.help.choices.yes.label'],
    });
  });

  it('needs a new version when choices are added, removed or reordered', () => {
    expect(changes((raw) => {
      raw.questions[1].choices = [{ key: 'yes', label: 'Yes' }, { key: 'no', label: 'No' }, { key: 'maybe', label: 'Maybe' }];
    })).toEqual({ needsNewVersion: true, changes: ['CHOICES questions.help.choices'] });
    expect(changes((raw) => {
      raw.questions[1].choices = [{ key: 'no', label: 'No' }, { key: 'yes', label: 'Yes' }];
    })).toEqual({ needsNewVersion: true, changes: ['CHOICES questions.help.choices'] });
  });

  it('needs a new version when the branching or the start changes', () => {
    expect(changes((raw) => {
      raw.questions[0].next = { rules: [{ from: 5, to: 5, goTo: 'help' }], default: 'note' };
    })).toEqual({ needsNewVersion: true, changes: ['BRANCHING questions.support.next'] });
    expect(changes((raw) => {
      raw.start = 'help';
      raw.questions[1].next = { rules: [{ choice: 'no', goTo: 'END' }], default: 'support' };
      raw.questions[0].next = { default: 'note' };
    })).toEqual({
      needsNewVersion: true,
      changes: ['START start', 'BRANCHING questions.support.next', 'BRANCHING questions.help.next'],
    });
  });

  it('needs a new version when a question is added or removed, changes kind, scale or required flag', () => {
    expect(changes((raw) => {
      raw.questions[2].next = { default: 'extra' };
      raw.questions.push({ key: 'extra', kind: 'FREE_TEXT', text: 'And?', next: { default: 'END' } });
    })).toEqual({ needsNewVersion: true, changes: ['BRANCHING questions.note.next', 'QUESTION_ADDED questions.extra'] });
    expect(changes((raw) => {
      raw.questions.splice(1, 1);
      raw.questions[0].next = { default: 'note' };
    })).toEqual({ needsNewVersion: true, changes: ['BRANCHING questions.support.next', 'QUESTION_REMOVED questions.help'] });
    expect(changes((raw) => {
      raw.questions[2] = { key: 'note', kind: 'SINGLE_CHOICE', text: 'Anything else?', choices: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }], next: { default: 'END' } };
    })).toEqual({ needsNewVersion: true, changes: ['KIND questions.note.kind'] });
    expect(changes((raw) => {
      raw.questions[2].required = true;
    })).toEqual({ needsNewVersion: true, changes: ['REQUIRED questions.note.required'] });
    expect(changes((raw) => {
      raw.questions[0] = { ...raw.questions[0], supportLevel: false, min: 0, max: 10 };
    })).toEqual({ needsNewVersion: true, changes: ['SCALE questions.support'] });
  });
});

describe('surveyDefinitionJson', () => {
  it('gives equal text for equal meaning and different text for a different wording', () => {
    const a = base();
    const b = base();
    b.questions[1] = { ...b.questions[1], next: { rules: [{ goTo: 'END', choice: 'no' }, { choice: 'yes', goTo: 'note' }], default: 'note' } };
    b.title = ' Voter ID ';
    expect(surveyDefinitionJson(parse(b))).toBe(surveyDefinitionJson(parse(a)));
    b.questions[2] = { ...b.questions[2], text: 'Anything more?' };
    expect(surveyDefinitionJson(parse(b))).not.toBe(surveyDefinitionJson(parse(a)));
  });

  it('round-trips: parsing the stable form gives it back unchanged', () => {
    const once = parse(base());
    expect(parse(JSON.parse(surveyDefinitionJson(once)))).toEqual(once);
  });
});
