/**
 * Survey definitions: the questions of a script (calls now; texts and web pages later), their branching, their
 * validation (every problem named by its path) and their stable JSON form (stored as jsonb, one row per version).
 *
 * Owns: the question kinds and what each needs, the branching rules and END, the limits, and the graph checks:
 * unknown targets, cycles (a survey must always end, so every cycle is refused), unreachable questions.
 * Must never: know storage or screens, read a clock, or accept a definition it cannot describe back exactly.
 *
 * Branching: after a question, `next.rules` are tried, then `next.default`. A target is a question key or END.
 * - SINGLE_CHOICE: one rule per choice at most; the chosen choice's rule wins.
 * - MULTIPLE_CHOICE: rules are tried in order; the first whose choice was picked wins (the order is meaningful).
 * - SCALE: ranges `from`..`to` (inclusive) that do not overlap; the range holding the answer wins.
 * - FREE_TEXT: no rules, only the default.
 * An optional question left unanswered (null) goes to the default.
 */
import { SUPPORT_LEVEL_MAX, SUPPORT_LEVEL_MIN } from '../member/member.types.js';
import { err, ok, type Result } from '../result.js';

export const SURVEY_END = 'END';
export type SurveyTarget = string; // a question key or SURVEY_END

export const SURVEY_QUESTION_KINDS = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'SCALE', 'FREE_TEXT'] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];

export const SURVEY_LIMITS = {
  questions: 100,
  choices: 50,
  keyLength: 40,
  titleLength: 200,
  questionTextLength: 1000,
  labelLength: 200,
  /** Free-text answers. */
  answerLength: 2000,
  /** Scale bounds: whole numbers from `scaleLowest` to `scaleHighest` (so at most 11 points). */
  scaleLowest: 0,
  scaleHighest: 10,
  version: 1_000_000,
} as const;

/** Keys: lower case, start with a letter; never "END" (upper case), so a key and END cannot be confused. */
export const SURVEY_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

export interface SurveyChoice {
  key: string;
  label: string;
}

export interface SurveyScaleLabel {
  value: number;
  label: string;
}

export interface SurveyChoiceRule {
  choice: string;
  goTo: SurveyTarget;
}

export interface SurveyRangeRule {
  from: number;
  to: number;
  goTo: SurveyTarget;
}

export interface SurveyNext<R> {
  rules: R[];
  default: SurveyTarget;
}

interface QuestionBase {
  key: string;
  text: string;
  required: boolean;
}

export interface SurveyChoiceQuestion extends QuestionBase {
  kind: 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE';
  choices: SurveyChoice[];
  next: SurveyNext<SurveyChoiceRule>;
}

export interface SurveyScaleQuestion extends QuestionBase {
  kind: 'SCALE';
  min: number;
  max: number;
  /** Labels of some points (e.g. 1 "Strongly against", 5 "Strong supporter"), sorted by value. */
  labels: SurveyScaleLabel[];
  /** The voter-ID support level: a 1–5 scale whose answer becomes the member's support level. At most one a survey. */
  supportLevel: boolean;
  next: SurveyNext<SurveyRangeRule>;
}

export interface SurveyFreeTextQuestion extends QuestionBase {
  kind: 'FREE_TEXT';
  next: SurveyNext<never>;
}

export type SurveyQuestion = SurveyChoiceQuestion | SurveyScaleQuestion | SurveyFreeTextQuestion;

export interface SurveyDefinition {
  /** The survey's version: answers refer to (survey, version), so they always point at the wording asked. */
  version: number;
  title: string;
  start: string;
  questions: SurveyQuestion[];
}

export type SurveyProblemCode =
  | 'INVALID' // a value of the wrong shape or out of bounds
  | 'DUPLICATE_KEY'
  | 'UNKNOWN_TARGET' // a branch or the start names no question
  | 'CYCLE'
  | 'UNREACHABLE'
  | 'LIMIT';

export interface SurveyProblem {
  /** Dotted path inside the definition, e.g. `questions.2.next.rules.0.goTo`. */
  path: string;
  code: SurveyProblemCode;
  message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

class Checker {
  readonly problems: SurveyProblem[] = [];

  problem(path: string, code: SurveyProblemCode, message: string): void {
    this.problems.push({ path, code, message });
  }

