import { describe, expect, it } from 'vitest';
import { lintSet } from '../bank/lint/index.ts';
import { acceptsTyped } from '../engine/score.ts';
import type { Candidate } from './context.ts';
import { settleSet, trimExplanation } from './repair.ts';

describe('trimExplanation', () => {
	it('cuts a quote to the clauses before the other key', () => {
		expect(
			trimExplanation(
				'It reports what happened: “The United States was at peace with that Nation, and was still in conversation with its Government, looking toward the maintenance of peace in the Pacific.”',
				'Pacific'
			)
		).toBe(
			'It reports what happened: “The United States was at peace with that Nation, and was still in conversation with its Government …”'
		);
	});

	it('drops a bracketed date that is another item’s key', () => {
		expect(
			trimExplanation(
				'The text dates them: The club bought the dam (1879); A storm broke (May 30, 1889).',
				'1879'
			)
		).toBe('The text dates them: The club bought the dam; A storm broke (May 30, 1889).');
	});

	it('drops a sentence of its own words that names the other key, keeping the rest', () => {
		expect(
			trimExplanation(
				'This is the author’s prediction, not an established fact; the author writes “Trains will not run for months.” It says what will happen, which cannot be checked in the text.',
				'The author’s prediction'
			)
		).toBe(
			'The author writes “Trains will not run for months.” It says what will happen, which cannot be checked in the text.'
		);
	});

	it('gives nothing when the key is not there or cannot be taken out', () => {
		expect(trimExplanation('The text says so.', 'Pacific')).toBeNull();
		expect(trimExplanation('Pacific.', 'Pacific')).toBeNull();
	});
});

const item = (id: string, prompt: string, answer: string, choices: string[], explanation: string) =>
	({
		kind: 'detail',
		score: 0.7,
		sentences: [],
		entry: {
			id,
			source: 'The club bought the dam in 1879 and the flood came in 1889.',
			paragraph: 'p1',
			topic: 'article',
			difficulty: 2,
			tags: ['details'],
			voice: 'fact',
			level: 'recall',
			type: 'single',
			prompt,
			choices,
			answer,
			explanation
		}
	}) as unknown as Candidate;

describe('settleSet', () => {
	const context = {
		paragraphs: [{ id: 'p1', text: 'The club bought the dam in 1879 and the flood came in 1889.' }],
		accepts: acceptsTyped
	};
	it('leaves a set with no checker error whose explanation printed another item’s key', () => {
		const a = item(
			'a',
			'In what year did the club buy the dam?',
			'1879',
			['1879', '1889', '1900', '1911'],
			'The text says so.'
		);
		const b = item(
			'b',
			'In what year did the flood come?',
			'1889',
			['1879', '1889', '1900', '1911'],
			'Dated in the text: the club bought the dam (1879); the flood came (1889).'
		);
		const before = lintSet([a.entry, b.entry], context).findings.filter(
			(f) => f.severity === 'error'
		);
		expect(before.length).toBeGreaterThan(0);
		const { set, dropped } = settleSet([a, b], context);
		expect(dropped).toEqual([]);
		expect(
			lintSet(
				set.map((c) => c.entry),
				context
			).findings.filter((f) => f.severity === 'error')
		).toEqual([]);
		expect(set[1]?.entry.explanation).not.toContain('1879');
	});
});

describe('trimExplanation on a dated list', () => {
	it('drops the step that names the other key, an initial inside it no end of a sentence', () => {
		expect(
			trimExplanation(
				'The text dates them: The fire started (October 8); Mayor Roswell B. Mason declared martial law (October 11); The council passed a resolution (1997).',
				'Roswell B. Mason'
			)
		).toBe(
			'The text dates them: The fire started (October 8); The council passed a resolution (1997).'
		);
	});
});
