import { strFromU8, unzipSync } from 'fflate';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import type { AnyItem } from '../../bank/set';
import { createRng } from '../../engine/rng';
import type { Answer } from '../../engine/score';
import { cmiTimespan, interactionOf, lessonStatus, studentResponse } from './cmi';
import {
	contentFromAssignment,
	contentFromSet,
	contentScript,
	CONTENT_GLOBAL,
	readContent,
	type ScormContentT
} from './content';
import { manifestXml } from './manifest';
import { packageFiles, zipFiles, type PlayerFiles } from './package';
import { decodeProgress, encodeProgress, SUSPEND_LIMIT, type Progress } from './suspend';

const TYPES = ['single', 'multi', 'truefalse', 'cloze', 'short', 'numeric', 'order', 'match'];
const oneOfEach = TYPES.map((t) => bank.items.find((i) => i.type === t)!) as AnyItem[];
const player: PlayerFiles = {
	'index.html': '<!doctype html><title>q</title>',
	'player.js': 'void 0;',
	'player.css': 'body{}'
};
const byName = (doc: ReturnType<typeof parseDocument>, name: string) =>
	DomUtils.getElementsByTagName(name, doc, true);

function content(over: Partial<ScormContentT> = {}): ScormContentT {
	const made = contentFromSet(oneOfEach, { title: 'Unit <3> & "more"', seed: 'abc', passMark: 60 });
	if (!made.ok) throw new Error(made.reason);
	return { ...made.content, ...over };
}

describe('imsmanifest.xml', () => {
	it('has the elements SCORM 1.2 requires: one organization, one item, one SCO listing every file', () => {
		const files = packageFiles(content(), player, 'set-x1');
		const doc = parseDocument(files['imsmanifest.xml']!, { xmlMode: true });
		const [manifest] = byName(doc, 'manifest');
		expect(manifest?.attribs.identifier).toBe('set-x1');
		expect(manifest?.attribs['xmlns:adlcp']).toBe('http://www.adlnet.org/xsd/adlcp_rootv1p2');
		expect(DomUtils.textContent(byName(doc, 'schema')[0]!)).toBe('ADL SCORM');
		expect(DomUtils.textContent(byName(doc, 'schemaversion')[0]!)).toBe('1.2');
		const orgs = byName(doc, 'organizations');
		expect(orgs).toHaveLength(1);
		expect(byName(doc, 'organization')).toHaveLength(1);
		expect(orgs[0]!.attribs.default).toBe(byName(doc, 'organization')[0]!.attribs.identifier);
		const items = byName(doc, 'item');
		expect(items).toHaveLength(1);
		const resources = byName(doc, 'resource');
		expect(resources).toHaveLength(1);
		expect(items[0]!.attribs.identifierref).toBe(resources[0]!.attribs.identifier);
		expect(resources[0]!.attribs['adlcp:scormtype']).toBe('sco');
		expect(resources[0]!.attribs.type).toBe('webcontent');
		expect(resources[0]!.attribs.href).toBe('index.html');
		expect(DomUtils.textContent(byName(doc, 'adlcp:masteryscore')[0]!)).toBe('60');
		// The title survives escaping; every file of the package but the manifest is listed.
		expect(DomUtils.textContent(byName(doc, 'title')[0]!)).toBe('Unit <3> & "more"');
		expect(files['imsmanifest.xml']).toContain(
			'<title>Unit &lt;3&gt; &amp; &quot;more&quot;</title>'
		);
		const listed = byName(doc, 'file').map((f) => f.attribs.href);
		expect(listed.sort()).toEqual(
			Object.keys(files)
				.filter((f) => f !== 'imsmanifest.xml')
				.sort()
		);
	});

	it('has no mastery score without a pass mark, and an XML-safe identifier', () => {
		const xml = manifestXml({
			identifier: '9 bad id',
			title: 't',
			masteryScore: null,
			launch: 'index.html',
			files: ['index.html']
		});
		expect(xml).not.toContain('masteryscore');
		expect(xml).toContain('identifier="Q-9-bad-id"');
	});

	it('zips the files so they unzip as written', () => {
		const files = packageFiles(content(), player, 'set-x1');
		const unzipped = unzipSync(zipFiles(files, Date.UTC(2026, 0, 1)));
		expect(Object.keys(unzipped).sort()).toEqual(Object.keys(files).sort());
		for (const [path, text] of Object.entries(files)) expect(strFromU8(unzipped[path]!)).toBe(text);
	});
});

