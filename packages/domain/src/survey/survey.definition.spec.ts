import {
  SURVEY_LIMITS,
  checkSurveyGraph,
  findSurveyQuestion,
  parseSurveyDefinition,
  supportLevelQuestion,
  type SurveyDefinition,
  type SurveyQuestion,
} from './survey.definition.js';

/** A voter-ID script: support level, then a branch on it, a multiple choice, a free text. */
function voterIdSurvey(): Record<string, unknown> {
  return {
    version: 1,
    title: ' Leadership contest voter ID ',
    start: 'support',
    questions: [
      {
        key: 'support', kind: 'SCALE', text: 'How likely are you to vote for Sam?', required: true,
        min: 1, max: 5, supportLevel: true,
        labels: [{ value: 5, label: 'Definitely' }, { value: 1, label: 'Definitely not' }],
        next: { rules: [{ from: 1, to: 2, goTo: 'why_not' }, { from: 4, to: 5, goTo: 'help' }], default: 'issues' },
      },
      {
        key: 'why_not', kind: 'FREE_TEXT', text: 'What would change your mind?', required: false,
        next: { default: 'END' },
      },
      {
        key: 'help', kind: 'SINGLE_CHOICE', text: 'Will you help?', required: true,
        choices: [{ key: 'yes', label: 'Yes' }, { key: 'no', label: 'No' }],
        next: { rules: [{ choice: 'no', goTo: 'END' }], default: 'issues' },
      },
      {
        key: 'issues', kind: 'MULTIPLE_CHOICE', text: 'Which issues matter most?',
        choices: [{ key: 'pay', label: 'Pay' }, { key: 'hours', label: 'Hours' }, { key: 'safety', label: 'Safety' }],
        next: { rules: [{ choice: 'safety', goTo: 'safety_detail' }], default: 'END' },
      },
      {
        key: 'safety_detail', kind: 'FREE_TEXT', text: 'Tell us about safety at work.', required: false,
        next: { rules: [], default: 'END' },
      },
    ],
  };
}