  text(raw: unknown, path: string, max: number, what: string): string | null {
    if (typeof raw !== 'string') {
      this.problem(path, 'INVALID', `${what} must be text.`);
      return null;
    }
    const value = raw.trim();
    if (value === '') {
      this.problem(path, 'INVALID', `${what} must not be empty.`);
      return null;
    }
    if (value.length > max) {
      this.problem(path, 'LIMIT', `${what} may have at most ${max} characters.`);
      return null;
    }
    return value;
  }

  key(raw: unknown, path: string): string | null {
    if (typeof raw !== 'string' || !SURVEY_KEY_PATTERN.test(raw) || raw.length > SURVEY_LIMITS.keyLength) {
      this.problem(
        path,
        'INVALID',
        `A key is 1 to ${SURVEY_LIMITS.keyLength} characters: lower-case letters, digits and "_", starting with a letter.`,
      );
      return null;
    }
    return raw;
  }

  /** A target's shape only; whether the question exists is checked once every key is known. */
  target(raw: unknown, path: string): SurveyTarget | null {
    if (raw === SURVEY_END) return SURVEY_END;
    if (typeof raw !== 'string' || !SURVEY_KEY_PATTERN.test(raw) || raw.length > SURVEY_LIMITS.keyLength) {
      this.problem(path, 'INVALID', `Must be a question key or "${SURVEY_END}".`);
      return null;
    }
    return raw;
  }

