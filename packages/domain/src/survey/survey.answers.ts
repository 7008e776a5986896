/**
 * Survey answers: checking a set of answers against a definition and the path the branching actually took, walking
 * the branches to the next question (the caller screen's script), and reading the support level.
 *
 * Owns: the answer shapes, what "on the path" means, and which answers are errors (off the path, missing when
 * required, of the wrong shape).
 * Must never: do I/O or read a clock; it takes a definition that `parseSurveyDefinition` accepted (no cycles, every
 * target known), so every walk ends.
 *
 * Answers are keyed by question key. A value means answered; `null` means asked and not answered (allowed only for an
 * optional question, which then goes to its default); a missing key means not asked (yet).
 *   SINGLE_CHOICE: a choice key · MULTIPLE_CHOICE: one or more choice keys · SCALE: a whole number on the scale ·
 *   FREE_TEXT: text (trimmed, 1 to SURVEY_LIMITS.answerLength characters).
 */
import { err, ok, type Result } from '../result.js';
import {
  SURVEY_END,
  SURVEY_LIMITS,
  supportLevelQuestion,
  type SurveyDefinition,
  type SurveyQuestion,
  type SurveyTarget,
} from './survey.definition.js';

export type SurveyAnswerValue = string | string[] | number;
export type SurveyAnswers = Record<string, SurveyAnswerValue | null>;

export type SurveyAnswerProblemCode = 'INVALID' | 'UNKNOWN_QUESTION' | 'NOT_ON_PATH' | 'REQUIRED';

export interface SurveyAnswerProblem {
  /** The question key, or `key.index` inside a multiple-choice answer. */
  path: string;
  code: SurveyAnswerProblemCode;
  message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where one (already checked) answer leads. Unanswered (null) goes to the default. */
export function surveyNextTarget(question: SurveyQuestion, answer: SurveyAnswerValue | null): SurveyTarget {
  if (answer === null) return question.next.default;
  switch (question.kind) {
    case 'SINGLE_CHOICE':
      return question.next.rules.find((r) => r.choice === answer)?.goTo ?? question.next.default;
    case 'MULTIPLE_CHOICE': {
      const picked = answer as string[];
      return question.next.rules.find((r) => picked.includes(r.choice))?.goTo ?? question.next.default;
    }
    case 'SCALE': {
      const n = answer as number;
      return question.next.rules.find((r) => n >= r.from && n <= r.to)?.goTo ?? question.next.default;
    }
    case 'FREE_TEXT':
      return question.next.default;
  }
}

/** Checks one answer's shape; returns its stable form (multiple choice in choice order) or the problems. */
function checkValue(question: SurveyQuestion, raw: unknown, problems: SurveyAnswerProblem[]): SurveyAnswerValue | null {
  const path = question.key;
  const bad = (message: string, at = path) => {
    problems.push({ path: at, code: 'INVALID', message });
    return null;
  };
  switch (question.kind) {
    case 'SINGLE_CHOICE': {
      const keys = question.choices.map((c) => c.key);
      if (typeof raw !== 'string' || !keys.includes(raw)) return bad(`Must be one of: ${keys.join(', ')}.`);
      return raw;
    }
    case 'MULTIPLE_CHOICE': {
      const keys = question.choices.map((c) => c.key);
      if (!Array.isArray(raw) || raw.length === 0) return bad('Pick at least one choice (or leave the question unanswered).');
      const before = problems.length;
      raw.forEach((item, i) => {
        if (typeof item !== 'string' || !keys.includes(item)) bad(`Must be one of: ${keys.join(', ')}.`, `${path}.${i}`);
        else if (raw.indexOf(item) !== i) bad(`"${item}" is picked twice.`, `${path}.${i}`);
      });
      if (problems.length > before) return null;
      return keys.filter((k) => raw.includes(k));
    }
    case 'SCALE':
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < question.min || raw > question.max) {
        return bad(`Must be a whole number from ${question.min} to ${question.max}.`);
      }
      return raw;
    case 'FREE_TEXT': {
      if (typeof raw !== 'string') return bad('Must be text.');
      const text = raw.trim();
      if (text === '') return bad('Must not be empty (or leave the question unanswered).');
      if (text.length > SURVEY_LIMITS.answerLength) return bad(`At most ${SURVEY_LIMITS.answerLength} characters.`);
      return text;
    }
  }
}

