// One student's and one teacher's journey, and the SCORM run in the harness LMS (e2e/lms), in a real
// engine: the same steps for every engine. The steps share one browser profile and run in order;
// once one fails, the rest are skipped.
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { startHarness, type Harness } from '../e2e/lms/server';
import { startOwnServer, type OwnServer } from '../e2e/server';
import type { Bank, QuizItem } from '../src/lib/bank/schema';
import { loadBank } from '../src/lib/bank/load';
import { decodeBackup } from '../src/lib/db/backup-format';
import { STEP_TIMEOUT, type Engine } from './engines';
import {
	captureDownloads,
	capturedFile,
	clickOn,
	find,
	re,
	readTables,
	textIn,
	typeInto,
	waitFor,
	waitForHeading,
	waitForHydration,
	waitForPath,
	waitForText
} from './page';

/** The five question types the quiz mixes: choice, several choices, blanks, a number, an order. */
const QUIZ_TYPES = ['single', 'multi', 'cloze', 'numeric', 'order'] as const;
const QUESTION = 'section.question';
const FEEDBACK = 'section[aria-label="Feedback"]';

type Row = Record<string, unknown>;

/** Registers the journey's tests for one engine. */
export function journey(engineName: string, launch: () => Promise<Engine>) {
	void describe(engineName, { timeout: 15 * 60_000 }, () => {
		let engine: Engine | undefined;
		let server: OwnServer | undefined;
		let harness: Harness | undefined;
		let origin = '';
		let bank: Bank;
		let failed = '';
		let sessionId = '';

		before(async () => {
			const loaded = await loadBank('questions');
			if (!loaded.bank)
				throw new Error('The question bank does not validate (npm run bank:check).');
			bank = loaded.bank;
			server = await startOwnServer();
			origin = server.url;
			// The stand-in LMS of the SCORM step (e2e/lms), on its own origin and port.
			harness = await startHarness();
			const started = Date.now();
			engine = await launch();
			console.log(
				`› ${engineName}: ${engine.label}, started in ${((Date.now() - started) / 1000).toFixed(1)} s`
			);
		});

		after(async () => {
			await engine?.close();
			await server?.stop();
			await harness?.stop();
		});

		/** A step of the journey: skipped once an earlier one failed, since each builds on the last. */
		function step(name: string, body: (e: Engine) => Promise<void>) {
			void test(`${engineName}: ${name}`, { timeout: 5 * STEP_TIMEOUT }, async (t: TestContext) => {
				if (failed) return t.skip(`an earlier step failed: ${failed}`);
				if (!engine) throw new Error(`${engineName} did not start.`);
				try {
					await body(engine);
					assert.deepEqual(await engine.pageErrors(), [], 'the page reported no errors');
				} catch (error) {
					failed = name;
					throw error;
				}
			});
		}

		step('a first visit installs the service worker, which controls the page', async (e) => {
			await e.goto(`${origin}/`);
			await waitForHeading(e, 'Learn it for good');
			await waitForHydration(e);
			const worker = await waitFor(e, 'a service worker to control the page', () =>
				navigator.serviceWorker.controller
					? navigator.serviceWorker.ready.then((r) => ({
							scope: r.scope,
							script: r.active?.scriptURL ?? ''
						}))
					: null
			);
			assert.deepEqual(worker, { scope: `${origin}/`, script: `${origin}/sw.js` });
		});

		step('offline: / and a nested route load and reload from the worker', async (e) => {
			// The server goes away for good: every later step runs offline, as on a train.
			await server?.stop();
			server = undefined;
			const down = await fetch(`${origin}/`).then(
				() => 'still up',
				() => 'down'
			);
			assert.equal(down, 'down', 'the server must be gone');
			for (const [path, heading] of [
				['/', 'Learn it for good'],
				['/study/session', 'No quiz in progress'],
				['/teach/results', 'Results']
			] as const) {
				await e.goto(`${origin}${path}`);
				await waitForHeading(e, heading);
				await waitForHydration(e);
				await e.reload();
				await waitForHeading(e, heading);
				await waitForHydration(e);
				assert.equal(await e.run(() => window.location.pathname), path);
			}
		});

		const items = () =>
			QUIZ_TYPES.map((type) => {
				const item = bank.items.find((i) => i.type === type);
				if (!item) throw new Error(`The bank has no ${type} item.`);
				return item;
			});

		/** The item on screen, told apart from the other candidates by its prompt. */
		async function shownItem(e: Engine, candidates: QuizItem[]): Promise<QuizItem> {
			const text = await textIn(e, QUESTION);
			const found = candidates
				.filter((i) => text.includes(i.prompt.replace(/\s+/g, ' ').trim()))
				.sort((a, b) => b.prompt.length - a.prompt.length)[0];
			if (!found)
				throw new Error(`No quiz item matches the question on screen: ${text.slice(0, 160)}`);
			return found;
		}

		/** Answers the item on screen, with clicks and typing: rightly, or a true/false wrongly. */
		async function answer(e: Engine, item: QuizItem, right = true) {
			const within = QUESTION;
			switch (item.type) {
				case 'single':
					await clickOn(e, { css: 'label.choice', name: item.answer, within });
					break;
				case 'multi':
					for (const choice of item.answers)
						await clickOn(e, { css: 'label.choice', name: choice, within });
					break;
				case 'truefalse':
					await clickOn(e, {
						css: 'label.choice',
						name: item.answer === right ? 'True' : 'False',
						within
					});
					break;
				case 'cloze': {
					const blanks = [...item.text.matchAll(/\{\{([^}]+)\}\}/g)].map((m) =>
						m[1]!.split('|')[0]!.trim()
					);
					for (const [i, text] of blanks.entries())
						await typeInto(
							e,
							{ css: 'input', name: `Blank ${i + 1} of ${blanks.length}`, within },
							text
						);
					break;
				}
				case 'numeric':
				case 'short':
					await typeInto(
						e,
						{ css: 'input[type="text"]', within },
						item.type === 'numeric' ? String(item.answer) : item.answer
					);
					break;
				case 'order':
					// Selection sort with the "Move up" buttons.
					for (let target = 0; target < item.items.length; target++) {
						const wanted = item.items[target]!;
						for (;;) {
							const entries = await e.run(
								(sel: string) =>
									[...document.querySelectorAll(`${sel} ol.order li .text`)].map((el) =>
										(el.textContent ?? '').trim()
									),
								within
							);
							const at = entries.indexOf(wanted);
							assert.ok(at >= 0, `“${wanted}” is not among the entries: ${entries.join(' | ')}`);
							if (at <= target) break;
							await clickOn(e, { css: 'button', name: `Move “${wanted}” up`, within });
							await waitFor(
								e,
								`“${wanted}” to move up`,
								(sel: string, text: string, from: number) =>
									[...document.querySelectorAll(`${sel} ol.order li .text`)].findIndex(
										(el) => (el.textContent ?? '').trim() === text
									) ===
									from - 1,
								within,
								wanted,
								at
							);
						}
					}
					break;
				case 'match':
					throw new Error('The journey does not answer matching questions.');
			}
		}

		/** Answers question n of the practice quiz, checks it is marked right, moves on. */
		async function answerQuestion(e: Engine, n: number, total: number, quiz: QuizItem[]) {
			await waitForText(e, '.head .meta', `Question ${n} of ${total}`);
			const item = await shownItem(e, quiz);
			await answer(e, item);
			await clickOn(e, { css: 'button', name: 'Check' });
			await waitForText(e, `${FEEDBACK} [role="status"]`, 'Correct');
			await clickOn(e, { css: 'button', name: n === total ? 'See results' : 'Next' });
			return item;
		}

		/** Ticks these questions on /teach, each found by searching its id. */
		async function pick(e: Engine, picked: QuizItem[]) {
			for (const item of picked) {
				const search = await find(e, { css: 'input[type="search"]', name: 'Search questions' });
				await e.run((sel: string) => {
					const field = document.querySelector(sel) as HTMLInputElement;
					field.value = '';
					field.dispatchEvent(new Event('input', { bubbles: true }));
				}, search);
				await e.type(search, item.id);
				await waitForText(e, '.picker', 'Showing 1 of');
				await clickOn(e, {
					css: 'input[type="checkbox"]',
					within: 'ul[aria-label="Questions to choose from"]'
				});
			}
		}

		async function quizRows(e: Engine) {
			const { sessions, attempts } = await readTables(e, ['sessions', 'attempts']);
			const session = sessions!.find((s) => s.id === sessionId);
			return { session, attempts: attempts!.filter((a) => a.sessionId === sessionId) };
		}

		step('a 5-question quiz of mixed types: answers are stored in IndexedDB', async (e) => {
			const quiz = items();
			await e.goto(`${origin}/study?mode=practice&retry=${quiz.map((i) => i.id).join(',')}`);
			const url = await waitForPath(e, /^\/study\/session\?id=/);
			sessionId = decodeURIComponent(url.replace(/^.*[?&]id=/, ''));
			await waitForHydration(e);
			const first = await answerQuestion(e, 1, 5, quiz);
			const second = await answerQuestion(e, 2, 5, quiz);
			await waitForText(e, '.head .meta', 'Question 3 of 5');
			// Moving on is stored a moment after the screen moves (changes are coalesced into one
			// write): wait for the stored position to reach the screen's, then check every field.
			const deadline = Date.now() + STEP_TIMEOUT;
			let rows = await quizRows(e);
			while (
				(rows.session?.state as { position?: number } | undefined)?.position !== 2 &&
				Date.now() < deadline
			) {
				await new Promise((r) => setTimeout(r, 100));
				rows = await quizRows(e);
			}
			const { session, attempts } = rows;
			assert.ok(session, `the session ${sessionId} is stored`);
			const state = session.state as { status: string; position: number; answers: Row };
			assert.equal(state.status, 'active');
			assert.equal(state.position, 2);
			assert.deepEqual(Object.keys(state.answers).sort(), [first.id, second.id].sort());
			assert.deepEqual(
				attempts.map((a) => [a.itemId, a.correct]),
				[
					[first.id, true],
					[second.id, true]
				]
			);
		});

		step('a reload resumes at the same question; the quiz ends at 5 of 5', async (e) => {
			const quiz = items();
			const before = await shownItem(e, quiz);
			await e.reload();
			await waitForHydration(e);
			await waitForText(e, '.head .meta', 'Question 3 of 5');
			assert.equal((await shownItem(e, quiz)).id, before.id, 'the same question is shown');
			for (let n = 3; n <= 5; n++) await answerQuestion(e, n, 5, quiz);
			await waitForPath(e, /^\/study\/results\?id=/);
			await waitForText(e, 'section[aria-label="Score"]', '100%', '5 of 5 fully right');
			const { session, attempts } = await quizRows(e);
			assert.equal(session?.status, 'submitted');
			assert.deepEqual(
				attempts.map((a) => a.itemId).sort(),
				quiz.map((i) => i.id).sort(),
				'one stored answer per question'
			);
			assert.ok(attempts.every((a) => a.correct === true));
		});

		step('a flashcard is reviewed and rated Good; the card and its log are stored', async (e) => {
			await e.goto(`${origin}/review`);
			await waitForHeading(e, 'Review');
			await waitForHydration(e);
			const front = await waitFor(e, 'a flashcard', () => {
				const card = document.querySelector('section[aria-label="Flashcard"] .face .front');
				return (card?.textContent ?? '').trim();
			});
			const card = bank.flashcards.find((c) => c.front.trim() === front || c.back.trim() === front);
			assert.ok(card, `the card on screen is a flashcard of the bank: ${front}`);
			const back = card.front.trim() === front ? card.back : card.front;
			await clickOn(e, { css: 'button', name: 'Show answer' });
			await waitForText(e, 'section[aria-label="Flashcard"] .back', back.trim());
			const startedAt = Date.now();
			await clickOn(e, {
				css: 'button',
				name: re(/^Good\b/),
				within: '[role="group"][aria-label="How well did you remember?"]'
			});
			await waitFor(
				e,
				'the next card',
				(was: string) => {
					const face = document.querySelector('section[aria-label="Flashcard"] .face .front');
					const shown = (face?.textContent ?? '').trim();
					const done = document.querySelector('section.done');
					return done !== null || (shown !== '' && shown !== was);
				},
				front
			);
			const { cards, reviewLogs } = await readTables(e, ['cards', 'reviewLogs']);
			const stored = cards!.find((c) => c.id === card.id);
			assert.ok(stored, 'the rated card is stored');
			assert.equal(stored.kind, 'flashcard');
			assert.equal(stored.state, 1, 'a new card rated Good is in learning');
			assert.ok(Number(stored.due) > startedAt, 'it is due again later');
			assert.ok(
				reviewLogs!.some((l) => l.cardId === card.id),
				'the rating is in the review log'
			);
		});

		step('Settings exports a backup that the app’s own import check accepts', async (e) => {
			await e.goto(`${origin}/settings`);
			await waitForHeading(e, 'Settings');
			await waitForHydration(e);
			await find(e, { css: 'table', name: 'Stored on this device' });
			// Asking to keep the data must not hold anything up, even while a browser's prompt is open.
			await waitForText(e, 'section[aria-labelledby="storage-heading"]', 'Persistent storage');
			const keep = await e.run(() =>
				[...document.querySelectorAll('button')].some(
					(b) => (b.textContent ?? '').trim() === 'Keep my data on this device'
				)
			);
			if (keep) {
				await clickOn(e, { css: 'button', name: 'Keep my data on this device' });
				await waitFor(e, 'an answer to “Keep my data on this device”', () => {
					const status = document.querySelector(
						'section[aria-labelledby="storage-heading"] [role="status"]'
					);
					return /^(Asked|Done|The browser declined)/.test((status?.textContent ?? '').trim());
				});
			}
			await captureDownloads(e);
			await clickOn(e, { css: 'button', name: 'Export all data' });
			const file = await capturedFile(e, /^quire-backup-\d{4}-\d{2}-\d{2}\.json$/);
			await waitForText(e, 'main', `Saved ${file.name}`);
			const decoded = await decodeBackup(file.text);
			assert.ok(decoded.ok, decoded.ok ? '' : decoded.error);
			const data = decoded.backup.data as Record<string, Row[]>;
			const session = data.sessions!.find((s) => s.id === sessionId);
			assert.equal(session?.status, 'submitted', 'the finished quiz is in the backup');
			assert.equal(data.attempts!.filter((a) => a.sessionId === sessionId).length, 5);
			const quizIds = items().map((i) => i.id);
			const cardIds = new Set(data.cards!.map((c) => c.id));
			assert.ok(
				quizIds.every((id) => cardIds.has(id)),
				'each answered item is a review card'
			);
			assert.ok(data.reviewLogs!.length >= quizIds.length + 1, 'the reviews are in the backup');
		});

		step(
			'an assignment link from /teach is taken offline and yields a result code the teacher reads',
			async (e) => {
				const title = `Engines check ${engineName}`;
				const student = 'Robin Student';
				const picked = (['truefalse', 'single'] as const).map((t) =>
					bank.items.find((i) => i.type === t)!
				);

				// The teacher makes the link (the teacher key is created on first use).
				await e.goto(`${origin}/teach`);
				await waitForHeading(e, 'Teach');
				await waitForHydration(e);
				await typeInto(e, { css: 'input', name: 'Title' }, title);
				await pick(e, picked);
				await waitForText(e, '.picker', '2 ticked');
				await clickOn(e, { css: 'button', name: 'Create the link' });
				await waitForText(e, 'section.created', `Link ready: ${title}`);
				const link = await waitFor(e, 'the assignment link', () => {
					const label = [...document.querySelectorAll('label')].find(
						(l) => (l.textContent ?? '').trim() === 'Assignment link'
					);
					const field = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
					return field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement
						? field.value
						: '';
				});
				assert.match(link, new RegExp(`^${origin.replace(/[.]/g, '\\.')}/a#1[A-Za-z0-9_-]+$`));

				// The student opens it, keeps it under a name, and takes the test.
				await e.goto(link);
				await waitForText(e, 'main', title);
				await waitForHydration(e);
				await typeInto(e, { css: 'input', name: 'Your name' }, student);
				await clickOn(e, { css: 'button', name: 'Keep this assignment' });
				await waitForText(e, 'main', `Ready, ${student}`);
				await clickOn(e, { css: 'button', name: 'Start' });
				await waitForPath(e, /^\/study\/session\?id=/);
				for (let n = 1; n <= picked.length; n++) {
					await waitForText(e, '.head .meta', `Question ${n} of ${picked.length}`);
					await answer(e, await shownItem(e, picked));
					if (n < picked.length) await clickOn(e, { css: 'button', name: 'Next' });
				}
				await clickOn(e, { css: 'button', name: 'Submit test' });
				await clickOn(e, { css: 'button', name: 'Submit', within: 'dialog[open]' });
				await waitForPath(e, /^\/a\/result\?session=/);
				await waitForText(e, 'section[aria-label="Score"]', '100%');
				const code = await waitFor(e, 'the result code', () => {
					const label = [...document.querySelectorAll('label')].find(
						(l) => (l.textContent ?? '').trim() === 'Result code'
					);
					const field = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
					return field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement
						? field.value
						: '';
				});
				assert.match(code, /^Q1:[A-Za-z0-9_-]+$/);

				// The teacher pastes the code: it opens with the key made in this engine.
				await e.goto(`${origin}/teach`);
				await waitForHydration(e);
				await clickOn(e, { css: 'a', name: title });
				await waitForHeading(e, 'Results');
				await waitForHydration(e);
				const codes = await find(e, { css: 'textarea', name: 'Paste result codes, one or many' });
				await e.run(
					(sel: string, text: string) => {
						const field = document.querySelector(sel) as HTMLTextAreaElement;
						field.focus();
						field.value = text;
						field.dispatchEvent(new Event('input', { bubbles: true }));
					},
					codes,
					code
				);
				await clickOn(e, { css: 'button', name: 'Import codes' });
				await waitForText(
					e,
					'ul[aria-label="Import results"]',
					`Imported ${student}, attempt 1: 100%`
				);
			}
		);

		/** What the harness LMS recorded (e2e/lms/harness.js's window.lms). */
		interface Lms {
			files: string[];
			manifest: { launch: string; listed: string[]; masteryscore: string | null } | null;
			problems: string[];
			commits: number;
			finishes: number;
			cmi: {
				suspend_data: string;
				core: {
					lesson_status: string;
					exit: string;
					score: { raw: string; min: string; max: string };
				};
				interactions: Record<string, { id: string; type: string; result: string }>;
			} | null;
		}
		const lmsState = (e: Engine) => e.run(() => (window as unknown as { lms: Lms }).lms);
		const SCO = 'iframe[title="SCORM content"]';

		step(
			'an assignment as a SCORM 1.2 package runs in an LMS frame under scorm-again: the score, a resume, one attempt',
			async (e) => {
				if (!harness) throw new Error('The harness LMS did not start.');
				const title = `SCORM check ${engineName}`;
				const picked = (['single', 'multi', 'truefalse', 'short'] as const).map((t) =>
					bank.items.find((i) => i.type === t)!
				);
				// Scripted: every answer right but the true/false one, so Quire scores 3 of 4: 75%.
				const right = (item: QuizItem) => item.type !== 'truefalse';

				// The teacher (offline: the app runs from its worker) makes a test of four questions,
				// one attempt, pass mark 50 (the form's defaults), and downloads it for the LMS.
				await e.goto(`${origin}/teach`);
				await waitForHeading(e, 'Teach');
				await waitForHydration(e);
				await typeInto(e, { css: 'input', name: 'Title' }, title);
				await pick(e, picked);
				await waitForText(e, '.picker', '4 ticked');
				await clickOn(e, { css: 'button', name: 'Create the link' });
				await waitForText(e, 'section.created', `Link ready: ${title}`);
				await captureDownloads(e);
				await clickOn(e, {
					css: 'button',
					name: 'Download for your LMS (SCORM 1.2)',
					within: 'section.created'
				});
				const zip = await capturedFile(e, /-scorm12\.zip$/);
				assert.equal(zip.name, `scorm-check-${engineName.toLowerCase()}-scorm12.zip`);
				harness.offer(new Uint8Array(zip.bytes));

				// The LMS takes it: the manifest lists every file of the zip, the pass mark is its mastery score.
				await e.goto(`${harness.url}/?package=/package.zip`);
				await waitForText(e, '#status', 'Uploaded');
				const uploaded = await lmsState(e);
				assert.deepEqual(uploaded.problems, []);
				assert.equal(uploaded.manifest?.launch, 'index.html');
				assert.equal(uploaded.manifest?.masteryscore, '50');
				assert.deepEqual(
					[...(uploaded.manifest?.listed ?? [])].sort(),
					uploaded.files.filter((f) => f !== 'imsmanifest.xml').sort()
				);

				// First launch: the learner named by the LMS answers two, reaches the third, leaves.
				await clickOn(e, { css: 'button', name: 'Launch' });
				await e.frame(SCO);
				await waitForText(e, 'main', 'Signed in as Doe, Jane');
				await clickOn(e, { css: 'button', name: 'Start' });
				for (let n = 1; n <= 2; n++) {
					await waitForText(e, '.head .meta', `Question ${n} of 4`);
					const item = await shownItem(e, picked);
					await answer(e, item, right(item));
					await clickOn(e, { css: 'button', name: 'Next' });
				}
				await waitForText(e, '.head .meta', 'Question 3 of 4');
				const third = await shownItem(e, picked);
				assert.deepEqual(await e.pageErrors(), [], 'the SCO reported no errors');
				await e.frame(null);
				assert.equal((await lmsState(e)).cmi?.core.lesson_status, 'incomplete');
				await waitFor(
					e,
					'the answers committed',
					() => (window as unknown as { lms: Lms }).lms.commits >= 3
				);
				await clickOn(e, { css: 'button', name: 'Close' });
				await waitFor(
					e,
					'LMSFinish as the frame goes',
					() => (window as unknown as { lms: Lms }).lms.finishes === 1
				);
				const suspended = await lmsState(e);
				assert.equal(suspended.cmi?.core.exit, 'suspend');
				assert.equal(suspended.cmi?.core.lesson_status, 'incomplete');
				const kept = suspended.cmi?.suspend_data.length ?? 0;
				assert.ok(kept > 0 && kept <= 4096, `suspend_data of ${kept} characters`);

				// Relaunch: the attempt resumes at the same question; the rest answered and submitted.
				await clickOn(e, { css: 'button', name: 'Launch' });
				await e.frame(SCO);
				await waitForText(e, '.head .meta', 'Question 3 of 4');
				assert.equal((await shownItem(e, picked)).id, third.id, 'the same question is shown');
				for (let n = 3; n <= 4; n++) {
					await waitForText(e, '.head .meta', `Question ${n} of 4`);
					const item = await shownItem(e, picked);
					await answer(e, item, right(item));
					if (n < 4) await clickOn(e, { css: 'button', name: 'Next' });
				}
				await clickOn(e, { css: 'button', name: 'Submit test' });
				await clickOn(e, { css: 'button', name: 'Submit', within: 'dialog[open]' });
				await waitForText(e, 'main', 'Your score: 75% (3 of 4 right) — passed');
				await waitForText(e, 'main', 'Recorded in your LMS');
				assert.deepEqual(await e.pageErrors(), [], 'the SCO reported no errors');
				await e.frame(null);
				await waitFor(
					e,
					'LMSFinish on submit',
					() => (window as unknown as { lms: Lms }).lms.finishes === 2
				);
				const done = await lmsState(e);
				assert.equal(done.cmi?.core.lesson_status, 'passed');
				assert.deepEqual(done.cmi?.core.score, { raw: '75', min: '0', max: '100' });
				const byId = new Map(picked.map((i) => [i.id, i]));
				const interactions = Object.values(done.cmi?.interactions ?? {});
				assert.deepEqual(
					interactions.map((r) => [r.id, r.result]).sort(),
					picked.map((i) => [i.id, right(i) ? 'correct' : 'wrong']).sort()
				);
				assert.ok(interactions.every((r) => byId.has(r.id)));

				// A second attempt is refused: the assignment allows one.
				await clickOn(e, { css: 'button', name: 'Close' });
				await clickOn(e, { css: 'button', name: 'Launch' });
				await e.frame(SCO);
				await waitForText(e, 'main', 'You have used your one attempt', 'Your last result: 75%');
				const inside = await e.run(() => ({
					start: [...document.querySelectorAll('button')].some((b) =>
						/^Start/.test((b.textContent ?? '').trim())
					),
					workers: 'serviceWorker' in navigator
				}));
				assert.equal(inside.start, false, 'no Start button');
				if (inside.workers) {
					const registered = await e.run(() =>
						navigator.serviceWorker.getRegistrations().then((r) => r.length)
					);
					assert.equal(registered, 0, 'no service worker in the LMS frame');
				}
				assert.deepEqual(await e.pageErrors(), [], 'the SCO reported no errors');
				await e.frame(null);
				assert.equal((await lmsState(e)).cmi?.core.lesson_status, 'passed');
				// Self-contained: the SCO loaded its package's files and nothing else from the LMS.
				assert.deepEqual([...new Set(harness.requests)].sort(), [
					'index.html',
					'player.css',
					'player.js',
					'set.js'
				]);
			}
		);
	});
}