  question(raw: unknown, path: string): SurveyQuestion | null {
    if (!isObject(raw)) {
      this.problem(path, 'INVALID', 'Must be a question.');
      return null;
    }
    const key = this.key(raw.key, `${path}.key`);
    const text = this.text(raw.text, `${path}.text`, SURVEY_LIMITS.questionTextLength, 'The question');
    let required = false;
    if (raw.required !== undefined && typeof raw.required !== 'boolean') {
      this.problem(`${path}.required`, 'INVALID', 'Must be true or false.');
    } else required = raw.required === true;
    const kind = raw.kind;
    if (typeof kind !== 'string' || !(SURVEY_QUESTION_KINDS as readonly string[]).includes(kind)) {
      this.problem(`${path}.kind`, 'INVALID', `Must be one of ${SURVEY_QUESTION_KINDS.join(', ')}.`);
      return null;
    }
    const next = isObject(raw.next) ? raw.next : null;
    if (!next) {
      this.problem(`${path}.next`, 'INVALID', `Must say where to go next: { rules, default }.`);
      return null;
    }
    const fallback = this.target(next.default, `${path}.next.default`);
    const rawRules = next.rules === undefined ? [] : next.rules;
    if (!Array.isArray(rawRules)) {
      this.problem(`${path}.next.rules`, 'INVALID', 'Must be a list.');
      return null;
    }
    const base = { key: key ?? '', text: text ?? '', required };
    switch (kind as SurveyQuestionKind) {
      case 'SINGLE_CHOICE':
      case 'MULTIPLE_CHOICE': {
        const choices = this.choices(raw.choices, `${path}.choices`);
        const rules = this.choiceRules(rawRules, `${path}.next.rules`, choices, kind === 'MULTIPLE_CHOICE', fallback);
        if (key === null || text === null || choices === null || rules === null || fallback === null) return null;
        return { ...base, kind: kind as 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE', choices, next: { rules, default: fallback } };
      }
      case 'SCALE': {
        const scale = this.scale(raw, path);
        const rules = scale ? this.rangeRules(rawRules, `${path}.next.rules`, scale, fallback) : null;
        if (key === null || text === null || scale === null || rules === null || fallback === null) return null;
        return { ...base, kind: 'SCALE', ...scale, next: { rules, default: fallback } };
      }
      case 'FREE_TEXT':
        if (rawRules.length > 0) this.problem(`${path}.next.rules`, 'INVALID', 'A free-text question has no rules, only a default.');
        if (key === null || text === null || fallback === null || rawRules.length > 0) return null;
        return { ...base, kind: 'FREE_TEXT', next: { rules: [], default: fallback } };
    }
  }

  choices(raw: unknown, path: string): SurveyChoice[] | null {
    if (!Array.isArray(raw) || raw.length < 2) {
      this.problem(path, 'INVALID', 'A choice question needs at least two choices.');
      return null;
    }
    if (raw.length > SURVEY_LIMITS.choices) {
      this.problem(path, 'LIMIT', `A question may have at most ${SURVEY_LIMITS.choices} choices.`);
      return null;
    }
    const out: SurveyChoice[] = [];
    const seen = new Set<string>();
    let bad = false;
    raw.forEach((item, i) => {
      const at = `${path}.${i}`;
      if (!isObject(item)) {
        this.problem(at, 'INVALID', 'Must be a choice: { key, label }.');
        bad = true;
        return;
      }
      const key = this.key(item.key, `${at}.key`);
      const label = this.text(item.label, `${at}.label`, SURVEY_LIMITS.labelLength, 'The label');
      if (key !== null && seen.has(key)) {
        this.problem(`${at}.key`, 'DUPLICATE_KEY', `Another choice of this question has the key "${key}".`);
        bad = true;
        return;
      }
      if (key === null || label === null) {
        bad = true;
        return;
      }
      seen.add(key);
      out.push({ key, label });
    });
    return bad ? null : out;
  }

  choiceRules(
    raw: unknown[],
    path: string,
    choices: SurveyChoice[] | null,
    ordered: boolean,
    fallback: SurveyTarget | null,
  ): SurveyChoiceRule[] | null {
    const keys = choices ? choices.map((c) => c.key) : null;
    const rules: SurveyChoiceRule[] = [];
    const seen = new Set<string>();
    let bad = false;
    raw.forEach((item, i) => {
      const at = `${path}.${i}`;
      if (!isObject(item)) {
        this.problem(at, 'INVALID', 'Must be a rule: { choice, goTo }.');
        bad = true;
        return;
      }
      const goTo = this.target(item.goTo, `${at}.goTo`);
      const choice = item.choice;
      if (typeof choice !== 'string' || (keys !== null && !keys.includes(choice))) {
        this.problem(`${at}.choice`, 'INVALID', keys ? `Must be one of this question's choices: ${keys.join(', ')}.` : 'Must be a choice key.');
        bad = true;
        return;
      }
      if (seen.has(choice)) {
        this.problem(`${at}.choice`, 'INVALID', `Another rule already branches on "${choice}".`);
        bad = true;
        return;
      }
      seen.add(choice);
      if (goTo === null) {
        bad = true;
        return;
      }
      rules.push({ choice, goTo });
    });
    if (bad || keys === null) return null;
    if (ordered) return rules; // MULTIPLE_CHOICE: the first picked rule wins, so the order is part of the meaning
    // SINGLE_CHOICE: order means nothing, and a rule going where the default goes says nothing. Stable form: choice
    // order, without such rules.
    return rules
      .filter((r) => r.goTo !== fallback)
      .sort((a, b) => keys.indexOf(a.choice) - keys.indexOf(b.choice));
  }

  scale(raw: Record<string, unknown>, path: string): Omit<SurveyScaleQuestion, keyof QuestionBase | 'kind' | 'next'> | null {
    const { min, max } = raw;
    const { scaleLowest: lo, scaleHighest: hi } = SURVEY_LIMITS;
    let bad = false;
    if (!isWhole(min) || min < lo || min > hi) {
      this.problem(`${path}.min`, 'INVALID', `Must be a whole number from ${lo} to ${hi}.`);
      bad = true;
    }
    if (!isWhole(max) || max < lo || max > hi) {
      this.problem(`${path}.max`, 'INVALID', `Must be a whole number from ${lo} to ${hi}.`);
      bad = true;
    }
    if (!bad && (max as number) <= (min as number)) {
      this.problem(`${path}.max`, 'INVALID', 'Must be more than "min".');
      bad = true;
    }
    let supportLevel = false;
    if (raw.supportLevel !== undefined && typeof raw.supportLevel !== 'boolean') {
      this.problem(`${path}.supportLevel`, 'INVALID', 'Must be true or false.');
      bad = true;
    } else supportLevel = raw.supportLevel === true;
    if (supportLevel && !bad && (min !== SUPPORT_LEVEL_MIN || max !== SUPPORT_LEVEL_MAX)) {
      this.problem(`${path}.supportLevel`, 'INVALID', `The support level is a scale from ${SUPPORT_LEVEL_MIN} to ${SUPPORT_LEVEL_MAX}.`);
      bad = true;
    }
    const labels: SurveyScaleLabel[] = [];
    const rawLabels = raw.labels === undefined ? [] : raw.labels;
    if (!Array.isArray(rawLabels)) {
      this.problem(`${path}.labels`, 'INVALID', 'Must be a list of { value, label }.');
      return null;
    }
    const seen = new Set<number>();
    rawLabels.forEach((item, i) => {
      const at = `${path}.labels.${i}`;
      if (!isObject(item)) {
        this.problem(at, 'INVALID', 'Must be { value, label }.');
        bad = true;
        return;
      }
      const label = this.text(item.label, `${at}.label`, SURVEY_LIMITS.labelLength, 'The label');
      const value = item.value;
      if (!isWhole(value) || (isWhole(min) && value < min) || (isWhole(max) && value > max)) {
        this.problem(`${at}.value`, 'INVALID', 'Must be a point of the scale.');
        bad = true;
        return;
      }
      if (seen.has(value)) {
        this.problem(`${at}.value`, 'INVALID', `Another label is already on ${value}.`);
        bad = true;
        return;
      }
      seen.add(value);
      if (label === null) bad = true;
      else labels.push({ value, label });
    });
    if (bad) return null;
    return { min: min as number, max: max as number, labels: labels.sort((a, b) => a.value - b.value), supportLevel };
  }

  rangeRules(
    raw: unknown[],
    path: string,
    scale: { min: number; max: number },
    fallback: SurveyTarget | null,
  ): SurveyRangeRule[] | null {
    const rules: (SurveyRangeRule & { at: string })[] = [];
    let bad = false;
    raw.forEach((item, i) => {
      const at = `${path}.${i}`;
      if (!isObject(item)) {
        this.problem(at, 'INVALID', 'Must be a rule: { from, to, goTo }.');
        bad = true;
        return;
      }
      const goTo = this.target(item.goTo, `${at}.goTo`);
      const { from, to } = item;
      let ruleBad = goTo === null;
      if (!isWhole(from) || from < scale.min || from > scale.max) {
        this.problem(`${at}.from`, 'INVALID', `Must be a point of the scale (${scale.min} to ${scale.max}).`);
        ruleBad = true;
      }
      if (!isWhole(to) || to < scale.min || to > scale.max) {
        this.problem(`${at}.to`, 'INVALID', `Must be a point of the scale (${scale.min} to ${scale.max}).`);
        ruleBad = true;
      } else if (isWhole(from) && to < from) {
        this.problem(`${at}.to`, 'INVALID', 'Must not be below "from".');
        ruleBad = true;
      }
      if (ruleBad) {
        bad = true;
        return;
      }
      rules.push({ from: from as number, to: to as number, goTo: goTo as SurveyTarget, at });
    });
    if (bad) return null;
    const sorted = [...rules].sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].from <= sorted[i - 1].to) {
        const [first, second] = [sorted[i - 1], sorted[i]].sort((a, b) => rules.indexOf(a) - rules.indexOf(b));
        this.problem(`${second.at}.from`, 'INVALID', `Overlaps the range ${first.from}–${first.to} of another rule.`);
        bad = true;
      }
    }
    if (bad) return null;
    // Stable form: by `from`, without rules that go where the default goes, adjacent ranges to one target merged.
    const out: SurveyRangeRule[] = [];
    for (const r of sorted) {
      if (r.goTo === fallback) continue;
      const last = out[out.length - 1];
      if (last && last.goTo === r.goTo && last.to + 1 === r.from) last.to = r.to;
      else out.push({ from: r.from, to: r.to, goTo: r.goTo });
    }
    return out;
  }
}