function parsed(raw: unknown = voterIdSurvey()): SurveyDefinition {
  const result = parseSurveyDefinition(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function problems(raw: unknown): string[] {
  const result = parseSurveyDefinition(raw);
  return result.ok ? [] : result.error.map((p) => `${p.code} ${p.path}: ${p.message}`);
}

/** The voter-ID survey with question `i` replaced by `patch` merged into it. */
function withQuestion(i: number, patch: Record<string, unknown>, base = voterIdSurvey()): Record<string, unknown> {
  const questions = [...(base.questions as Record<string, unknown>[])];
  questions[i] = { ...questions[i], ...patch };
  return { ...base, questions };
}

function q(key: string, next: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { key, kind: 'FREE_TEXT', text: `Question ${key}`, next, ...extra };
}

describe('parseSurveyDefinition', () => {
  it('accepts every question kind and returns the stable form', () => {
    const d = parsed();
    expect(d.title).toBe('Leadership contest voter ID');
    expect(d.questions[0]).toEqual({
      key: 'support', text: 'How likely are you to vote for Sam?', required: true, kind: 'SCALE', min: 1, max: 5,
      labels: [{ value: 1, label: 'Definitely not' }, { value: 5, label: 'Definitely' }], supportLevel: true,
      next: { rules: [{ from: 1, to: 2, goTo: 'why_not' }, { from: 4, to: 5, goTo: 'help' }], default: 'issues' },
    });
    expect(d.questions[1]).toEqual({ key: 'why_not', text: 'What would change your mind?', required: false, kind: 'FREE_TEXT', next: { rules: [], default: 'END' } });
    expect(d.questions[3]).toMatchObject({ kind: 'MULTIPLE_CHOICE', required: false });
    expect(findSurveyQuestion(d, 'help')?.kind).toBe('SINGLE_CHOICE');
    expect(findSurveyQuestion(d, 'nope')).toBeNull();
    expect(supportLevelQuestion(d)?.key).toBe('support');
  });

  it('gives the same JSON for the same meaning (stable form)', () => {
    const a = parsed();
    // Keys in another order, texts padded, labels unsorted, single-choice and scale rules reordered, a rule that
    // repeats the default, adjacent ranges to one target split.
    const b = parsed({
      questions: [
        {
          next: { default: 'issues', rules: [{ goTo: 'help', to: 4, from: 4 }, { from: 1, to: 2, goTo: 'why_not' }, { from: 5, to: 5, goTo: 'help' }, { from: 3, to: 3, goTo: 'issues' }] },
          labels: [{ label: 'Definitely', value: 5 }, { value: 1, label: ' Definitely not' }],
          supportLevel: true, max: 5, min: 1, required: true, text: 'How likely are you to vote for Sam? ', kind: 'SCALE', key: 'support',
        },
        { key: 'why_not', kind: 'FREE_TEXT', text: 'What would change your mind?', next: { rules: [], default: 'END' } },
        {
          key: 'help', kind: 'SINGLE_CHOICE', text: 'Will you help?', required: true,
          choices: [{ label: 'Yes', key: 'yes' }, { key: 'no', label: 'No' }],
          next: { rules: [{ choice: 'no', goTo: 'END' }, { choice: 'yes', goTo: 'issues' }], default: 'issues' },
        },
        (voterIdSurvey().questions as unknown[])[3],
        { key: 'safety_detail', kind: 'FREE_TEXT', text: 'Tell us about safety at work.', next: { default: 'END' } },
      ],
      start: 'support', title: 'Leadership contest voter ID', version: 1,
    });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('keeps the order of multiple-choice rules (the first picked rule wins) and every choice in its order', () => {
    const d = parsed({
      version: 1, title: 'T', start: 'a',
      questions: [
        {
          key: 'a', kind: 'MULTIPLE_CHOICE', text: 'A?',
          choices: [{ key: 'x', label: 'X' }, { key: 'y', label: 'Y' }, { key: 'z', label: 'Z' }],
          next: { rules: [{ choice: 'z', goTo: 'c' }, { choice: 'x', goTo: 'END' }, { choice: 'y', goTo: 'b' }], default: 'b' },
        },
        q('b', { default: 'END' }), q('c', { default: 'END' }),
      ],
    });
    const first = d.questions[0] as Extract<SurveyQuestion, { kind: 'MULTIPLE_CHOICE' | 'SINGLE_CHOICE' }>;
    expect(first.next.rules).toEqual([{ choice: 'z', goTo: 'c' }, { choice: 'x', goTo: 'END' }, { choice: 'y', goTo: 'b' }]);
    expect(first.choices.map((c) => c.key)).toEqual(['x', 'y', 'z']);
  });

  it('refuses what is not a survey, and a survey without questions', () => {
    expect(problems('x')).toEqual(['INVALID : A survey definition must be an object.']);
    expect(problems({ version: 1, title: 'T', start: 'a', questions: [] })).toEqual(['INVALID questions: A survey needs at least one question.']);
    expect(problems({ version: 0, title: '', start: 'A', questions: 'x' })).toEqual([
      'INVALID version: Must be a whole number from 1 to 1,000,000.',
      'INVALID title: The title must not be empty.',
      'INVALID start: A key is 1 to 40 characters: lower-case letters, digits and "_", starting with a letter.',
      'INVALID questions: A survey needs at least one question.',
    ]);
  });

  it('names every problem of a question by its path', () => {
    const raw = {
      version: 1, title: 'T', start: 'a',
      questions: [
        'nonsense',
        { key: 'Bad Key', kind: 'RANKING', text: 'x', next: { default: 'END' } },
        { key: 'c', kind: 'FREE_TEXT', text: '  ', required: 'yes', next: { default: 'END' } },
        { key: 'd', kind: 'FREE_TEXT', text: 'D', next: { rules: [{ choice: 'x', goTo: 'END' }], default: 'END' } },
        { key: 'e', kind: 'FREE_TEXT', text: 'E' },
        { key: 'f', kind: 'FREE_TEXT', text: 'F', next: { default: 'no such!' } },
        { key: 'g', kind: 'FREE_TEXT', text: 'G', next: { rules: 'x', default: 'END' } },
      ],
    };
    expect(problems(raw)).toEqual([
      'INVALID questions.0: Must be a question.',
      'INVALID questions.1.key: A key is 1 to 40 characters: lower-case letters, digits and "_", starting with a letter.',
      'INVALID questions.1.kind: Must be one of SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, FREE_TEXT.',
      'INVALID questions.2.text: The question must not be empty.',
      'INVALID questions.2.required: Must be true or false.',
      'INVALID questions.3.next.rules: A free-text question has no rules, only a default.',
      'INVALID questions.4.next: Must say where to go next: { rules, default }.',
      'INVALID questions.5.next.default: Must be a question key or "END".',
      'INVALID questions.6.next.rules: Must be a list.',
    ]);
  });

  it('names every problem of choices and choice rules by its path', () => {
    const raw = {
      version: 1, title: 'T', start: 'a',
      questions: [
        { key: 'a', kind: 'SINGLE_CHOICE', text: 'A', choices: [{ key: 'x', label: 'X' }], next: { default: 'END' } },
        {
          key: 'b', kind: 'SINGLE_CHOICE', text: 'B',
          choices: [{ key: 'x', label: 'X' }, { key: 'x', label: 'Again' }, { key: 'y', label: '' }, 'z', { key: '9', label: 'N' }],
          next: { default: 'END' },
        },
        {
          key: 'c', kind: 'MULTIPLE_CHOICE', text: 'C', choices: [{ key: 'x', label: 'X' }, { key: 'y', label: 'Y' }],
          next: { rules: [{ choice: 'q', goTo: 'END' }, { choice: 'x', goTo: 'END' }, { choice: 'x', goTo: 'a' }, { choice: 'y', goTo: 'Nope' }, 'r'], default: 'END' },
        },
        { key: 'd', kind: 'SINGLE_CHOICE', text: 'D', choices: Array.from({ length: 51 }, (_, i) => ({ key: `c${i}`, label: 'L' })), next: { default: 'END' } },
      ],
    };
    expect(problems(raw)).toEqual([
      'INVALID questions.0.choices: A choice question needs at least two choices.',
      'DUPLICATE_KEY questions.1.choices.1.key: Another choice of this question has the key "x".',
      'INVALID questions.1.choices.2.label: The label must not be empty.',
      'INVALID questions.1.choices.3: Must be a choice: { key, label }.',
      'INVALID questions.1.choices.4.key: A key is 1 to 40 characters: lower-case letters, digits and "_", starting with a letter.',
      'INVALID questions.2.next.rules.0.choice: Must be one of this question\'s choices: x, y.',
      'INVALID questions.2.next.rules.2.choice: Another rule already branches on "x".',
      'INVALID questions.2.next.rules.3.goTo: Must be a question key or "END".',
      'INVALID questions.2.next.rules.4: Must be a rule: { choice, goTo }.',
      'LIMIT questions.3.choices: A question may have at most 50 choices.',
    ]);
  });

  it('names every problem of scales and range rules by its path', () => {
    const scale = (extra: Record<string, unknown>) => ({ kind: 'SCALE', text: 'S', min: 1, max: 5, next: { default: 'END' }, ...extra });
    const raw = {
      version: 1, title: 'T', start: 'a',
      questions: [
        scale({ key: 'a', min: 1.5, max: 11 }),
        scale({ key: 'b', min: 4, max: 4 }),
        scale({ key: 'c', min: 1, max: 10, supportLevel: true }),
        scale({ key: 'd', supportLevel: 'yes', labels: 'x' }),
        scale({ key: 'e', labels: [{ value: 0, label: 'Zero' }, { value: 2, label: '' }, { value: 3, label: 'A' }, { value: 3, label: 'B' }, 'x'] }),
        scale({
          key: 'f',
          next: { rules: [{ from: 0, to: 2, goTo: 'END' }, { from: 4, to: 3, goTo: 'END' }, { from: 1, to: 9, goTo: 'END' }, { from: 1, to: 1, goTo: 1 }, 'x'], default: 'END' },
        }),
        scale({ key: 'g', next: { rules: [{ from: 1, to: 3, goTo: 'END' }, { from: 3, to: 5, goTo: 'a' }], default: 'END' } }),
        scale({ key: 'h', min: 0, max: 10 }),
        scale({ key: 'i', min: 0, max: 10 }),
      ],
    };
    expect(problems(raw)).toEqual([
      'INVALID questions.0.min: Must be a whole number from 0 to 10.',
      'INVALID questions.0.max: Must be a whole number from 0 to 10.',
      'INVALID questions.1.max: Must be more than "min".',
      'INVALID questions.2.supportLevel: The support level is a scale from 1 to 5.',
      'INVALID questions.3.supportLevel: Must be true or false.',
      'INVALID questions.3.labels: Must be a list of { value, label }.',
      'INVALID questions.4.labels.0.value: Must be a point of the scale.',
      'INVALID questions.4.labels.1.label: The label must not be empty.',
      'INVALID questions.4.labels.3.value: Another label is already on 3.',
      'INVALID questions.4.labels.4: Must be { value, label }.',
      'INVALID questions.5.next.rules.0.from: Must be a point of the scale (1 to 5).',
      'INVALID questions.5.next.rules.1.to: Must not be below "from".',
      'INVALID questions.5.next.rules.2.to: Must be a point of the scale (1 to 5).',
      'INVALID questions.5.next.rules.3.goTo: Must be a question key or "END".',
      'INVALID questions.5.next.rules.4: Must be a rule: { from, to, goTo }.',
      'INVALID questions.6.next.rules.1.from: Overlaps the range 1–3 of another rule.',
    ]);
  });

  it('refuses duplicate question keys and a second support-level question', () => {
    const base = voterIdSurvey();
    const questions = [...(base.questions as Record<string, unknown>[])];
    questions.push({ ...questions[1] }, { ...questions[0], key: 'support_again' });
    expect(problems({ ...base, questions })).toEqual([
      'DUPLICATE_KEY questions.5.key: Another question has the key "why_not".',
      'INVALID questions.6.supportLevel: Question 0 is already the support level: a survey has at most one.',
    ]);
  });

  it('enforces the limits: questions, key and text lengths', () => {
    const chain = (n: number) =>
      Array.from({ length: n }, (_, i) => q(`q${i}`, { default: i === n - 1 ? 'END' : `q${i + 1}` }));
    expect(problems({ version: 1, title: 'T', start: 'q0', questions: chain(SURVEY_LIMITS.questions) })).toEqual([]);
    expect(problems({ version: 1, title: 'T', start: 'q0', questions: chain(SURVEY_LIMITS.questions + 1) })).toEqual([
      'LIMIT questions: A survey may have at most 100 questions.',
    ]);
    const one = (extra: Record<string, unknown>) => ({ version: 1, title: 'T', start: 'a', questions: [q('a', { default: 'END' }, extra)] });
    expect(problems(one({ text: 'x'.repeat(1000) }))).toEqual([]);
    expect(problems(one({ text: 'x'.repeat(1001) }))).toEqual(['LIMIT questions.0.text: The question may have at most 1000 characters.']);
    expect(problems({ ...one({}), title: 'x'.repeat(201) })).toEqual(['LIMIT title: The title may have at most 200 characters.']);
    const long = 'k'.repeat(41);
    expect(problems({ version: 1, title: 'T', start: long, questions: [q(long, { default: 'END' })] })).toEqual([
      'INVALID start: A key is 1 to 40 characters: lower-case letters, digits and "_", starting with a letter.',
      'INVALID questions.0.key: A key is 1 to 40 characters: lower-case letters, digits and "_", starting with a letter.',
    ]);
    expect(problems(withQuestion(2, { choices: [{ key: 'yes', label: 'x'.repeat(201) }, { key: 'no', label: 'No' }] }))).toEqual([
      'LIMIT questions.2.choices.0.label: The label may have at most 200 characters.',
    ]);
  });
});

describe('branching checks', () => {
  const survey = (start: string, questions: unknown[]) => ({ version: 1, title: 'T', start, questions });

  it('refuses an unknown start question and unknown targets', () => {
    expect(problems(survey('nope', [q('a', { default: 'END' })]))).toEqual(['UNKNOWN_TARGET start: No question has the key "nope".']);
    expect(problems(withQuestion(2, { next: { rules: [{ choice: 'no', goTo: 'gone' }], default: 'issues' } }))).toEqual([
      'UNKNOWN_TARGET questions.2.next.rules.0.goTo: No question has the key "gone".',
    ]);
    expect(problems(withQuestion(1, { next: { default: 'missing' } }))).toEqual([
      'UNKNOWN_TARGET questions.1.next.default: No question has the key "missing".',
    ]);
  });

  it('refuses a question that leads to itself', () => {
    expect(problems(survey('a', [q('a', { default: 'a' })]))).toEqual([
      'CYCLE questions.0.next.default: Goes back to "a" (a → a): a survey must always end.',
    ]);
  });

  it('refuses a cycle through a branch, even when another branch ends', () => {
    const raw = survey('a', [
      {
        key: 'a', kind: 'SINGLE_CHOICE', text: 'A', choices: [{ key: 'x', label: 'X' }, { key: 'y', label: 'Y' }],
        next: { rules: [{ choice: 'x', goTo: 'END' }], default: 'b' },
      },
      q('b', { default: 'c' }),
      q('c', { default: 'a' }),
    ]);
    expect(problems(raw)).toEqual(['CYCLE questions.2.next.default: Goes back to "a" (a → b → c → a): a survey must always end.']);
  });

  it('refuses a choice rule leading back to the start', () => {
    expect(problems(withQuestion(2, { next: { rules: [{ choice: 'yes', goTo: 'support' }], default: 'issues' } }))).toEqual([
      'CYCLE questions.2.next.rules.0.goTo: Goes back to "support" (support → help → support): a survey must always end.',
    ]);
  });

  it('refuses a cycle among questions the start never reaches, and reports them unreachable', () => {
    const raw = survey('a', [q('a', { default: 'END' }), q('b', { default: 'c' }), q('c', { default: 'b' })]);
    expect(problems(raw)).toEqual([
      'CYCLE questions.2.next.default: Goes back to "b" (b → c → b): a survey must always end.',
      'UNREACHABLE questions.1: No path from the start question leads to "b".',
      'UNREACHABLE questions.2: No path from the start question leads to "c".',
    ]);
  });

  it('accepts a diamond (two branches joining again): joining is not a cycle', () => {
    const raw = survey('a', [
      {
        key: 'a', kind: 'SINGLE_CHOICE', text: 'A', choices: [{ key: 'x', label: 'X' }, { key: 'y', label: 'Y' }],
        next: { rules: [{ choice: 'x', goTo: 'b' }], default: 'c' },
      },
      q('b', { default: 'd' }), q('c', { default: 'd' }), q('d', { default: 'END' }),
    ]);
    expect(problems(raw)).toEqual([]);
  });

  it('reports a question no branch leads to', () => {
    expect(problems(withQuestion(3, { next: { rules: [], default: 'END' } }))).toEqual([
      'UNREACHABLE questions.4: No path from the start question leads to "safety_detail".',
    ]);
  });

  it('checkSurveyGraph reports nothing for a well-formed survey', () => {
    const d = parsed();
    expect(checkSurveyGraph(d.start, d.questions)).toEqual([]);
  });
});
