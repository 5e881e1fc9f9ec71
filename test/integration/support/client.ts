import { request } from 'node:http';

// A fresh connection for each request: a kept-alive one can be closed by the server's idle
// timeout while this process is too busy to notice, and the next request on it then fails.
const connection = 'close';

/**
 * A tiny browser stand-in for HTTP tests: keeps cookies, sends forms the way a browser does
 * (same Origin header, urlencoded body) and never follows redirects, so tests can assert them.
 */
export class Client {
	private cookies = new Map<string, string>();

	constructor(readonly base: string) {}

	private cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	private remember(res: Response) {
		for (const line of res.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const eq = pair!.indexOf('=');
			const name = pair!.slice(0, eq).trim();
			const value = pair!.slice(eq + 1).trim();
			if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
				this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	cookie(name: string) {
		return this.cookies.get(name);
	}

	async get(path: string, headers: Record<string, string> = {}) {
		const res = await fetch(this.base + path, {
			redirect: 'manual',
			headers: {
				cookie: this.cookieHeader(),
				accept: 'text/html',
				connection,
				...headers
			}
		});
		this.remember(res);
		return res;
	}

	async post(
		path: string,
		fields: Record<string, string | string[]> = {},
		headers: Record<string, string> = {}
	) {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
		const res = await fetch(this.base + path, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				cookie: this.cookieHeader(),
				origin: this.base,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				connection,
				...headers
			},
			body
		});
		this.remember(res);
		return res;
	}

	/** Posts a body as it is, with the given content type: for requests no browser form sends. */
	async postRaw(path: string, body: BodyInit, contentType: string) {
		// A stream body goes out in chunks, with no Content-Length; fetch needs duplex for that.
		const init: RequestInit & { duplex: 'half' } = {
			method: 'POST',
			redirect: 'manual',
			headers: {
				cookie: this.cookieHeader(),
				origin: this.base,
				'content-type': contentType,
				accept: 'text/html',
				connection
			},
			body,
			duplex: 'half'
		};
		const res = await fetch(this.base + path, init);
		this.remember(res);
		return res;
	}

	async signIn(email: string, password: string) {
		const res = await this.post('/sign-in', { email, password });
		if (res.status !== 303)
			throw new Error(`Sign-in failed for ${email}: ${res.status} ${await res.text()}`);
		return res;
	}
}

/**
 * A form post as a browser would send it to a server reached under another name (`host`), the way
 * a public deployment is reached: fetch cannot set the Host header, node:http can.
 */
export function postAs(
	port: number,
	host: string,
	path: string,
	fields: Record<string, string>,
	cookie = ''
): Promise<{ status: number; location: string | null; cookies: string[]; body: string }> {
	const body = new URLSearchParams(fields).toString();
	return new Promise((ok, fail) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				path,
				method: 'POST',
				headers: {
					host,
					// Without ORIGIN the Node adapter takes every request to be https.
					origin: `https://${host}`,
					cookie,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body)
				}
			},
			(res) => {
				let text = '';
				res.on('data', (d: Buffer) => (text += d.toString()));
				res.on('end', () =>
					ok({
						status: res.statusCode ?? 0,
						location: res.headers.location ?? null,
						cookies: res.headers['set-cookie'] ?? [],
						body: text
					})
				);
			}
		);
		req.on('error', fail);
		req.end(body);
	});
}