/**
 * Checks a definition (anything, e.g. parsed JSON from the builder) and returns its stable form: fixed key order,
 * texts trimmed, scale labels by value, single-choice rules in choice order and scale rules by range, rules that only
 * repeat the default dropped. Every problem is reported with its path; the graph checks (unknown targets, cycles,
 * unreachable questions) run once every question is well formed.
 */
export function parseSurveyDefinition(raw: unknown): Result<SurveyDefinition, SurveyProblem[]> {
  if (!isObject(raw)) return err([{ path: '', code: 'INVALID', message: 'A survey definition must be an object.' }]);
  const c = new Checker();
  const { version } = raw;
  if (!isWhole(version) || version < 1 || version > SURVEY_LIMITS.version) {
    c.problem('version', 'INVALID', `Must be a whole number from 1 to ${SURVEY_LIMITS.version.toLocaleString('en-GB')}.`);
  }
  const title = c.text(raw.title, 'title', SURVEY_LIMITS.titleLength, 'The title');
  const start = c.key(raw.start, 'start');
  if (!Array.isArray(raw.questions) || raw.questions.length === 0) {
    c.problem('questions', 'INVALID', 'A survey needs at least one question.');
    return err(c.problems);
  }
  if (raw.questions.length > SURVEY_LIMITS.questions) {
    c.problem('questions', 'LIMIT', `A survey may have at most ${SURVEY_LIMITS.questions} questions.`);
    return err(c.problems);
  }
  const questions: SurveyQuestion[] = [];
  const seen = new Set<string>();
  let support: number | null = null;
  raw.questions.forEach((item, i) => {
    const q = c.question(item, `questions.${i}`);
    if (!q) return;
    if (seen.has(q.key)) {
      c.problem(`questions.${i}.key`, 'DUPLICATE_KEY', `Another question has the key "${q.key}".`);
      return;
    }
    seen.add(q.key);
    if (q.kind === 'SCALE' && q.supportLevel) {
      if (support !== null) {
        c.problem(`questions.${i}.supportLevel`, 'INVALID', `Question ${support} is already the support level: a survey has at most one.`);
      } else support = i;
    }
    questions.push(q);
  });
  if (c.problems.length > 0 || title === null || start === null) return err(c.problems);
  const graph = checkSurveyGraph(start, questions);
  if (graph.length > 0) return err(graph);
  return ok({ version: version as number, title, start, questions });
}

