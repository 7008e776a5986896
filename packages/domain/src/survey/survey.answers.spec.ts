import { nextQuestion, supportLevelOf, surveyNextTarget, validateAnswers, type SurveyAnswers } from './survey.answers.js';
import { parseSurveyDefinition, type SurveyDefinition } from './survey.definition.js';

/**
 * support (SCALE 1–5, required, support level): 1–2 → why_not, 4–5 → help, else → issues
 * why_not (FREE_TEXT, optional) → END
 * help (SINGLE_CHOICE, required): no → END, else → issues
 * issues (MULTIPLE_CHOICE, optional): safety picked → safety_detail, else → END
 * safety_detail (FREE_TEXT, optional) → END
 */
function survey(): SurveyDefinition {
  const result = parseSurveyDefinition({
    version: 1, title: 'Voter ID', start: 'support',
    questions: [
      {
        key: 'support', kind: 'SCALE', text: 'How likely are you to vote for Sam?', required: true, min: 1, max: 5, supportLevel: true,
        next: { rules: [{ from: 1, to: 2, goTo: 'why_not' }, { from: 4, to: 5, goTo: 'help' }], default: 'issues' },
      },
      { key: 'why_not', kind: 'FREE_TEXT', text: 'What would change your mind?', next: { default: 'END' } },
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
      { key: 'safety_detail', kind: 'FREE_TEXT', text: 'Tell us about safety at work.', next: { default: 'END' } },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function problems(answers: unknown): string[] {
  const result = validateAnswers(survey(), answers);
  return result.ok ? [] : result.error.map((p) => `${p.code} ${p.path}: ${p.message}`);
}

/** The keys asked so far and the next key (or END), or the problems. */
function step(answers: unknown): string {
  const result = nextQuestion(survey(), answers);
  if (!result.ok) return result.error.map((p) => `${p.code} ${p.path}`).join('; ');
  return [...result.value.path, result.value.next?.key ?? 'END'].join(' → ');
}

describe('nextQuestion: walking the branches', () => {
  it('starts at the start question', () => {
    expect(step({})).toBe('support');
  });

  it('follows the scale ranges and the default between them', () => {
    expect(step({ support: 1 })).toBe('support → why_not');
    expect(step({ support: 2 })).toBe('support → why_not');
    expect(step({ support: 3 })).toBe('support → issues'); // no range holds 3: the default
    expect(step({ support: 4 })).toBe('support → help');
    expect(step({ support: 5 })).toBe('support → help');
  });

  it('follows a single-choice rule to END, and the default for a choice without a rule', () => {
    expect(step({ support: 5, help: 'no' })).toBe('support → help → END');
    expect(step({ support: 5, help: 'yes' })).toBe('support → help → issues');
  });

  it('follows the first multiple-choice rule whose choice was picked, else the default to END', () => {
    expect(step({ support: 3, issues: ['pay', 'safety'] })).toBe('support → issues → safety_detail');
    expect(step({ support: 3, issues: ['pay', 'hours'] })).toBe('support → issues → END');
  });

  it('goes to the default when an optional question is left unanswered (null)', () => {
    expect(step({ support: 3, issues: null })).toBe('support → issues → END');
    expect(step({ support: 1, why_not: null })).toBe('support → why_not → END');
    expect(step({ support: 1, why_not: 'Nothing' })).toBe('support → why_not → END');
  });

  it('walks a whole branch to END', () => {
    const result = nextQuestion(survey(), { support: 4, help: 'yes', issues: ['safety'], safety_detail: ' Broken ladders ' });
    expect(result).toEqual({
      ok: true,
      value: {
        path: ['support', 'help', 'issues', 'safety_detail'],
        answers: { support: 4, help: 'yes', issues: ['safety'], safety_detail: 'Broken ladders' },
        next: null,
      },
    });
  });

  it('returns the next question itself, for the script on the caller screen', () => {
    const result = nextQuestion(survey(), { support: 4 });
    expect(result.ok && result.value.next).toMatchObject({ key: 'help', kind: 'SINGLE_CHOICE', text: 'Will you help?' });
  });

  it('refuses a required question left unanswered, answers past the point reached, and bad answers', () => {
    expect(step({ support: null })).toBe('REQUIRED support');
    expect(step({ help: 'yes' })).toBe('NOT_ON_PATH help');
    expect(step({ support: 4, issues: ['pay'] })).toBe('NOT_ON_PATH issues'); // help comes first on this path
    expect(step({ support: 9 })).toBe('INVALID support');
    expect(step({ support: 1, help: 'yes' })).toBe('NOT_ON_PATH help'); // 1 skips help
    expect(step('x')).toBe('INVALID ');
  });
});

describe('validateAnswers', () => {
  it('accepts the answers of every path and returns them in the order asked', () => {
    const result = validateAnswers(survey(), { issues: ['safety', 'pay'], help: 'yes', support: 5 });
    expect(result).toEqual({ ok: true, value: { support: 5, help: 'yes', issues: ['pay', 'safety'] } });
    expect(JSON.stringify(result.ok && result.value)).toBe('{"support":5,"help":"yes","issues":["pay","safety"]}');
    expect(problems({ support: 1 })).toEqual([]); // why_not is optional
    expect(problems({ support: 1, why_not: null })).toEqual([]);
    expect(problems({ support: 3 })).toEqual([]);
    expect(problems({ support: 5, help: 'no' })).toEqual([]);
  });

  it('keeps "asked, not answered" (null) and leaves out questions not asked', () => {
    expect(validateAnswers(survey(), { support: 3, issues: null })).toEqual({ ok: true, value: { support: 3, issues: null } });
    expect(validateAnswers(survey(), { support: 3 })).toEqual({ ok: true, value: { support: 3 } });
  });

  it('refuses an answer to a question the branching skipped', () => {
    expect(problems({ support: 1, help: 'yes' })).toEqual([
      'NOT_ON_PATH help: The branching skipped this question: it is not on the path the answers took.',
    ]);
    expect(problems({ support: 5, help: 'no', issues: ['pay'] })).toEqual([
      'NOT_ON_PATH issues: The branching skipped this question: it is not on the path the answers took.',
    ]);
    expect(problems({ support: 3, issues: ['pay'], safety_detail: 'x' })).toEqual([
      'NOT_ON_PATH safety_detail: The branching skipped this question: it is not on the path the answers took.',
    ]);
  });

  it('refuses a required question on the path without an answer, and says what it stopped', () => {
    expect(problems({})).toEqual(['REQUIRED support: Required, and on the path taken: it needs an answer.']);
    expect(problems({ support: 4 })).toEqual(['REQUIRED help: Required, and on the path taken: it needs an answer.']);
    expect(problems({ support: 4, help: null, issues: ['pay'] })).toEqual([
      'REQUIRED help: Required, and on the path taken: it needs an answer.',
      'NOT_ON_PATH issues: Not reached: the path stops at "help", which needs an answer first.',
    ]);
  });

  it('does not require a required question the branching skipped', () => {
    expect(problems({ support: 2 })).toEqual([]); // help is required but not on this path
  });

  it('refuses answers of the wrong shape, by path', () => {
    expect(problems({ support: 2.5 })).toEqual(['INVALID support: Must be a whole number from 1 to 5.']);
    expect(problems({ support: '4' })).toEqual(['INVALID support: Must be a whole number from 1 to 5.']);
    expect(problems({ support: 5, help: 'maybe' })).toEqual(['INVALID help: Must be one of: yes, no.']);
    expect(problems({ support: 3, issues: [] })).toEqual(['INVALID issues: Pick at least one choice (or leave the question unanswered).']);
    expect(problems({ support: 3, issues: 'pay' })).toEqual(['INVALID issues: Pick at least one choice (or leave the question unanswered).']);
    expect(problems({ support: 3, issues: ['pay', 'rent', 'pay', 7] })).toEqual([
      'INVALID issues.1: Must be one of: pay, hours, safety.',
      'INVALID issues.2: "pay" is picked twice.',
      'INVALID issues.3: Must be one of: pay, hours, safety.',
    ]);
    expect(problems({ support: 1, why_not: '   ' })).toEqual(['INVALID why_not: Must not be empty (or leave the question unanswered).']);
    expect(problems({ support: 1, why_not: 5 })).toEqual(['INVALID why_not: Must be text.']);
    expect(problems({ support: 1, why_not: 'x'.repeat(2001) })).toEqual(['INVALID why_not: At most 2000 characters.']);
    expect(problems({ support: 1, why_not: 'x'.repeat(2000) })).toEqual([]);
    expect(problems([])).toEqual(['INVALID : Answers must be an object keyed by question key.']);
  });

  it('after a bad answer, does not judge the answers it cannot place', () => {
    expect(problems({ support: 7, help: 'yes', issues: ['pay'] })).toEqual([
      'INVALID support: Must be a whole number from 1 to 5.',
      'NOT_ON_PATH help: Not reached: the path stops at "support", which needs an answer first.',
      'NOT_ON_PATH issues: Not reached: the path stops at "support", which needs an answer first.',
    ]);
  });

  it('refuses an answer to a question the survey does not have', () => {
    expect(problems({ support: 3, colour: 'red' })).toEqual(['UNKNOWN_QUESTION colour: The survey has no question with this key.']);
  });
});

describe('surveyNextTarget', () => {
  it('goes to the default for an unanswered question and for free text', () => {
    const d = survey();
    expect(surveyNextTarget(d.questions[0], null)).toBe('issues');
    expect(surveyNextTarget(d.questions[4], 'anything')).toBe('END');
  });
});

describe('supportLevelOf', () => {
  it('returns the 1–5 level when the support question was answered', () => {
    const d = survey();
    for (const level of [1, 2, 3, 4, 5]) expect(supportLevelOf(d, { support: level })).toBe(level);
  });

  it('returns null when it was not answered, left unanswered, or the survey has no support question', () => {
    const d = survey();
    expect(supportLevelOf(d, {})).toBeNull();
    expect(supportLevelOf(d, { support: null })).toBeNull();
    expect(supportLevelOf(d, { support: 6 } as SurveyAnswers)).toBeNull();
    const plain = parseSurveyDefinition({
      version: 1, title: 'T', start: 'a',
      questions: [{ key: 'a', kind: 'SCALE', text: 'Rate us', min: 1, max: 5, next: { default: 'END' } }],
    });
    expect(plain.ok && supportLevelOf(plain.value, { a: 4 })).toBeNull();
  });
});