export interface SurveyWalk {
  /** The stable form of the answers: keys in the order asked, only questions on the path. */
  answers: SurveyAnswers;
  /** The keys of the questions asked, in order (answered or left unanswered). */
  path: string[];
  /** The next question to ask, or null when the walk reached END. */
  next: SurveyQuestion | null;
}

/**
 * Walks the branches from the start with the answers given. `complete: true` (a finished survey) treats a missing
 * answer as "not answered" (an error when required, the default branch otherwise); `complete: false` (a survey in
 * progress) stops at the first question without an answer, which is the next to ask.
 */
function walk(definition: SurveyDefinition, raw: unknown, complete: boolean): Result<SurveyWalk, SurveyAnswerProblem[]> {
  if (!isObject(raw)) return err([{ path: '', code: 'INVALID', message: 'Answers must be an object keyed by question key.' }]);
  const byKey = new Map(definition.questions.map((q) => [q.key, q]));
  const problems: SurveyAnswerProblem[] = [];
  const answers: SurveyAnswers = {};
  const path: string[] = [];
  let at: SurveyTarget = definition.start;
  let next: SurveyQuestion | null = null;
  let stoppedAt: string | null = null; // the walk could not go on past this question (a bad or missing answer)
  // The definition has no cycles, so this ends; the bound guards a definition that skipped parseSurveyDefinition.
  for (let steps = 0; at !== SURVEY_END && steps <= definition.questions.length; steps++) {
    const question = byKey.get(at);
    if (!question) break;
    const has = Object.prototype.hasOwnProperty.call(raw, question.key);
    if (!has && !complete) {
      next = question;
      stoppedAt = question.key;
      break;
    }
    const value = has ? raw[question.key] : null;
    if (value === null || value === undefined) {
      path.push(question.key);
      if (question.required) {
        problems.push({ path: question.key, code: 'REQUIRED', message: 'Required, and on the path taken: it needs an answer.' });
        stoppedAt = question.key;
        break;
      }
      if (has) answers[question.key] = null;
      at = surveyNextTarget(question, null);
      continue;
    }
    const checked = checkValue(question, value, problems);
    if (checked === null) {
      stoppedAt = question.key;
      break;
    }
    path.push(question.key);
    answers[question.key] = checked;
    at = surveyNextTarget(question, checked);
  }
  const visited = new Set(path);
  for (const key of Object.keys(raw)) {
    if (visited.has(key)) continue;
    if (!byKey.has(key)) {
      problems.push({ path: key, code: 'UNKNOWN_QUESTION', message: 'The survey has no question with this key.' });
    } else if (stoppedAt === null) {
      problems.push({ path: key, code: 'NOT_ON_PATH', message: 'The branching skipped this question: it is not on the path the answers took.' });
    } else if (key !== stoppedAt) {
      problems.push({
        path: key,
        code: 'NOT_ON_PATH',
        message: `Not reached: the path stops at "${stoppedAt}", which needs an answer first.`,
      });
    }
  }
  if (problems.length > 0) return err(problems);
  return ok({ answers, path, next });
}

/**
 * Checks a finished set of answers against the definition and the path the answers took: every answer of the right
 * shape, every required question on the path answered, no answer to a question the branching skipped. Returns the
 * stable form (keys in the order asked; multiple choice in choice order; free text trimmed).
 */
export function validateAnswers(definition: SurveyDefinition, answers: unknown): Result<SurveyAnswers, SurveyAnswerProblem[]> {
  const result = walk(definition, answers, true);
  return result.ok ? ok(result.value.answers) : result;
}

/**
 * The next question to ask given the answers so far (null: the survey has ended), with the questions asked so far.
 * Answers so far must be on the path (the same checks as `validateAnswers`, stopping at the first question without
 * an answer). Leaving an optional question unanswered is `null`.
 */
export function nextQuestion(definition: SurveyDefinition, answersSoFar: unknown): Result<SurveyWalk, SurveyAnswerProblem[]> {
  return walk(definition, answersSoFar, false);
}

/** The 1–5 support level when the survey has a support-level question and it was answered; null otherwise. */
export function supportLevelOf(definition: SurveyDefinition, answers: SurveyAnswers): number | null {
  const question = supportLevelQuestion(definition);
  if (!question) return null;
  const value = answers[question.key];
  return typeof value === 'number' && Number.isInteger(value) && value >= question.min && value <= question.max ? value : null;
}
