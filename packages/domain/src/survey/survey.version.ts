/**
 * Survey versions: whether an edit changes what is asked (and so needs a new version, so that stored answers always
 * refer to the wording that was asked) or only how the survey is laid out.
 *
 * Owns: the list of changes between two stable definitions and which of them need a new version.
 * Must never: store versions or decide their numbers beyond "more than the old one"; the API does that.
 *
 * Needs a new version: a question added or removed, its kind, wording, required flag, choices (keys, labels, order),
 * scale (bounds, labels, support-level flag) or branching changed, or the start question changed.
 * Does not: the survey's title, or the order questions are listed in (the walk does not depend on it).
 */
import type { SurveyDefinition, SurveyQuestion } from './survey.definition.js';

export type SurveyChangeKind =
  | 'QUESTION_ADDED'
  | 'QUESTION_REMOVED'
  | 'KIND'
  | 'WORDING'
  | 'REQUIRED'
  | 'CHOICES'
  | 'SCALE'
  | 'BRANCHING'
  | 'START'
  | 'TITLE'
  | 'ORDER';

export interface SurveyChange {
  /** By key, not index: `start`, `title`, `questions`, `questions.<key>`, `questions.<key>.text`, ... */
  path: string;
  kind: SurveyChangeKind;
}

export interface SurveyVersionChanges {
  /** True when answers to the old version would not refer to what the new one asks. */
  needsNewVersion: boolean;
  changes: SurveyChange[];
}

const LAYOUT_ONLY: readonly SurveyChangeKind[] = ['TITLE', 'ORDER'];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compareQuestion(a: SurveyQuestion, b: SurveyQuestion, changes: SurveyChange[]): void {
  const at = `questions.${a.key}`;
  if (a.kind !== b.kind) {
    changes.push({ path: `${at}.kind`, kind: 'KIND' });
    return; // everything else follows from the kind
  }
  if (a.text !== b.text) changes.push({ path: `${at}.text`, kind: 'WORDING' });
  if (a.required !== b.required) changes.push({ path: `${at}.required`, kind: 'REQUIRED' });
  if ((a.kind === 'SINGLE_CHOICE' || a.kind === 'MULTIPLE_CHOICE') && (b.kind === 'SINGLE_CHOICE' || b.kind === 'MULTIPLE_CHOICE')) {
    if (!same(a.choices.map((c) => c.key), b.choices.map((c) => c.key))) changes.push({ path: `${at}.choices`, kind: 'CHOICES' });
    const before = new Map(a.choices.map((c) => [c.key, c.label]));
    b.choices.forEach((c) => {
      const old = before.get(c.key);
      if (old !== undefined && old !== c.label) changes.push({ path: `${at}.choices.${c.key}.label`, kind: 'WORDING' });
    });
  }
  if (a.kind === 'SCALE' && b.kind === 'SCALE') {
    if (a.min !== b.min || a.max !== b.max || a.supportLevel !== b.supportLevel) changes.push({ path: at, kind: 'SCALE' });
    if (!same(a.labels, b.labels)) changes.push({ path: `${at}.labels`, kind: 'WORDING' });
  }
  if (!same(a.next, b.next)) changes.push({ path: `${at}.next`, kind: 'BRANCHING' });
}

/**
 * The changes from `previous` to `next` (both in the stable form `parseSurveyDefinition` returns) and whether they
 * need a new version. The `version` numbers themselves are not compared.
 */
export function surveyVersionChanges(previous: SurveyDefinition, next: SurveyDefinition): SurveyVersionChanges {
  const changes: SurveyChange[] = [];
  if (previous.title !== next.title) changes.push({ path: 'title', kind: 'TITLE' });
  if (previous.start !== next.start) changes.push({ path: 'start', kind: 'START' });
  const after = new Map(next.questions.map((q) => [q.key, q]));
  const before = new Map(previous.questions.map((q) => [q.key, q]));
  for (const q of previous.questions) {
    const b = after.get(q.key);
    if (!b) changes.push({ path: `questions.${q.key}`, kind: 'QUESTION_REMOVED' });
    else compareQuestion(q, b, changes);
  }
  for (const q of next.questions) if (!before.has(q.key)) changes.push({ path: `questions.${q.key}`, kind: 'QUESTION_ADDED' });
  const kept = (list: SurveyQuestion[], other: Map<string, SurveyQuestion>) => list.filter((q) => other.has(q.key)).map((q) => q.key);
  if (!same(kept(previous.questions, after), kept(next.questions, before))) changes.push({ path: 'questions', kind: 'ORDER' });
  return { needsNewVersion: changes.some((c) => !LAYOUT_ONLY.includes(c.kind)), changes };
}

/**
 * The stable JSON text of a definition: equal meaning gives equal text (pass a definition `parseSurveyDefinition`
 * returned; the parse fixes key order and drops rules that say nothing).
 */
export function surveyDefinitionJson(definition: SurveyDefinition): string {
  return JSON.stringify(definition);
}