describe('the package content', () => {
	it('set.js assigns the quiz the player reads back, and a damaged one is refused in words', () => {
		const c = content();
		const script = contentScript(c);
		expect(script).not.toContain('<');
		const value = JSON.parse(script.slice(`globalThis.${CONTENT_GLOBAL} = `.length, -2)) as unknown;
		expect(readContent(value)).toEqual({ ok: true, content: c });
		expect(readContent(undefined)).toEqual({
			ok: false,
			reason: "The package's quiz (set.js) did not load."
		});
		const broken = readContent({ ...c, items: [{ ...c.items[0], type: 'essay' }] });
		expect(broken.ok).toBe(false);
	});

	it('an assignment takes its built-in items from the bank, in its order, and refuses one it lacks', () => {
		const a = {
			v: 1 as const,
			id: 'abc',
			bank: 'f00',
			title: 'T',
			className: '',
			itemIds: [oneOfEach[1]!.id, oneOfEach[0]!.id],
			mode: 'test' as const,
			timeLimitMin: null,
			due: null,
			maxAttempts: 1,
			shuffle: true,
			passMark: 50,
			seed: 's',
			teacherKey: {
				kty: 'EC' as const,
				crv: 'P-256' as const,
				x: 'x'.repeat(43),
				y: 'y'.repeat(43)
			},
			createdAt: 0
		};
		const made = contentFromAssignment(a, bank.items);
		expect(made.ok && made.content.items.map((i) => i.id)).toEqual(a.itemIds);
		expect(made.ok && made.content.assignment?.id).toBe('abc');
		expect(contentFromAssignment({ ...a, itemIds: ['no-such-item'] }, bank.items)).toEqual({
			ok: false,
			reason: "The question no-such-item of this assignment is not in this copy of Quire's bank."
		});
	});

	it('a set too large for a package is refused, naming the limit', () => {
		const many = Array.from({ length: 201 }, (_, n) => ({ ...oneOfEach[0]!, id: `q-${n}` }));
		const made = contentFromSet(many, { title: 'Big', seed: 's' });
		expect(made.ok).toBe(false);
		expect(!made.ok && made.reason).toContain('up to 200 questions');
	});
});

const answers: Record<string, (item: AnyItem) => Answer> = {
	single: (i) => ({ type: 'single', choice: i.type === 'single' ? i.choices[1]! : '' }),
	multi: (i) => ({
		type: 'multi',
		choices: i.type === 'multi' ? [i.choices[2]!, i.choices[0]!] : []
	}),
	truefalse: () => ({ type: 'truefalse', value: false }),
	cloze: () => ({ type: 'cloze', blanks: ['one, two', ''] }),
	short: () => ({ type: 'short', text: 'an answer, typed' }),
	numeric: () => ({ type: 'numeric', value: '1 500' }),
	order: (i) => ({ type: 'order', order: i.type === 'order' ? [...i.items].reverse() : [] }),
	match: (i) => ({
		type: 'match',
		pairs: i.type === 'match' ? { [i.pairs[0]!.left]: i.pairs[1]!.right } : {}
	})
};