/**
 * The graph checks of well-formed questions: the start and every branch name a question (or END), no cycle (so every
 * walk ends), and every question reachable from the start. Paths use the question's index.
 */
export function checkSurveyGraph(start: string, questions: readonly SurveyQuestion[]): SurveyProblem[] {
  const problems: SurveyProblem[] = [];
  const index = new Map(questions.map((q, i) => [q.key, i]));
  if (!index.has(start)) problems.push({ path: 'start', code: 'UNKNOWN_TARGET', message: `No question has the key "${start}".` });
  // Edges with the path of the branch that makes them.
  const edges = questions.map((q, i) => {
    const out: { to: string; path: string }[] = [];
    q.next.rules.forEach((r: { goTo: SurveyTarget }, j: number) => out.push({ to: r.goTo, path: `questions.${i}.next.rules.${j}.goTo` }));
    out.push({ to: q.next.default, path: `questions.${i}.next.default` });
    return out;
  });
  edges.forEach((list) =>
    list.forEach((e) => {
      if (e.to !== SURVEY_END && !index.has(e.to)) problems.push({ path: e.path, code: 'UNKNOWN_TARGET', message: `No question has the key "${e.to}".` });
    }),
  );
  // Cycles: depth-first from every question (so cycles among unreachable questions are found too); an edge back to a
  // question on the current stack closes a cycle, reported once at that edge.
  const state = new Array<0 | 1 | 2>(questions.length).fill(0); // 0 new, 1 on the stack, 2 done
  const stack: number[] = [];
  const visit = (i: number): void => {
    state[i] = 1;
    stack.push(i);
    for (const e of edges[i]) {
      const j = index.get(e.to);
      if (j === undefined) continue;
      if (state[j] === 1) {
        const loop = [...stack.slice(stack.indexOf(j)), j].map((k) => questions[k].key).join(' → ');
        problems.push({ path: e.path, code: 'CYCLE', message: `Goes back to "${e.to}" (${loop}): a survey must always end.` });
      } else if (state[j] === 0) visit(j);
    }
    stack.pop();
    state[i] = 2;
  };
  const startIndex = index.get(start);
  if (startIndex !== undefined) visit(startIndex);
  questions.forEach((_, i) => {
    if (state[i] === 0) visit(i);
  });
  // Reachability from the start.
  const reached = new Set<number>();
  const todo = startIndex === undefined ? [] : [startIndex];
  while (todo.length > 0) {
    const i = todo.pop() as number;
    if (reached.has(i)) continue;
    reached.add(i);
    for (const e of edges[i]) {
      const j = index.get(e.to);
      if (j !== undefined && !reached.has(j)) todo.push(j);
    }
  }
  if (startIndex !== undefined) {
    questions.forEach((q, i) => {
      if (!reached.has(i)) {
        problems.push({ path: `questions.${i}`, code: 'UNREACHABLE', message: `No path from the start question leads to "${q.key}".` });
      }
    });
  }
  return problems;
}

/** The question with this key, or null. */
export function findSurveyQuestion(definition: SurveyDefinition, key: string): SurveyQuestion | null {
  return definition.questions.find((q) => q.key === key) ?? null;
}

/** The support-level question (a 1–5 SCALE with `supportLevel: true`), or null when the survey has none. */
export function supportLevelQuestion(definition: SurveyDefinition): SurveyScaleQuestion | null {
  return (definition.questions.find((q) => q.kind === 'SCALE' && q.supportLevel) as SurveyScaleQuestion | undefined) ?? null;
}
