import { beforeAll, describe, expect, it } from 'vitest';
import type { SetQuizItem } from '../bank/set';
import { deflateRaw, fromBase64Url, inflateRaw, toBase64Url, utf8 } from './codec';
import { generateTeacherKeys } from './crypto';
import { decodeAssignment, encodeAssignment, type AssignmentInput } from './link';
import { qrInfo } from './qr';

let key: JsonWebKey;
beforeAll(async () => {
	key = (await generateTeacherKeys()).publicJwk;
});

/** Twenty own items of every type, as a teacher might write them. */
function ownItems(n: number): SetQuizItem[] {
	const base = { topic: 'general', difficulty: 2 as const, voice: 'fact' as const, tags: [] };
	const make = (i: number): SetQuizItem => {
		const id = `own-k${i.toString(36).padStart(8, '0')}`;
		switch (i % 8) {
			case 0:
				return {
					...base,
					id,
					type: 'single',
					prompt: `Who signed treaty number ${i}?`,
					choices: ['Reagan', 'Gorbachev', 'Obama', 'Trump'],
					answer: 'Reagan',
					explanation: 'The caption names him.'
				};
			case 1:
				return {
					...base,
					id,
					type: 'multi',
					prompt: `Which parties signed pact ${i}?`,
					choices: ['The United States', 'The USSR', 'China', 'France'],
					answers: ['The United States', 'The USSR']
				};
			case 2:
				return {
					...base,
					id,
					type: 'truefalse',
					prompt: `Statement ${i}: the treaty covered sea-launched missiles.`,
					answer: false
				};
			case 3:
				return {
					...base,
					id,
					type: 'cloze',
					prompt: 'Fill in the blanks.',
					text: `Item ${i}: the ban covers ranges of {{500}} to {{5,500}} kilometers.`
				};
			case 4:
				return {
					...base,
					id,
					type: 'short',
					prompt: `Question ${i}: which department published the review?`,
					answer: 'Department of Defense',
					accept: ['DoD']
				};
			case 5:
				return {
					...base,
					id,
					type: 'numeric',
					prompt: `Question ${i}: in which year was the treaty signed?`,
					answer: 1987,
					tolerance: 0
				};
			case 6:
				return {
					...base,
					id,
					type: 'order',
					prompt: `Order ${i}: earliest first.`,
					items: ['ABM Treaty signed', 'INF Treaty signed', 'US leaves the ABM Treaty']
				};
			default:
				return {
					...base,
					id,
					type: 'match',
					prompt: `Match ${i}: each treaty to its year.`,
					pairs: [
						{ left: 'ABM', right: '1972' },
						{ left: 'INF', right: '1987' }
					]
				};
		}
	};
	return Array.from({ length: n }, (_, i) => make(i));
}

function assignment(items: SetQuizItem[], extra: string[] = []): AssignmentInput {
	return {
		v: 1,
		id: 'a-own',
		bank: 'abc123',
		title: 'Own questions',
		className: '9B',
		itemIds: [...extra, ...items.map((i) => i.id)],
		mode: 'test',
		timeLimitMin: null,
		due: null,
		maxAttempts: 1,
		shuffle: true,
		passMark: 50,
		seed: 'seed',
		teacherKey: key,
		createdAt: 1_700_000_000_000,
		items
	};
}

async function rewrap(fragment: string, edit: (wire: unknown[]) => void): Promise<string> {
	const bytes = await inflateRaw(fromBase64Url(fragment.slice(1))!, 1 << 22);
	const wire = JSON.parse(new TextDecoder().decode(bytes)) as unknown[];
	edit(wire);
	return fragment[0] + toBase64Url(await deflateRaw(utf8(JSON.stringify(wire))));
}

