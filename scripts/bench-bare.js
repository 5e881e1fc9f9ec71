// The baseline `npm run bench` compares against: node:http and better-sqlite3 with the app's
// pragmas, saving the same survey page in one transaction, and nothing else.
// Usage: node scripts/bench-bare.js <database file> <port>
import Database from 'better-sqlite3';
import { createServer } from 'node:http';

const [path, port] = process.argv.slice(2);
const db = new Database(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.exec(`create table response (id integer primary key, updated_at integer);
	create table answer (response_id integer not null references response(id), question_id text not null, question_code text not null, value text not null, primary key (response_id, question_id));`);
const insertResponse = db.prepare('insert into response (updated_at) values (?)');
for (let i = 0; i < 1000; i++) insertResponse.run(Date.now());
const clear = db.prepare('delete from answer where response_id = ? and question_id in (?, ?)');
const insert = db.prepare('insert into answer values (?, ?, ?, ?)');
const touch = db.prepare('update response set updated_at = ? where id = ?');
const save = db.transaction((id, value) => {
	clear.run(id, 'contact', 'topics');
	insert.run(id, 'contact', 'CONTACT', JSON.stringify({ type: 'choice', value }));
	touch.run(Date.now(), id);
});
const server = createServer((req, res) => {
	if (req.method === 'GET') return res.writeHead(200).end('ready');
	let body = '';
	req.on('data', (c) => (body += c));
	req.on('end', () => {
		const form = new URLSearchParams(body);
		save.immediate(Number(form.get('response')), form.get('q_contact'));
		res.writeHead(303, { location: '/next' }).end();
	});
});
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => db.close()));
