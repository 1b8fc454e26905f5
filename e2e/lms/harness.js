// The LMS side of the SCORM e2e harness: what Moodle or Canvas do with a package, in small. It
// unzips the uploaded package (fflate), reads imsmanifest.xml, stores each file on the harness
// server (PUT /sco/…), and launches the SCO in an iframe with scorm-again's Scorm12API on
// window.API. What the API records is kept between launches, as an LMS keeps it, and exposed on
// window.lms for the test.
import { unzipSync, strFromU8 } from '/vendor/fflate.js';
import { Scorm12API } from '/vendor/scorm12.js';

const ADLCP = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
const $ = (id) => document.getElementById(id);

const lms = {
	/** Paths of the files in the zip. */
	files: [],
	/** What the manifest says: its one SCO's launch file, the files it lists, mastery score. */
	manifest: null,
	/** Problems with the package, in words. */
	problems: [],
	launches: 0,
	commits: 0,
	finishes: 0,
	/** The cmi data as of the last LMSCommit or LMSFinish (renderCMIToJSONObject().cmi). */
	cmi: null,
	/** Every LMSSetValue call, in order: [element, value]. */
	sets: [],
	/** Set when the SCO's frame is loaded. */
	ready: false
};
window.lms = lms;

function readManifest(xml) {
	const doc = new DOMParser().parseFromString(xml, 'application/xml');
	if (doc.getElementsByTagName('parsererror').length)
		throw new Error('imsmanifest.xml does not parse');
	const organizations = doc.getElementsByTagName('organization');
	const items = doc.getElementsByTagName('item');
	const resources = [...doc.getElementsByTagName('resource')];
	const scos = resources.filter((r) => r.getAttributeNS(ADLCP, 'scormtype') === 'sco');
	const item = items[0];
	const mastery = item?.getElementsByTagNameNS(ADLCP, 'masteryscore')[0];
	const schemaversion = doc.getElementsByTagName('schemaversion')[0]?.textContent ?? '';
	return {
		schemaversion,
		organizations: organizations.length,
		items: items.length,
		scos: scos.length,
		identifierref: item?.getAttribute('identifierref') ?? '',
		resourceId: scos[0]?.getAttribute('identifier') ?? '',
		launch: scos[0]?.getAttribute('href') ?? '',
		listed: scos[0]
			? [...scos[0].getElementsByTagName('file')].map((f) => f.getAttribute('href'))
			: [],
		masteryscore: mastery ? mastery.textContent : null
	};
}

async function upload(file) {
	const zip = unzipSync(new Uint8Array(await file.arrayBuffer()));
	lms.files = Object.keys(zip).filter((p) => !p.endsWith('/'));
	if (!zip['imsmanifest.xml']) throw new Error('no imsmanifest.xml at the root of the zip');
	lms.manifest = readManifest(strFromU8(zip['imsmanifest.xml']));
	for (const path of lms.files) {
		const res = await fetch(`/sco/${path}`, { method: 'PUT', body: zip[path] });
		if (!res.ok) throw new Error(`could not store ${path}`);
	}
	$('files').replaceChildren(
		...lms.files.map((p) => {
			const li = document.createElement('li');
			li.textContent = p;
			return li;
		})
	);
	$('status').textContent = `Uploaded: ${lms.files.length} files, launch ${lms.manifest.launch}`;
	$('launch').disabled = false;
}

function launch() {
	lms.ready = false;
	const api = new Scorm12API({ autocommit: false, logLevel: 5 });
	const kept = lms.cmi;
	const core = kept?.core ?? {};
	api.loadFromJSON({
		...(kept ?? {}),
		core: {
			...core,
			student_id: 'student-1',
			student_name: 'Doe, Jane',
			lesson_status: core.lesson_status || 'not attempted',
			// An LMS launches a suspended attempt as a resume, anything else afresh.
			entry: core.exit === 'suspend' ? 'resume' : core.exit === undefined ? 'ab-initio' : '',
			exit: '',
			session_time: ''
		},
		student_data: { mastery_score: lms.manifest?.masteryscore ?? '' }
	});
	const keep = () => (lms.cmi = api.renderCMIToJSONObject().cmi);
	api.on('LMSSetValue.cmi.*', (element, value) => lms.sets.push([element, value]));
	api.on('LMSCommit', () => {
		lms.commits++;
		keep();
	});
	api.on('LMSFinish', () => {
		lms.finishes++;
		keep();
	});
	window.API = api;
	lms.launches++;
	const frame = document.createElement('iframe');
	frame.title = 'SCORM content';
	frame.width = '800';
	frame.height = '700';
	frame.addEventListener('load', () => (lms.ready = true));
	frame.src = `/sco/${lms.manifest.launch}`;
	$('frame').replaceChildren(frame);
	$('close').disabled = false;
}

function close() {
	// Removing the frame unloads the SCO: its pagehide handler runs (LMSFinish), as when a
	// learner leaves the activity.
	$('frame').replaceChildren();
	$('close').disabled = true;
}

function refused(error) {
	lms.problems.push(String(error.message ?? error));
	$('status').textContent = `Refused: ${error.message ?? error}`;
}

$('package').addEventListener('change', (e) => {
	const file = e.currentTarget.files?.[0];
	if (file) upload(file).catch(refused);
});
// ?package=/package.zip: the package the test offered on the server, uploaded as if chosen (for
// drivers that cannot choose a file).
const offered = new URLSearchParams(location.search).get('package');
if (offered)
	fetch(offered)
		.then((res) => {
			if (!res.ok) throw new Error(`no package at ${offered}`);
			return res.blob();
		})
		.then(upload)
		.catch(refused);
$('launch').addEventListener('click', launch);
$('close').addEventListener('click', close);