describe('links with own items', () => {
	it('carries the items and reads them back, validated, whatever the bank version', async () => {
		const items = ownItems(20);
		const fragment = await encodeAssignment(assignment(items));
		expect(fragment[0]).toBe('2');
		const decoded = await decodeAssignment(fragment, 'another', new Set(['treaty-range-max']));
		expect(decoded.ok).toBe(true);
		if (!decoded.ok) return;
		expect(decoded.assignment.items).toEqual(items);
		// The figure the issue asks for: 20 own items, one of each type in turn.
		const url = `https://quire.example/a#${fragment}`;
		expect(url.length).toBeLessThan(8000);
		expect(qrInfo(url).version).toBeGreaterThan(0);
	});

	it('keeps version 1 links for built-in questions only', async () => {
		const fragment = await encodeAssignment({ ...assignment([], ['treaty-range-max']), items: [] });
		expect(fragment[0]).toBe('1');
		const decoded = await decodeAssignment(fragment, 'abc123', new Set(['treaty-range-max']));
		expect(decoded.ok && decoded.assignment.items).toBeUndefined();
	});

	it('still checks the bank version for the built-in questions of a mixed link', async () => {
		const fragment = await encodeAssignment(assignment(ownItems(2), ['treaty-range-max']));
		const known = new Set(['treaty-range-max']);
		expect((await decodeAssignment(fragment, 'abc123', known)).ok).toBe(true);
		const other = await decodeAssignment(fragment, 'ffff', known);
		expect(other.ok || other.error).toMatch(/different version of the question bank/);
	});

	it('refuses items that break the rules, replace a built-in or are not listed', async () => {
		const fragment = await encodeAssignment(assignment(ownItems(2)));
		const broken = await rewrap(fragment, (w) => {
			(w[16] as Record<string, unknown>[])[0]!.answer = 'Nixon';
		});
		const a = await decodeAssignment(broken, 'x', new Set());
		expect(a.ok || a.error).toMatch(
			/not valid \(answer: answer "Nixon" is not one of the choices\)/
		);
		const hijack = await decodeAssignment(fragment, 'x', new Set([ownItems(1)[0]!.id]));
		expect(hijack.ok || hijack.error).toMatch(/replace a built-in one/);
		const stray = await rewrap(fragment, (w) => {
			(w[5] as string[]).pop();
		});
		const s = await decodeAssignment(stray, 'x', new Set());
		expect(s.ok || s.error).toMatch(/does not list/);
		const html = await rewrap(fragment, (w) => {
			(w[16] as Record<string, unknown>[])[0]!.prompt = '<img src=x onerror=alert(1)>';
		});
		const h = await decodeAssignment(html, 'x', new Set());
		// Text stays text: it is carried as typed and shown escaped.
		expect(h.ok && h.assignment.items?.[0]?.prompt).toBe('<img src=x onerror=alert(1)>');
		await expect(
			encodeAssignment({ ...assignment(ownItems(1)), itemIds: ['treaty-range-max'] })
		).rejects.toThrow(/does not list/);
	});

	it('carries a question whose only problem is editorial advice, as the import keeps it', async () => {
		// Moodle's own example: the prompt names "Grant", one of the answers. Advice, not a fault.
		const grant: SetQuizItem = {
			id: 'own-grant00001',
			type: 'multi',
			prompt: "What two people are entombed in Grant's tomb?",
			choices: ['No one', 'Grant', "Grant's wife", "Grant's father"],
			answers: ['Grant', "Grant's wife"],
			topic: 'general',
			difficulty: 2,
			voice: 'fact',
			tags: []
		};
		const fragment = await encodeAssignment(assignment([grant]));
		const decoded = await decodeAssignment(fragment, 'x', new Set());
		expect(decoded.ok && decoded.assignment.items).toEqual([grant]);
	});

	it('names a newer format instead of calling it damaged', async () => {
		const decoded = await decodeAssignment('3AAAA', 'x', new Set());
		expect(decoded.ok || decoded.error).toMatch(/newer version of Quire/);
	});
});

describe('links with own items and their article', () => {
	const article = {
		meta: {
			title: 'The lighthouse keepers',
			outlet: 'Harbour Notes',
			author: 'A. Reader',
			date: ''
		},
		paragraphs: [
			{ id: 'p0', kind: 'header' as const, text: 'The lighthouse keepers\nHarbour Notes' },
			{
				id: 'p1',
				kind: 'body' as const,
				text: 'The lamp was first lit in 1851. It burned whale oil.'
			}
		]
	};
	const cited: SetQuizItem = {
		id: 'own-lamp00001',
		topic: 'article',
		difficulty: 2,
		voice: 'fact',
		tags: [],
		type: 'numeric',
		prompt: 'In which year was the lamp first lit?',
		answer: 1851,
		tolerance: 0,
		paragraph: 'p1',
		source: 'The lamp was first lit in 1851.'
	};

	it('carries the article and reads it back with the quotes checked against it', async () => {
		const fragment = await encodeAssignment({ ...assignment([cited]), article });
		expect(fragment[0]).toBe('2');
		const decoded = await decodeAssignment(fragment, 'x', new Set());
		expect(decoded.ok && decoded.assignment.article).toEqual(article);
		expect(decoded.ok && decoded.assignment.items).toEqual([cited]);
	});

	it('refuses a quote that is not word for word in the carried article', async () => {
		const fragment = await encodeAssignment({ ...assignment([cited]), article });
		const edited = await rewrap(fragment, (w) => {
			(w[17] as typeof article).paragraphs[1]!.text = 'The lamp was lit in 1851.';
		});
		const d = await decodeAssignment(edited, 'x', new Set());
		expect(d.ok || d.error).toMatch(/A question in this link is not valid \(source: /);
	});

	it('refuses an article past its bounds, and an article without questions', async () => {
		const fragment = await encodeAssignment({ ...assignment([cited]), article });
		const long = await rewrap(fragment, (w) => {
			(w[17] as typeof article).paragraphs.push(
				...Array.from({ length: 30 }, (_, i) => ({
					id: `p${i + 2}`,
					kind: 'body' as const,
					text: 'x'.repeat(10_000)
				}))
			);
		});
		const d = await decodeAssignment(long, 'x', new Set());
		expect(d.ok || d.error).toMatch(/longer than 200,000 characters/);
		await expect(
			encodeAssignment({ ...assignment([], ['treaty-range-max']), items: [], article })
		).rejects.toThrow(/only with the questions/);
	});
});