describe('cmi values', () => {
	it('writes each type as SCORM 1.2 interactions: type and student_response', () => {
		const rows = oneOfEach.map((item) => interactionOf(item, answers[item.type]!(item), false));
		expect(rows.map((r) => r.type)).toEqual([
			'choice',
			'choice',
			'true-false',
			'fill-in',
			'fill-in',
			'numeric',
			'sequencing',
			'matching'
		]);
		const [single, multi, tf, cloze, short, numeric, order, match] = rows.map(
			(r) => r.student_response
		);
		expect(single).toBe('b');
		expect(multi).toBe('a,c');
		expect(tf).toBe('f');
		expect(cloze).toBe('one two,');
		expect(short).toBe('an answer typed');
		expect(numeric).toBe('1 500');
		const n = (oneOfEach[6] as { items: string[] }).items.length;
		expect(order).toBe(
			Array.from({ length: n }, (_, i) => String.fromCharCode(96 + n - i)).join(',')
		);
		expect(match).toBe('a.b');
		expect(rows.every((r) => r.result === 'wrong' && /^[a-z0-9-]+$/.test(r.id))).toBe(true);
		expect(studentResponse(oneOfEach[0]!, null)).toBe('');
	});

	it('status, score time and CMITimespan', () => {
		expect(lessonStatus(75, 50)).toBe('passed');
		expect(lessonStatus(49, 50)).toBe('failed');
		expect(lessonStatus(10, null)).toBe('completed');
		expect(cmiTimespan(0)).toBe('00:00:00.00');
		expect(cmiTimespan(3_723_450)).toBe('01:02:03.45');
		expect(cmiTimespan(1e15)).toBe('9999:59:59.99');
	});
});

describe('suspend data', () => {
	const progress = (items: AnyItem[]): Progress => ({
		done: 1,
		last: { percent: 40, correct: 2, max: 5 },
		current: {
			position: 3,
			activeMs: 61_000,
			answers: items.map((item, i): [number, Answer] => [i, answers[item.type]!(item)]),
			flags: [2, 5]
		}
	});

	it('round-trips every answer type, the attempt count and the last score', async () => {
		const p = progress(oneOfEach);
		const encoded = await encodeProgress(p, oneOfEach);
		expect(encoded.kept).toBe(8);
		expect(encoded.text.length).toBeLessThanOrEqual(SUSPEND_LIMIT);
		expect(await decodeProgress(encoded.text, oneOfEach)).toEqual(p);
		expect(await decodeProgress('', oneOfEach)).toEqual({ done: 0, last: null, current: null });
	});

	it('refuses what is not its own progress for this quiz', async () => {
		const encoded = await encodeProgress(progress(oneOfEach), oneOfEach);
		expect(await decodeProgress('lesson=3;page=4', oneOfEach)).toBeNull();
		expect(await decodeProgress(encoded.text.slice(0, -8), oneOfEach)).toBeNull();
		// The same progress read against other items: a choice index past their end.
		expect(await decodeProgress(encoded.text, oneOfEach.slice(0, 2))).toBeNull();
	});

	it('stays within 4,096 characters: answers that do not fit are left out and counted', async () => {
		const rng = createRng('suspend');
		const items: AnyItem[] = Array.from({ length: 200 }, (_, n) => ({
			...(oneOfEach[4] as AnyItem),
			id: `short-${n}`
		}));
		const noise = () =>
			Array.from({ length: 60 }, () => String.fromCharCode(33 + Math.floor(rng() * 90))).join('');
		const p: Progress = {
			done: 0,
			last: null,
			current: {
				position: 0,
				activeMs: 0,
				answers: items.map((_, i): [number, Answer] => [i, { type: 'short', text: noise() }]),
				flags: []
			}
		};
		const encoded = await encodeProgress(p, items);
		expect(encoded.text.length).toBeLessThanOrEqual(SUSPEND_LIMIT);
		expect(encoded.kept).toBeGreaterThan(10);
		expect(encoded.kept).toBeLessThan(200);
		const back = await decodeProgress(encoded.text, items);
		expect(back?.current?.answers).toEqual(p.current!.answers.slice(0, encoded.kept));
		// 200 choice answers, the most an assignment holds, fit whole.
		const choices = Array.from({ length: 200 }, (_, n) => ({
			...(oneOfEach[0] as AnyItem),
			id: `c-${n}`
		}));
		const all = await encodeProgress(
			{
				done: 0,
				last: null,
				current: {
					position: 199,
					activeMs: 1,
					answers: choices.map((i, n): [number, Answer] => [n, answers.single!(i)]),
					flags: []
				}
			},
			choices
		);
		expect(all.kept).toBe(200);
		console.log(
			`suspend data: 200 choice answers in ${all.text.length} characters; ${encoded.kept} of 200 random 60-character typed answers fit`
		);
	});
});
